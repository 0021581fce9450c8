"""A request to review a hidden listing: the artisan's note, then the curator's decision and reply."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 1000
REPLY_MAX_LENGTH = 2000


class ReviewRequest(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Waiting for a curator")
        UNHIDDEN = "unhidden", _("Listing shown again")
        KEPT_HIDDEN = "kept_hidden", _("Kept hidden")

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="review_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(max_length=NOTE_MAX_LENGTH)
    # Why the listing was hidden when the artisan asked: the product's reason changes if it is hidden again.
    hidden_reason = models.TextField(blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    reply = models.TextField(max_length=REPLY_MAX_LENGTH, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The service checks first; this backs it up against two members asking at the same moment.
            models.UniqueConstraint(
                fields=["product"], condition=Q(state="open"), name="one_open_review_request_per_product"
            )
        ]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"Review of {self.product_id} ({self.state})"
