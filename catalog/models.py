"""Catalog: suppliers, products, price tiers and listing photos; categories, clusters and the like
(`taxonomy_models`), certifications (`certification_models`), members (`membership_models`), photos
(`photo_models`) are defined beside it and registered from here."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.links import public_page_url
from marketplace.money import CURRENCY_CHOICES, Money
from marketplace.numbers import validate_count, validate_lead_time_days, validate_price, validate_quantity

from .bulk.models import ImportJob  # noqa: F401  (models of this app: bulk listings imports)
from .certification_models import (  # noqa: F401
    Certification,
    CertificationQuerySet,
    CertificationType,
    validate_document,
)

# Models of this app defined beside it; validate_document is named by migrations as catalog.models's.
from .events.models import Event, Exhibitor  # noqa: F401  (models of this app: expos)
from .membership_models import SupplierMembership  # noqa: F401  (models of this app)
from .onboarding_models import (  # noqa: F401  (models of this app)
    ApplicationDocument,
    AssistedOnboarding,
    ClusterCoordinator,
    SupplierApplication,
    SupplierInvitation,
    VerificationEvidence,
    ViewCount,
)
from .photo_models import Photo, PhotoRendition  # noqa: F401  (models of this app)
from .reference import Incoterm, Region, SupplierSize, Unit
from .review_requests.models import ReviewRequest  # noqa: F401  (models of this app)
from .taxonomy_models import Category, Cluster, Material, VerificationLevel  # noqa: F401  (models of this app)


class SupplierQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_member(self, user):
        """The suppliers `user` is a member of (none for an anonymous user)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user)


class Supplier(models.Model):
    """An artisan business or SME that sells on the marketplace."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    clusters = models.ManyToManyField(Cluster, related_name="suppliers", blank=True)
    categories = models.ManyToManyField(
        Category, related_name="suppliers", blank=True, help_text=_("What it makes; used to match RFQs.")
    )
    tagline = models.CharField(max_length=200, blank=True)
    women_led = models.BooleanField(_("women-led"), default=False)
    women_led_by = models.CharField(_("who leads it"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    size = models.CharField(max_length=10, choices=SupplierSize.choices, default=SupplierSize.MICRO)
    verification_level = models.ForeignKey(
        VerificationLevel, null=True, blank=True, on_delete=models.SET_NULL, related_name="suppliers"
    )
    region = models.CharField(max_length=20, choices=Region.choices)
    city = models.CharField(max_length=100, blank=True)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="USD")
    year_established = models.PositiveSmallIntegerField(null=True, blank=True)
    is_active = models.BooleanField(
        default=True, help_text=_("Inactive suppliers and their products are hidden.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When it, its clusters or certifications last changed (catalog.signals): versions cached fragments.
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupplierQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # The storefront is served by another app (the cms, through Wagtail): it says where.
        return public_page_url(self)

    @property
    def years_active(self):
        return max(0, timezone.localdate().year - self.year_established) if self.year_established else None

    @property
    def storefront_url(self):
        return self.get_absolute_url()

    def has_member(self, user) -> bool:
        return Supplier.objects.for_member(user).filter(pk=self.pk).exists()


def validate_incoterms(value):
    allowed = set(Incoterm.values)
    if not isinstance(value, list) or any(code not in allowed for code in value):
        raise ValidationError(_("Choose Incoterms from the Incoterms 2020 list."))


hs_code_validator = RegexValidator(r"^\d{4}(\d{2}){0,3}$", _("An HS code has 4, 6, 8 or 10 digits."))


def normalize_hs_code(value) -> str:
    """An HS code as stored: its digits only. People write "6304.92 00" or "6304 92": the dots and spaces are
    the customs layout, not part of the code. Anything else is left for `hs_code_validator` to refuse."""
    if not isinstance(value, str):
        return value
    return "".join(char for char in value if char != "." and not char.isspace())


class BelowMinimumOrder(ValueError):
    """A quantity below the product's MOQ has no price."""

    def __init__(self, product, quantity):
        self.moq = product.moq
        self.unit = product.unit
        super().__init__(
            f"The minimum order is {product.moq} {product.get_unit_display()}; {quantity} is below it."
        )


