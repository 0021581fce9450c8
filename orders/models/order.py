"""Orders: lines priced in one currency, fulfilled per supplier.

Orders come from a direct or sample purchase, an accepted quote, or a subcontracting allocation.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from marketplace.money import CURRENCY_CHOICES, Money
from marketplace.numbers import validate_quantity


class Order(models.Model):
    class State(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        PAID = "paid", _("Paid")
        IN_PRODUCTION = "in_production", _("In production")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        COMPLETED = "completed", _("Completed")
        DISPUTED = "disputed", _("Disputed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    class Source(models.TextChoices):
        DIRECT = "direct", _("Direct purchase")
        SAMPLE = "sample", _("Sample order")
        QUOTE = "quote", _("Accepted quote")
        SUBCONTRACT = "subcontract", _("Subcontracting allocation")

    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders")
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    state = models.CharField(max_length=20, choices=State.choices, default=State.AWAITING_PAYMENT)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.DIRECT)
    # What the order came from, e.g. "quote:12" or "allocation:4": one order per source, enforced below.
    source_ref = models.CharField(max_length=60, blank=True)
    incoterm = models.CharField(max_length=3, blank=True)
    incoterm_place = models.CharField(max_length=200, blank=True)
    destination_country = CountryField(blank=True)
    shipping_name = models.CharField(max_length=200, blank=True)
    shipping_address = models.TextField(blank=True)
    shipping_country = CountryField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_ref"], condition=~models.Q(source_ref=""), name="one_order_per_source"
            )
        ]

    def __str__(self):
        return f"Order {self.pk}"

    def get_absolute_url(self):
        return reverse("orders:detail", args=[self.pk])

    @property
    def total(self) -> Money:
        amount = sum((line.amount for line in self.lines.all()), Decimal("0"))
        return Money(amount, self.currency).rounded()


class Fulfilment(models.Model):
    """One supplier's part of an order."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the supplier")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfilments")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="fulfilments")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    lead_time_days = models.PositiveIntegerField(null=True, blank=True)
    carrier = models.CharField(max_length=100, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order", "supplier"], name="one_fulfilment_per_supplier")
        ]

    def __str__(self):
        return f"{self.supplier} part of order {self.order_id}"

    @property
    def total(self) -> Money:
        amount = sum((line.amount for line in self.lines.all()), Decimal("0"))
        return Money(amount, self.order.currency).rounded()


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    fulfilment = models.ForeignKey(Fulfilment, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", null=True, blank=True, on_delete=models.SET_NULL)
    description = models.CharField(max_length=300)
    quantity = models.PositiveIntegerField(validators=[validate_quantity])
    unit = models.CharField(max_length=10)
    unit_price = models.DecimalField(max_digits=14, decimal_places=4)
    is_sample = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="line_quantity_positive"),
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="line_price_not_negative"),
        ]

    def __str__(self):
        return f"{self.quantity} {self.unit} {self.description}"

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity
