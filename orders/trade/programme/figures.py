"""The dashboard's figures: one aggregate query per family, grouped by the supplier's women-led flag and size.

Each query returns at most six rows (women-led or not, times three sizes; orders also by currency), so the
dashboard costs the same few queries for a hundred orders or a million. The breakdown columns are sums of
those cells. Order values are summed per currency in SQL and the few sums converted to USD at the rates of
the period's last day (marketplace.exchange); a currency without a rate is left out and named.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from marketplace.exchange.services import RateMissing, convert_at, rates_on
from marketplace.money import Money

from .records import APPROVED_ADVANCE_STATES, CONTACTED_IN_TIME, KINDS, ORDERED, SIZES, Kind, order_lines
from .scope import Scope

# The breakdown columns of every figure: (key, label, women_led, size); None is "any".
COLUMNS = [
    ("total", _("Total"), None, None),
    ("women_led", _("Women-led"), True, None),
    ("not_women_led", _("Not women-led"), False, None),
    *[
        (size, label, None, size)
        for size, label in (("micro", _("Micro")), ("small", _("Small")), ("medium", _("Medium")))
    ],
]
assert [column[3] for column in COLUMNS[3:]] == SIZES


@dataclass
class Cells:
    """A figure's values per (women_led, size) cell."""

    values: dict = field(default_factory=dict)

    def add(self, women_led, size, value):
        key = (bool(women_led), size)
        self.values[key] = self.values.get(key, 0) + value

    def get(self, women_led=None, size=None):
        return sum(
            (
                value
                for (flag, cell_size), value in self.values.items()
                if (women_led is None or flag == women_led) and (size is None or cell_size == size)
            ),
            0,
        )


@dataclass
class Figure:
    key: str
    label: str
    kind: Kind  # the records it counts (for a share: the numerator's)
    unit: str  # "count", "percent" or "usd"
    values: list  # one per COLUMNS entry: int, Decimal, or None (a share of nothing)


def _count_figure(key, label, kind, cells):
    return Figure(key, label, kind, "count", [cells.get(w, s) for _k, _l, w, s in COLUMNS])


def _share_figure(key, label, kind, part, whole):
    values = []
    for _k, _l, w, s in COLUMNS:
        denominator = whole.get(w, s)
        values.append(None if not denominator else Decimal(100) * part.get(w, s) / denominator)
    return Figure(key, label, kind, "percent", values)


def _grouped(kind: Kind, scope: Scope, *extra, **aggregates):
    """`kind`'s records in scope, grouped by the supplier's flags (and `extra` fields), aggregated."""
    return (
        kind.in_scope(scope)
        .order_by()  # a model's default ordering would join the GROUP BY
        .values(*extra, wl=F(kind.field("women_led")), sz=F(kind.field("size")))
        .annotate(**aggregates)
    )


def _counts(kind: Kind, scope: Scope) -> Cells:
    cells = Cells()
    for row in _grouped(kind, scope, n=Count("pk")):
        cells.add(row["wl"], row["sz"], row["n"])
    return cells


@dataclass
class Dashboard:
    scope: Scope
    figures: list
    missing_rates: list  # currencies whose orders are left out of the USD value


def compute_dashboard(scope: Scope) -> Dashboard:
    """Every figure of `scope`: eleven aggregate queries (orders take two: their count, and their lines'
    value per currency) and one of exchange rates."""
    figures = []

    def counted(key):
        kind = KINDS[key]
        cells = _counts(kind, scope)
        figures.append(_count_figure(key, kind.label, kind, cells))
        return cells

    counted("exhibitors")
    counted("active_suppliers")

    leads, contacted, ordered = Cells(), Cells(), Cells()
    aggregates = {
        "n": Count("pk"),
        "contacted": Count("pk", filter=CONTACTED_IN_TIME),
        "ordered": Count("pk", filter=ORDERED),
    }
    for row in _grouped(KINDS["leads"], scope, **aggregates):
        leads.add(row["wl"], row["sz"], row["n"])
        contacted.add(row["wl"], row["sz"], row["contacted"])
        ordered.add(row["wl"], row["sz"], row["ordered"])
    figures.append(_count_figure("leads", KINDS["leads"].label, KINDS["leads"], leads))
    figures.append(
        _share_figure(
            "contacted_share",
            _("Share of leads contacted within 7 days (%)"),
            KINDS["leads_contacted"],
            contacted,
            leads,
        )
    )

    for key in ("inquiries", "rfqs", "quotes", "subcontract_offers", "allocations"):
        counted(key)

    orders = _counts(KINDS["orders"], scope)
    values, missing = Cells(), set()
    rates = rates_on(scope.last_day)
    amount = Sum(F("unit_price") * F("quantity"), output_field=DecimalField(max_digits=20, decimal_places=4))
    lines = (
        order_lines(scope)
        .order_by()
        .values(
            "order__currency", wl=F("fulfilment__supplier__women_led"), sz=F("fulfilment__supplier__size")
        )
        .annotate(value=amount)
    )
    for row in lines:
        try:
            usd = convert_at(Money(row["value"] or Decimal(0), row["order__currency"]), "USD", rates).amount
        except RateMissing:
            missing.add(row["order__currency"])
            continue
        values.add(row["wl"], row["sz"], usd)
    figures.append(_count_figure("orders", KINDS["orders"].label, KINDS["orders"], orders))
    usd = _count_figure("orders_usd", _("Order value (USD)"), KINDS["orders"], values)
    usd.unit = "usd"
    usd.values = [Decimal(value).quantize(Decimal("0.01")) for value in usd.values]
    figures.append(usd)
    figures.append(
        _share_figure(
            "conversion", _("Conversion from lead to order (%)"), KINDS["leads_ordered"], ordered, leads
        )
    )

    requested, approved, repaid = Cells(), Cells(), Cells()
    aggregates = {
        "n": Count("pk"),
        "approved": Count("pk", filter=Q(state__in=APPROVED_ADVANCE_STATES)),
        "repaid": Count("pk", filter=Q(state="repaid")),
    }
    for row in _grouped(KINDS["advances_requested"], scope, **aggregates):
        requested.add(row["wl"], row["sz"], row["n"])
        approved.add(row["wl"], row["sz"], row["approved"])
        repaid.add(row["wl"], row["sz"], row["repaid"])
    for key, cells in (
        ("advances_requested", requested),
        ("advances_approved", approved),
        ("advances_repaid", repaid),
    ):
        figures.append(_count_figure(key, KINDS[key].label, KINDS[key], cells))
    return Dashboard(scope, figures, sorted(missing))
