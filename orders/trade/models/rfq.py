"""Requests for quotation and the suppliers' competing quotes."""

import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from catalog.reference import Incoterm, Unit
from marketplace.money import CURRENCY_CHOICES, Money
from marketplace.numbers import (
    check_amount,
    check_quantity,
    validate_lead_time_days,
    validate_price,
    validate_quantity,
)

logger = logging.getLogger(__name__)


def read_price_break(pair) -> tuple[int, Decimal]:
    """A quote's quantity break ("1000", "9.50") as (1000, Decimal("9.50")): a quantity the marketplace can
    order and a price a quote can hold (above zero, two decimals); ValidationError otherwise."""
    try:
        quantity, price = pair
        quantity = int(str(quantity).strip())
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Write each break as a quantity and a price, e.g. “1000 9.50”.")) from error
    check_quantity(quantity)
    return quantity, check_amount(price).quantize(Decimal("0.01"))


def validate_price_breaks(value):
    """Quote.tiers: a list of [quantity, price] strings, each a readable break."""
    if not isinstance(value, list):
        raise ValidationError(_("Quantity breaks are a list of [quantity, price]."))
    for pair in value:
        read_price_break(pair)


class RFQ(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open for quotes")
        AWARDED = "awarded", _("Quote accepted")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rfqs")
    title = models.CharField(_("what you need"), max_length=200)
    description = models.TextField(_("product description"))
    category = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(
        "catalog.Cluster", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[validate_quantity])
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
    destination_country = CountryField(_("destination country"))
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    needed_by = models.DateField(_("needed by"))
    deadline = models.DateTimeField(_("quote deadline"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "RFQ"

    def __str__(self):
        return self.title

    @property
    def is_past_deadline(self):
        return timezone.now() >= self.deadline

    @property
    def accepts_quotes(self):
        return self.state == self.State.OPEN and not self.is_past_deadline


class RFQInvitation(models.Model):
    """A matching supplier was told about an RFQ: the basis of the RFQ response rate."""

    rfq = models.ForeignKey(RFQ, on_delete=models.CASCADE, related_name="invitations")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.CASCADE, related_name="rfq_invitations")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rfq", "supplier"], name="one_invitation_per_supplier")
        ]

    def __str__(self):
        return f"{self.supplier} invited to {self.rfq}"


class Quote(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    rfq = models.ForeignKey(RFQ, on_delete=models.CASCADE, related_name="quotes")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="quotes")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Submitted by a cluster coordinator for the supplier (as Message.by_coordinator).
    by_coordinator = models.BooleanField(default=False)
    unit_price = models.DecimalField(
        _("unit price"), max_digits=12, decimal_places=2, validators=[validate_price]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    # Optional quantity breaks: [["500", "9.80"], ...] as strings, so no float ever enters.
    tiers = models.JSONField(default=list, blank=True, validators=[validate_price_breaks])
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    incoterm_place = models.CharField(_("named place"), max_length=200)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), validators=[validate_lead_time_days])
    valid_until = models.DateField(_("valid until"))
    sample_offer = models.CharField(_("sample offer"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUBMITTED)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rfq", "supplier"], name="one_quote_per_supplier"),
            models.UniqueConstraint(
                fields=["rfq"], condition=models.Q(state="accepted"), name="one_accepted_quote_per_rfq"
            ),
            models.CheckConstraint(condition=models.Q(unit_price__gt=0), name="quote_price_positive"),
        ]

    def __str__(self):
        return f"Quote {self.pk} by {self.supplier} on {self.rfq}"

    @property
    def is_valid_today(self):
        return self.valid_until >= timezone.localdate()

    def price_breaks(self) -> list[tuple[int, Decimal]]:
        """The readable quantity breaks, lowest quantity first. A break stored before breaks were checked
        ("Infinity", "NaN") is left out and logged, so the quote's pages and its order never carry it."""
        breaks = []
        for pair in self.tiers if isinstance(self.tiers, list) else []:
            try:
                breaks.append(read_price_break(pair))
            except ValidationError:
                logger.warning("Quote %s: unreadable quantity break %r left out", self.pk, pair)
        return sorted(breaks)

    def unit_price_at(self, quantity) -> Money:
        """The quoted unit price at `quantity`: the highest tier at or below it, else the base price."""
        price = Decimal(self.unit_price)
        for min_quantity, tier_price in self.price_breaks():
            if min_quantity <= quantity:
                price = tier_price
        return Money(price, self.currency)

    def total_for(self, quantity) -> Money:
        """What `quantity` costs on this quote, rounded as the order charges it: the total a buyer accepts."""
        return (self.unit_price_at(quantity) * quantity).rounded()


class QuoteMessage(models.Model):
    """A question on a quote from the buyer, or the supplier's answer; only those two parties see it."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_supplier = models.BooleanField(default=False)
    # Written by a cluster coordinator for the supplier: shown as "sent by <author> for <supplier>" (kept
    # as it was when sent, whoever manages the supplier later).
    by_coordinator = models.BooleanField(default=False)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Message on quote {self.quote_id}"
