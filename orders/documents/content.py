"""What an export document says, as plain data: parties, lines, totals, terms, packing. No HTML, no PDF.

Builders (`orders.documents.shipment`, `orders.trade.documents`) fill an ExportDocument from the order or the
quote; the renderer lays it out; the API may serialise it as it is. Amounts stay Money and Decimal here; the
`*_text` properties are how every document prints them, so a test can look for exactly that text.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django_countries import countries

from marketplace.currency import format_money
from marketplace.money import Money

# Every good sold here is made in Pakistan; the documents declare it as the country of origin.
ORIGIN_COUNTRY = "PK"


def country_name(code: str) -> str:
    return str(countries.name(code)) if code else ""


def quantity_text(quantity: int, unit: str) -> str:
    return f"{quantity:,} {unit}"


def unit_price_text(price: Money) -> str:
    """A unit price to the currency's minor unit ("12.50 USD"), or with the decimals it really has when it
    has more ("0.3333 USD"): a customs officer multiplies it by the quantity."""
    return format_money(price, exact=True)


def weight_text(kg: Decimal) -> str:
    """A weight as entered, without trailing zeros: Decimal("1250.500") → "1,250.5 kg"."""
    return f"{kg:,.3f}".rstrip("0").rstrip(".") + " kg"


@dataclass(frozen=True)
class Party:
    """A seller, buyer or consignee as the document names it."""

    name: str
    address_lines: tuple[str, ...] = ()
    country: str = ""  # ISO 3166 code

    @property
    def country_name(self) -> str:
        return country_name(self.country)


@dataclass(frozen=True)
class DocumentLine:
    description: str
    hs_code: str
    quantity: int
    unit: str
    unit_price: Money
    total: Money  # rounded to the currency's minor unit, as the order charges it

    @property
    def quantity_text(self) -> str:
        return quantity_text(self.quantity, self.unit)

    @property
    def unit_price_text(self) -> str:
        return unit_price_text(self.unit_price)

    @property
    def total_text(self) -> str:
        return format_money(self.total)


@dataclass(frozen=True)
class Packing:
    """Packages and weights as the supplier declared them at shipping (None when it was shipped before the
    ship page asked for them)."""

    package_count: int | None
    package_type: str  # the type's label, translated
    gross_weight_kg: Decimal | None
    net_weight_kg: Decimal | None
    dimensions: str = ""
    shipping_marks: str = ""

    @property
    def declared(self) -> bool:
        return self.package_count is not None and self.gross_weight_kg is not None

    @property
    def packages_text(self) -> str:
        return f"{self.package_count:,} {self.package_type}" if self.package_count else ""

    @property
    def gross_weight_text(self) -> str:
        return weight_text(self.gross_weight_kg) if self.gross_weight_kg is not None else ""

    @property
    def net_weight_text(self) -> str:
        return weight_text(self.net_weight_kg) if self.net_weight_kg is not None else ""


@dataclass(frozen=True)
class ExportDocument:
    kind: str  # "proforma-invoice", "commercial-invoice", "packing-list": also the template's name
    title: str
    number: str  # stable: the same document always carries the same number
    issued_on: date
    seller: Party
    buyer: Party
    lines: tuple[DocumentLine, ...]
    currency: str
    total: Money
    incoterm: str = ""
    incoterm_place: str = ""
    origin_country: str = ORIGIN_COUNTRY
    destination_country: str = ""
    consignee: Party | None = None
    order_number: str = ""
    carrier: str = ""
    tracking_number: str = ""
    payment_terms: str = ""
    valid_until: date | None = None
    lead_time_days: int | None = None
    packing: Packing | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def filename(self) -> str:
        return f"{self.number}.pdf"

    @property
    def origin_name(self) -> str:
        return country_name(self.origin_country)

    @property
    def destination_name(self) -> str:
        return country_name(self.destination_country)

    @property
    def delivery_terms_text(self) -> str:
        """ "FOB Karachi (Incoterms® 2020)", or "" when the order carries no Incoterm."""
        if not self.incoterm:
            return ""
        place = f" {self.incoterm_place}" if self.incoterm_place else ""
        return _("%(term)s%(place)s (Incoterms® 2020)") % {"term": self.incoterm, "place": place}

    @property
    def total_text(self) -> str:
        return format_money(self.total)


def supplier_party(supplier) -> Party:
    """The seller: the supplier's business name and where it is (its city and region in Pakistan)."""
    place = ", ".join(part for part in (supplier.city, supplier.get_region_display()) if part)
    return Party(name=supplier.name, address_lines=(place,) if place else (), country=ORIGIN_COUNTRY)


def buyer_party(user) -> Party:
    """The buyer: their company (with the person who ordered) or, without one, the person."""
    company = user.buyer_company
    person = user.get_full_name()
    if company is not None:
        return Party(name=company.name, address_lines=(person, user.email), country=company.country)
    return Party(
        name=person, address_lines=(user.email,) if person != user.email else (), country=user.country
    )


def payment_terms(escrow_days: int) -> str:
    """The platform's payment terms: every order is paid in advance, by card, into escrow."""
    return _(
        "Payment in advance by card through the marketplace. The payment is held in escrow and released to "
        "the seller when the buyer confirms delivery, or %(days)s days after shipping without a dispute."
    ) % {"days": escrow_days}
