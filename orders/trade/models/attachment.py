"""Files attached to inquiry messages and RFQs: private (marketplace.files), served only by trade:attachment
after `orders.trade.attachments.may_download`."""

from django.db import models
from django.urls import reverse

from marketplace.files import PrivateFileField, RandomName


class Attachment(models.Model):
    message = models.ForeignKey(
        "trade.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    rfq = models.ForeignKey(
        "trade.RFQ", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = PrivateFileField(upload_to=RandomName("trade"))
    name = models.CharField(max_length=200)  # as the sender called it: shown, and the download's file name
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(message__isnull=False, rfq__isnull=True)
                | models.Q(message__isnull=True, rfq__isnull=False),
                name="attachment_has_one_owner",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def download_name(self):
        return self.name

    def get_download_url(self):
        return reverse("trade:attachment", args=[self.pk])
