"""An import of a listings file: the uploaded files kept between the dry run and the apply, its state,
progress and report, so the person never uploads twice and a background run can be followed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.files import PrivateFileField, RandomName


class ImportJob(models.Model):
    class State(models.TextChoices):
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked")
        APPLYING = "applying", _("Applying")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Could not be read")

    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    # Private: a supplier's unpublished prices are in it. Stored names are random (RandomName).
    table = PrivateFileField(upload_to=RandomName("imports"))
    table_name = models.CharField(max_length=200)
    photos = PrivateFileField(upload_to=RandomName("imports"), blank=True)
    photos_name = models.CharField(max_length=200, blank=True)
    all_or_nothing = models.BooleanField(default=False)
    # The language of the person who uploaded: a background run writes the report's messages in it.
    language = models.CharField(max_length=10, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # {"issues": [{line, column, value, message}], "rows": [{line, sku, title, action}], "counts": {...}}
    report = models.JSONField(default=dict, blank=True)
    # What the apply did: {"created": n, "changed": n, "unchanged": n, "skipped": n}.
    applied = models.JSONField(default=dict, blank=True)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "catalog"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import {self.pk} of {self.table_name}"

    def get_absolute_url(self):
        return reverse("sell:import-job", args=[self.pk])

    @property
    def counts(self):
        return self.report.get("counts", {})

    @property
    def is_running(self):
        return self.state in (self.State.CHECKING, self.State.APPLYING)
