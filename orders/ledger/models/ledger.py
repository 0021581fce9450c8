"""Double-entry ledger: every money movement is one transaction whose entries sum to zero.

Balances are always sums of entries, never stored numbers. Sign convention: a positive amount is a debit,
a negative amount a credit. Accounts:
- cash: money the platform holds at Stripe or in the bank (asset, debit balance)
- escrow: buyers' money held per order and supplier until release or refund (liability, credit balance)
- supplier_payable: what the platform owes a supplier after release (liability, credit balance)
- payout_in_transit: money included in a payout batch, not yet confirmed paid (liability)
- commission: the platform's revenue from released escrow (credit balance)
- stripe_fees: Stripe's processing fees, the platform's expense (debit balance); suppliers never bear them
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.money import CURRENCY_CHOICES


class Account(models.TextChoices):
    CASH = "cash", _("Cash at Stripe and bank")
    ESCROW = "escrow", _("Held in escrow")
    SUPPLIER_PAYABLE = "supplier_payable", _("Owed to supplier")
    PAYOUT_IN_TRANSIT = "payout_in_transit", _("Payout in transit")
    COMMISSION = "commission", _("Platform commission")
    STRIPE_FEES = "stripe_fees", _("Stripe processing fees")
    # Working-capital advances (orders.financing): what suppliers owe partner lenders out of their orders'
    # escrow (debit balance, per supplier, order and lender), the lenders' money advanced (credit balance),
    # and what the platform owes lenders from released escrow until it pays them (credit balance).
    ADVANCE_DUE = "advance_due", _("Advances due to lenders")
    LENDER_FUNDING = "lender_funding", _("Lenders' money advanced")
    LENDER_PAYABLE = "lender_payable", _("Owed to lenders")


class LedgerTransaction(models.Model):
    class Kind(models.TextChoices):
        CHARGE = "charge", _("Card payment captured, held in escrow")
        FEE = "fee", _("Stripe processing fee, paid by the platform")
        RELEASE = "release", _("Escrow released to supplier, minus commission")
        REFUND = "refund", _("Refund to the buyer")
        PAYOUT = "payout", _("Payout batched")
        PAYOUT_SETTLED = "payout_settled", _("Payout settled")
        ADVANCE = "advance", _("Advance disbursed by a lender")
        ADVANCE_REPAID = "advance_repaid", _("Advance repaid to a lender from escrow")
        LENDER_PAID = "lender_paid", _("Platform paid a lender")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Names what caused the movement ("charge:pi_123", "refund:re_9", "release:fulfilment:4"): posting the
    # same cause twice is refused by the database, which makes every posting idempotent.
    reference = models.CharField(max_length=120, unique=True)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    memo = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference}"


class LedgerEntry(models.Model):
    transaction = models.ForeignKey(LedgerTransaction, on_delete=models.PROTECT, related_name="entries")
    account = models.CharField(max_length=20, choices=Account.choices)
    supplier = models.ForeignKey(
        "catalog.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set on the advance accounts' entries (orders.financing): whose money it is.
    lender = models.ForeignKey(
        "orders.Lender", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    amount = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["account", "supplier", "currency"])]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_not_zero")]

    def __str__(self):
        return f"{self.account} {self.amount} {self.currency}"
