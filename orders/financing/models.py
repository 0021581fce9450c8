"""Working capital against a confirmed order: partner lenders, their officers, and suppliers' advances.

A supplier asks a lender for an advance on an order whose money is held in escrow, up to the lender's share
of it; the lender's officer approves or declines and records the disbursement; when the order's escrow is
released the lender is repaid first (orders.financing, orders.ledger). Keeps the `orders` app label.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.money import CURRENCY_CHOICES


class Lender(models.Model):
    class Kind(models.TextChoices):
        ISLAMIC_MICROFINANCE = "islamic_mfi", _("Islamic microfinance (interest-free)")
        MICROFINANCE = "mfi", _("Microfinance bank")
        BANK_SME = "bank_sme", _("Commercial bank SME desk")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The most it advances, as a share (percent) of the order's money held in escrow for the supplier.
    max_advance_percent = models.DecimalField(
        _("maximum advance (% of escrow)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
    )
    # A flat fee as a percent of the advance; 0 for profit-free lending.
    fee_percent = models.DecimalField(
        _("flat fee (% of the advance)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("25"))],
    )
    currencies = models.JSONField(_("currencies lent in"), default=list)  # ISO codes, e.g. ["PKR", "USD"]
    contact_email = models.EmailField(_("contact email"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lender")
        verbose_name_plural = _("lenders")

    def __str__(self):
        return self.name


class LenderOfficer(models.Model):
    """A person who decides on a lender's advances; sees only requests sent to that lender."""

    lender = models.ForeignKey(Lender, on_delete=models.CASCADE, related_name="officers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lender_roles")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lender", "user"], name="one_officer_role_per_lender")]

    def __str__(self):
        return f"{self.user} at {self.lender}"


class Advance(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DISBURSED = "disbursed", _("Disbursed")
        REPAID = "repaid", _("Repaid")

    class Rail(models.TextChoices):
        BANK_TRANSFER = "bank", _("Bank transfer (IBFT)")
        RAAST = "raast", _("Raast")
        MOBILE_WALLET = "wallet", _("Mobile wallet")
        CHEQUE = "cheque", _("Cheque")

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="advances")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="advances")
    lender = models.ForeignKey(Lender, on_delete=models.PROTECT, related_name="advances")
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    state = models.CharField(max_length=12, choices=State.choices, default=State.REQUESTED)
    requested_amount = models.DecimalField(_("amount requested"), max_digits=16, decimal_places=2)
    approved_amount = models.DecimalField(
        _("amount approved"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    fee_amount = models.DecimalField(_("fee"), max_digits=16, decimal_places=2, default=Decimal("0"))
    # What the supplier agreed to share with this lender (wording and time) and the record shared then.
    consent_text = models.TextField()
    consent_at = models.DateTimeField()
    shared_record = models.JSONField(default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)
    disbursement_reference = models.CharField(_("reference"), max_length=100, blank=True)
    disbursement_rail = models.CharField(_("rail"), max_length=10, choices=Rail.choices, blank=True)
    repaid_amount = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"))
    repaid_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["lender", "state"]), models.Index(fields=["supplier", "state"])]
        constraints = [
            # One live advance per supplier part of an order: declined or withdrawn ones may be asked again.
            models.UniqueConstraint(
                fields=["order", "supplier"],
                condition=~models.Q(state__in=["declined", "withdrawn"]),
                name="one_live_advance_per_order_part",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_amount__gt=0), name="advance_amount_positive"
            ),
        ]

    def __str__(self):
        return f"Advance {self.pk} on order {self.order_id}"
