"""Supplier payout details and operator payout batches."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.money import CURRENCY_CHOICES

iban_validator = RegexValidator(
    r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$", _("Enter an IBAN without spaces, e.g. PK36SCBL0000001123456702.")
)
mobile_validator = RegexValidator(r"^03[0-9]{9}$", _("Enter the wallet's mobile number as 03XXXXXXXXX."))


class Rail(models.TextChoices):
    BANK = "bank", _("Bank transfer (IBAN)")
    JAZZCASH = "jazzcash", _("JazzCash")
    EASYPAISA = "easypaisa", _("Easypaisa")


class PayoutAccount(models.Model):
    supplier = models.OneToOneField(
        "catalog.Supplier", on_delete=models.CASCADE, related_name="payout_account"
    )
    rail = models.CharField(_("payout method"), max_length=10, choices=Rail.choices)
    account_name = models.CharField(_("account holder"), max_length=200)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[iban_validator])
    mobile_number = models.CharField(
        _("wallet mobile number"), max_length=11, blank=True, validators=[mobile_validator]
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(rail="bank") & ~models.Q(iban=""))
                | (models.Q(rail__in=["jazzcash", "easypaisa"]) & ~models.Q(mobile_number="")),
                name="payout_account_has_destination",
            )
        ]

    def __str__(self):
        return f"{self.supplier} via {self.get_rail_display()}"

    @property
    def destination(self):
        return self.iban if self.rail == Rail.BANK else self.mobile_number


class PayoutBatch(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Exported, waiting for settlement")
        SETTLED = "settled", _("Settled")

    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Payout batch {self.pk} ({self.currency})"


class PayoutItem(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        PAID = "paid", _("Paid")

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="items")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    rail = models.CharField(max_length=10, choices=Rail.choices)
    account_name = models.CharField(max_length=200)
    destination = models.CharField(max_length=34)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "supplier"], name="one_item_per_supplier_per_batch")
        ]

    def __str__(self):
        return f"{self.amount} to {self.supplier}"

    @property
    def reference(self):
        # Printed in the CSV and expected back in the settlement file.
        return f"PAYOUT-{self.batch_id}-{self.pk}"
