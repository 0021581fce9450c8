"""The one query object and the one result object every backend speaks, and the facets on offer."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# Facet name -> label, in the order the page shows them. Values are strings (slugs, paths, ids, band keys).
FACETS = {
    "category": _("Category"),
    "cluster": _("Cluster"),
    "region": _("Region"),
    "material": _("Material"),
    "certification": _("Certification"),
    "size": _("Supplier size"),
    "women_led": _("Women-led"),
    "verification": _("Verification"),
    "moq": _("Minimum order"),
    "lead_time": _("Lead time"),
    "price": _("Price (USD)"),
    # A supplier's whole catalog within a search (issue 22): the supplier's slug, as /products/?supplier=.
    "supplier": _("Supplier"),
}

# At most this many values of one facet come back, the most common (and the chosen ones on the database
# backend): a search matching 20,000 suppliers' products offers the 100 with the most, not 20,000 checkboxes.
FACET_VALUES = 100

# Bands: (key, low inclusive, high inclusive or None). Keys are what the URL carries.
MOQ_BANDS = [
    ("1-10", 1, 10),
    ("11-50", 11, 50),
    ("51-200", 51, 200),
    ("201-1000", 201, 1000),
    ("1001+", 1001, None),
]
LEAD_TIME_BANDS = [("0-14", 0, 14), ("15-30", 15, 30), ("31-60", 31, 60), ("61+", 61, None)]
PRICE_BANDS = [
    ("0-5", Decimal("0"), Decimal("4.99")),
    ("5-20", Decimal("5"), Decimal("19.99")),
    ("20-50", Decimal("20"), Decimal("49.99")),
    ("50-200", Decimal("50"), Decimal("199.99")),
    ("200+", Decimal("200"), None),
]


def band_for(bands, value):
    if value is None:
        return None
    for key, low, high in bands:
        if value >= low and (high is None or value <= high):
            return key
    return None


SORTS = {
    "relevance": _("Best match"),
    "price": _("Lowest price"),
    "newest": _("Newest"),
    "lead_time": _("Shortest lead time"),
}

PAGE_SIZE = 20
# A query lists the products holding every clause (word, synonyms, compounds, spelling fixes) first, then
# those holding some, best coverage first, to the end of the list. When at least this many hold every
# clause, the facets count only them (SearchResult.facets_of_full_matches).
RELAX_BELOW = 20


@dataclass
class SearchQuery:
    """What the buyer asked: free text, chosen facet values (OR within a facet, AND across), sort, page.

    `quantity` (optional) prices the price sort at the buyer's quantity: products whose MOQ is above it
    have no price there and sort last (they stay in the results so facet counts stay honest).
    """

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    quantity: int | None = None
    facets: tuple[str, ...] = tuple(FACETS)

    def __post_init__(self):
        self.text = (self.text or "").strip()[:200]
        self.filters = {
            name: sorted(set(values)) for name, values in self.filters.items() if name in FACETS and values
        }
        if self.sort not in SORTS:
            self.sort = "relevance"
        self.page = max(1, int(self.page or 1))

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def without(self, name, value=None) -> dict[str, list[str]]:
        """The filters with one value (or a whole facet) removed: for chips and facet counts."""
        out = {}
        for key, values in self.filters.items():
            kept = [v for v in values if not (key == name and (value is None or v == value))]
            if kept:
                out[key] = kept
        return out


@dataclass
class FacetCount:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class SearchResult:
    """What came back: product ids in order (with scores), the total, and facet counts per facet name."""

    ids: list[int]
    total: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    backend: str = ""
    corrections: dict[str, list[str]] = field(default_factory=dict)
    # Words of the query no product holds (left out of matching), and whether the list goes on past the
    # full matches into partial ones: the page says so.
    ignored_words: list[str] = field(default_factory=list)
    partial: bool = False
    # How many of `total` hold every clause: they come first, the partial matches after them. Equal to
    # `total` for a one-clause query or a browse.
    full_match_count: int = 0
    # Whether the facet counts are those of the full matches only: when at least RELAX_BELOW products hold
    # every clause, the partial matches after them do not count in the facets (the page says so); with
    # fewer, the facets count the whole list. Either way each count is what choosing that value gives
    # (full_match_count or total).
    facets_of_full_matches: bool = True
