"""The bulk listings format: every column of the import/export file, its rule and an example.

One list, read by the template download, the import page (which lists the columns and rules), the
validation and the export, so the four can never disagree. A file has one header row with these names (in
any order); `sku` keys each row to the supplier's own product. Tiers are `tier1_min_quantity`,
`tier1_unit_price` up to MAX_TIERS; lists (materials, Incoterms, photos) are separated by ";".
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MAX_TIERS = 5
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    rule: str
    example: str
    required: bool = False


def tier_columns(number: int) -> list[str]:
    return [f"tier{number}_min_quantity", f"tier{number}_unit_price"]


COLUMNS = [
    Column(
        "sku",
        _("Your own code for the product, unique among your listings; up to 64 characters."),
        "BP-VASE-01",
        True,
    ),
    Column("title", _("The product's name, up to 200 characters."), "Hand-painted blue pottery vase", True),
    Column(
        "description",
        _("What it is, how it is made, sizes and colours."),
        "Multani blue pottery, glazed and kiln-fired.",
        True,
    ),
    Column(
        "category",
        _("The category's short name (slug) or its name, as listed on the site."),
        "ceramics",
        True,
    ),
    Column("materials", _("Materials, separated by “;”, from the site's list. May be empty."), "Clay;Glaze"),
    Column(
        "origin_region",
        _("Where it is made: punjab, sindh, kp, balochistan, gb, ajk or ict."),
        "punjab",
        True,
    ),
    Column("hs_code", _("4, 6, 8 or 10 digits; dots and spaces are fine."), "6913.90", True),
    Column("moq", _("Minimum order quantity: a whole number from 1."), "10", True),
    Column("unit", _("piece, pair, set, dozen, metre, sqm, kg or carat."), "piece", True),
    Column("lead_time_days", _("Days from order to dispatch: 1 to 3650."), "30", True),
    Column("monthly_capacity", _("How many you can make in a month: a whole number from 1."), "500", True),
    Column("stock_on_hand", _("Ready-made stock; empty for made-to-order."), ""),
    Column("sample_available", _("yes or no."), "yes"),
    Column(
        "sample_price", _("The price of a sample, 0 or more; needed when samples are available."), "15.00"
    ),
    Column("incoterms", _("Incoterms 2020 codes separated by “;”, e.g. FOB;EXW."), "FOB;EXW"),
    Column("customisation", _("OEM, private label, custom colours… up to 300 characters."), "Custom colours"),
    Column("status", _("draft (only you see it) or published."), "draft"),
    Column(
        "photos",
        _(
            "File names in the photos ZIP, separated by “;”. When given they replace the listing's photos; "
            "empty leaves them as they are."
        ),
        "vase-front.jpg;vase-side.jpg",
    ),
]

TIER_EXAMPLES = [("10", "12.50"), ("50", "10.80"), ("200", "9.90")]
TIER_RULE = _(
    "Price tiers: tier1 starts at the minimum order quantity, each next tier at a larger quantity and a "
    "unit price that is not higher. Up to %(count)s tiers; leave unused tiers empty."
)

for _number in range(1, MAX_TIERS + 1):
    _qty, _price = TIER_EXAMPLES[_number - 1] if _number <= len(TIER_EXAMPLES) else ("", "")
    COLUMNS.append(Column(f"tier{_number}_min_quantity", _("From this quantity…"), _qty, _number == 1))
    COLUMNS.append(
        Column(f"tier{_number}_unit_price", _("…this unit price (in your currency)."), _price, _number == 1)
    )

COLUMN_NAMES = [column.name for column in COLUMNS]
REQUIRED = [column.name for column in COLUMNS if column.required]


def example_row() -> list[str]:
    return [column.example for column in COLUMNS]
