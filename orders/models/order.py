"""Orders: lines priced in one currency, fulfilled per supplier.

Orders come from a direct or sample purchase, an accepted quote, or a subcontracting allocation.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from catalog.models import hs_code_validator
from catalog.reference import unit_label
from marketplace.money import CURRENCY_CHOICES, Money
from marketplace.numbers import validate_quantity

# What a supplier declares for one shipment (the packing list): bounds that catch a typing mistake, not
# rules of trade. A few containers weigh well under 1,000 tonnes; weights are kept to the gram, as scales
# show them.
MAX_PACKAGES = 100_000
WEIGHT_DIGITS, WEIGHT_DECIMALS = 9, 3
SMALLEST_WEIGHT_KG = Decimal("0.001")
MAX_WEIGHT_KG = Decimal("999999.999")


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
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
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
    """One supplier's part of an order, and its shipment: carrier, tracking and what the supplier declared
    when shipping it (packages and weights, as entered, for the packing list)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the supplier")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")

    class PackageType(models.TextChoices):
        CARTON = "carton", _("Cartons")
        BALE = "bale", _("Bales")
        CRATE = "crate", _("Crates")
        WOODEN_CASE = "case", _("Wooden cases")
        PALLET = "pallet", _("Pallets")
        BAG = "bag", _("Bags")
        ROLL = "roll", _("Rolls")
        PARCEL = "parcel", _("Parcels")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfilments")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="fulfilments")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    lead_time_days = models.PositiveIntegerField(null=True, blank=True)
    carrier = models.CharField(max_length=100, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # Declared at shipping (empty for parts shipped before the packing list existed).
    package_count = models.PositiveIntegerField(
        _("number of packages"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PACKAGES)],
    )
    package_type = models.CharField(_("package type"), max_length=10, choices=PackageType.choices, blank=True)
    gross_weight_kg = models.DecimalField(
        _("gross weight (kg)"),
        max_digits=WEIGHT_DIGITS,
        decimal_places=WEIGHT_DECIMALS,
        null=True,
        blank=True,
        validators=[MinValueValidator(SMALLEST_WEIGHT_KG), MaxValueValidator(MAX_WEIGHT_KG)],
    )
    net_weight_kg = models.DecimalField(
        _("net weight (kg)"),
        max_digits=WEIGHT_DIGITS,
        decimal_places=WEIGHT_DECIMALS,
        null=True,
        blank=True,
        validators=[MinValueValidator(SMALLEST_WEIGHT_KG), MaxValueValidator(MAX_WEIGHT_KG)],
    )
    dimensions = models.CharField(_("dimensions"), max_length=100, blank=True)
    shipping_marks = models.CharField(_("shipping marks"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order", "supplier"], name="one_fulfilment_per_supplier"),
            models.CheckConstraint(
                condition=models.Q(package_count__isnull=True) | models.Q(package_count__gte=1),
                name="fulfilment_packages_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(gross_weight_kg__isnull=True) | models.Q(gross_weight_kg__gt=0),
                name="fulfilment_gross_weight_positive",
            ),
            # Net weight is the goods alone; the packaging only adds to it.
            models.CheckConstraint(
                condition=models.Q(net_weight_kg__isnull=True)
                | (
                    models.Q(net_weight_kg__gt=0)
                    & models.Q(gross_weight_kg__isnull=False)
                    & models.Q(net_weight_kg__lte=models.F("gross_weight_kg"))
                ),
                name="fulfilment_net_weight_within_gross",
            ),
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
    # For a line without a catalog product (a quote's or an allocation's), the supplier gives it at shipping.
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True, validators=[hs_code_validator])

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

    @property
    def unit_label(self) -> str:
        return unit_label(self.unit)

    @property
    def customs_hs_code(self) -> str:
        """The HS code the export documents declare: the one given at shipping, else the product's."""
        if self.hs_code:
            return self.hs_code
        return self.product.hs_code if self.product_id and self.product else ""
