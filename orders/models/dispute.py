"""Disputes a buyer opens on a paid order; an operator resolves them (orders/disputes.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.files import PrivateFileField, RandomName, content_type_for


class Dispute(models.Model):
    """A buyer's complaint or a card dispute; while open, the order's escrow is frozen."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    class Resolution(models.TextChoices):
        REFUND = "refund", _("Full refund")
        PARTIAL_REFUND = "partial_refund", _("Partial refund, rest released")
        RELEASE = "release", _("Released to the supplier")

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="disputes")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    stripe_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    reason = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One open dispute per order, whoever opened it (buyer or card network): a second complaint joins
            # the open one (orders/disputes.py), so an operator settles the order's escrow once.
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(state="open"), name="one_open_dispute_per_order"
            )
        ]

    def __str__(self):
        return f"Dispute on order {self.order_id}"


class DisputePhoto(models.Model):
    """A photo the buyer sent with a dispute: checked and re-encoded like every photo (catalog.photos),
    private (marketplace.files), seen through orders:dispute-photo by the order's buyer, its suppliers and
    operators."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="photos")
    image = PrivateFileField(upload_to=RandomName("disputes"))
    name = models.CharField(max_length=200, blank=True)  # as the buyer called it: the download's file name

    def __str__(self):
        return self.download_name

    @property
    def download_name(self):
        return self.name or self.image.name.rsplit("/", 1)[-1]

    @property
    def content_type(self):
        return content_type_for(self.image.name)

    def get_download_url(self):
        return reverse("orders:dispute-photo", args=[self.dispute.order_id, self.pk])