class ProductQuerySet(models.QuerySet):
    def visible(self):
        """What buyers may see: published, not hidden by a curator, from an active supplier."""
        return self.filter(status=Product.Status.PUBLISHED, hidden_by_curator=False, supplier__is_active=True)

    def for_cards(self):
        return self.select_related("supplier", "supplier__verification_level", "category").prefetch_related(
            models.Prefetch(
                "images", queryset=ProductImage.objects.select_related("photo").order_by("position")
            )
        )

    def card_rows(self):
        """The rows `catalog.fragments.render_cards` keys cards by (it loads photos and tiers if it must)."""
        return self.select_related("supplier", "supplier__verification_level").defer("description")

    def with_price_usd(self, rates):
        """Annotates `price_usd`: the lowest tier's unit price in USD at `rates` (marketplace.exchange's
        `rates_on`: units per USD by currency), so prices in different currencies compare as money, not as
        raw numbers. NULL for a product without tiers or whose currency has no rate (never a made-up rate).

        One CASE over the currencies in SQL: no query besides the page's own, whatever the number of rows.
        """
        per_usd = models.Case(
            *[
                models.When(supplier__currency=code, then=models.Value(rate.per_usd))
                for code, rate in sorted(rates.items())
            ],
            default=None,
            output_field=models.DecimalField(max_digits=18, decimal_places=8),
        )
        return self.annotate(
            price_usd=models.ExpressionWrapper(
                models.Min("price_tiers__unit_price") / per_usd,
                output_field=models.DecimalField(max_digits=30, decimal_places=10),
            )
        )

    def in_category(self, category):
        """Products in `category` or any category below it."""
        return self.filter(category.subtree_filter())

    def of_member(self, user):
        """The listings of the suppliers `user` is a member of (as `Supplier.objects.for_member`)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(supplier__memberships__user=user)


class Product(models.Model):
    """A listing: what a supplier makes, at what quantities and prices, how fast."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="products")
    title = models.CharField(_("title"), max_length=200)
    # The supplier's own code for the product: bulk imports and exports key rows by it.
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("description"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    materials = models.ManyToManyField(
        Material, blank=True, related_name="products", verbose_name=_("materials")
    )
    origin_region = models.CharField(_("origin region"), max_length=20, choices=Region.choices)
    hs_code = models.CharField(_("HS code"), max_length=10, validators=[hs_code_validator])
    moq = models.PositiveIntegerField(_("minimum order quantity"), validators=[validate_quantity])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECE)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), validators=[validate_lead_time_days])
    monthly_capacity = models.PositiveIntegerField(
        _("monthly capacity"), validators=[MinValueValidator(1), validate_count]
    )
    stock_on_hand = models.PositiveIntegerField(
        _("stock on hand"),
        null=True,
        blank=True,
        help_text=_("For ready-made goods; leave empty for made-to-order."),
        validators=[validate_count],
    )
    sample_available = models.BooleanField(_("samples available"), default=False)
    sample_price = models.DecimalField(
        _("sample price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    incoterms = models.JSONField(
        _("Incoterms offered"), default=list, blank=True, validators=[validate_incoterms]
    )
    customisation = models.CharField(
        _("customisation"), max_length=300, blank=True, help_text=_("OEM, private label, custom colours…")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    hidden_by_curator = models.BooleanField(default=False)
    hidden_reason = models.TextField(blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When it, its tiers, photos or materials last changed (catalog.signals): versions cached fragments.
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "hidden_by_curator"])]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "sku"], condition=~models.Q(sku=""), name="unique_sku_per_supplier"
            ),
            models.CheckConstraint(
                condition=models.Q(sample_available=False) | models.Q(sample_price__isnull=False),
                name="sample_price_when_samples_available",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:product-detail", args=[self.slug])

    def clean_fields(self, exclude=None):
        # Before the field's validator sees it: "6304.92 00" is stored, and checked, as "63049200".
        self.hs_code = normalize_hs_code(self.hs_code)
        super().clean_fields(exclude=exclude)

    @property
    def currency(self):
        return self.supplier.currency

    @property
    def is_visible(self):
        return self.status == self.Status.PUBLISHED and not self.hidden_by_curator and self.supplier.is_active

    @property
    def listing_status(self):
        """What the artisan sees: hidden by curator wins over their own draft/published choice."""
        if self.hidden_by_curator:
            return "hidden"
        return self.status

    def tiers(self):
        # Uses the prefetched tiers when the caller prefetched them (list and detail pages do).
        return sorted(self.price_tiers.all(), key=lambda tier: tier.min_quantity)

    def price_for(self, quantity: int) -> Money:
        """The unit price at `quantity`; raises BelowMinimumOrder under the MOQ."""
        if quantity < self.moq:
            raise BelowMinimumOrder(self, quantity)
        applicable = [tier for tier in self.tiers() if tier.min_quantity <= quantity]
        if not applicable:
            raise BelowMinimumOrder(self, quantity)
        return Money(applicable[-1].unit_price, self.currency)

    @property
    def from_price(self):
        tiers = self.tiers()
        return Money(min(tier.unit_price for tier in tiers), self.currency) if tiers else None

    @property
    def main_image(self):
        images = list(self.images.all())
        return images[0] if images else None

    @staticmethod
    def unique_slug_for(title, exclude_pk=None):
        base = slugify(title)[:200] or "product"
        slug, n = base, 2
        while Product.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


def validate_tiers(moq, tiers):
    """The tier rules: first tier at the MOQ, minimum quantities rising strictly, positive prices that never
    rise as the quantity rises (a quantity break is a discount: 100+ may cost what 50+ costs, never more).

    `tiers` is a list of (min_quantity, unit_price). Returns a list of messages (empty when valid).
    """
    errors = []
    if not tiers:
        return [_("Add at least one price tier, starting at the minimum order quantity.")]
    ordered = sorted(tiers, key=lambda t: t[0])
    if moq is not None and ordered[0][0] != moq:
        errors.append(
            _("The first price tier must start at the minimum order quantity (%(moq)s).") % {"moq": moq}
        )
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if current[0] <= previous[0]:
            errors.append(_("Each price tier needs a larger minimum quantity than the one before."))
            break
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if None not in (previous[1], current[1]) and Decimal(current[1]) > Decimal(previous[1]):
            errors.append(
                _(
                    "A larger quantity cannot cost more per unit: %(qty)s+ at %(price)s is dearer than "
                    "%(previous_qty)s+ at %(previous_price)s."
                )
                % {
                    "qty": current[0],
                    "price": current[1],
                    "previous_qty": previous[0],
                    "previous_price": previous[1],
                }
            )
            break
    if any(price is None or Decimal(price) <= 0 for _qty, price in ordered):
        errors.append(_("Every tier needs a unit price above zero."))
    return errors


class PriceTier(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="price_tiers")
    min_quantity = models.PositiveIntegerField(_("from quantity"), validators=[validate_quantity])
    unit_price = models.DecimalField(
        _("unit price"), max_digits=12, decimal_places=2, validators=[validate_price]
    )

    class Meta:
        ordering = ["min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["product", "min_quantity"], name="unique_tier_quantity"),
            models.CheckConstraint(condition=models.Q(unit_price__gt=0), name="tier_price_positive"),
        ]

    def __str__(self):
        return f"{self.min_quantity}+ at {self.unit_price}"


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0, help_text=_("0 is the main photo."))
    alt_text = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"Photo {self.position} of {self.product}"
