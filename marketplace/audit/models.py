"""One audit record per state change of any stateful object: who, when, from, to."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from marketplace.labels import choice_label


class StateChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=40, default="state")
    from_state = models.CharField(max_length=40)
    to_state = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}: {self.from_state} → {self.to_state}"

    @property
    def from_state_label(self) -> str:
        return self.label_of(self.from_state)

    @property
    def to_state_label(self) -> str:
        return self.label_of(self.to_state)

    def label_of(self, value: str) -> str:
        """`value` as people read it ("Awaiting payment"; see marketplace.labels). The content type comes from
        Django's cache, so a page of changes costs no query per row."""
        return choice_label(
            ContentType.objects.get_for_id(self.content_type_id).model_class(), self.field, value
        )
