"""Subcontracting: a request to a whole cluster, part-capacity offers, and an allocation across them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.reference import Incoterm, Unit
from marketplace.money import CURRENCY_CHOICES
from marketplace.numbers import validate_lead_time_days, validate_price, validate_quantity


class SubcontractRequest(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open for offers")
        ALLOCATED = "allocated", _("Allocated")
        CANCELLED = "cancelled", _("Cancelled")

    class Remainder(models.TextChoices):
        """What the requester chose for what an allocation left uncovered (offers short of the total)."""

        KEEP_OPEN = "keep_open", _("kept open for the rest")
        CLOSE = "close", _("closed with the shortfall recorded")

    cluster = models.ForeignKey(
        "catalog.Cluster", on_delete=models.PROTECT, related_name="subcontract_requests"
    )
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when a supplier (not a buyer) asks its cluster for more capacity.
    requesting_supplier = models.ForeignKey(
        "catalog.Supplier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    specification = models.TextField(_("item specification"))
    quantity = models.PositiveIntegerField(_("total quantity"), validators=[validate_quantity])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECE)
    target_unit_price = models.DecimalField(
        _("target unit price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_price],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD")
    deadline = models.DateField(_("deadline"))
    # The delivery terms every offer prices and the allocation's order carries (as a quote's order does).
    incoterm = models.CharField(
        _("Incoterm"), max_length=3, choices=Incoterm.choices, default=Incoterm.EXW, blank=True
    )
    incoterm_place = models.CharField(
        _("named place"), max_length=200, blank=True, help_text=_("e.g. the workshop's town for EXW")
    )
    quality_requirements = models.TextField(_("quality requirements"), blank=True)
    certifications_required = models.ManyToManyField(
        "catalog.CertificationType", blank=True, related_name="+", verbose_name=_("certifications needed")
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    # Set by a partial allocation (services.subcontracting.allocate): blank while nothing was left uncovered.
    remainder = models.CharField(_("the rest"), max_length=10, choices=Remainder.choices, blank=True)
    # The quantity nobody was allocated when the requester closed the request short; null otherwise.
    shortfall = models.PositiveIntegerField(_("shortfall"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.quantity} {self.unit}: {self.specification[:60]}"


class CapacityOffer(models.Model):
    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    request = models.ForeignKey(SubcontractRequest, on_delete=models.CASCADE, related_name="offers")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="capacity_offers")
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(
        _("quantity you can make by the deadline"), validators=[validate_quantity]
    )
    unit_price = models.DecimalField(
        _("unit price"), max_digits=12, decimal_places=2, validators=[validate_price]
    )
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), validators=[validate_lead_time_days])
    notes = models.TextField(_("notes"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OFFERED)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Counts every change of terms (offer_capacity): an allocation names the revisions its requester saw, so
    # a price changed in between refuses it instead of ordering at a price nobody looked at.
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["unit_price", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "supplier"], name="one_offer_per_supplier"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="offer_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} from {self.supplier}"


class Allocation(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    request = models.ForeignKey(SubcontractRequest, on_delete=models.CASCADE, related_name="allocations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # A request kept open after a partial allocation takes further allocations, so several may be confirmed;
    # allocate() locks the request row, which is what keeps them from covering more than the total.

    def __str__(self):
        return f"Allocation {self.pk} of request {self.request_id}"


class AllocationLine(models.Model):
    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="lines")
    offer = models.ForeignKey(CapacityOffer, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(validators=[validate_quantity])

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="allocation_line_positive"),
            models.UniqueConstraint(fields=["allocation", "offer"], name="one_line_per_offer"),
        ]

    def __str__(self):
        return f"{self.quantity} from offer {self.offer_id}"
