"""What each figure counts: one record kind per figure, the same filter for the figure and its list.

A kind names its model, the path from a record to its supplier (for the women-led and size breakdown) and
`in_scope(scope)`, the records of the scope and period. The dashboard aggregates `in_scope` grouped by the
supplier's flags (programme.figures); the records view lists `in_scope` filtered by one breakdown cell
(`records_of`), so the count on the list is the figure by construction, and a test holds them equal.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from catalog.models import Exhibitor, Supplier
from catalog.reference import SupplierSize
from orders.financing.models import Advance
from orders.models import Fulfilment, Order, OrderLine
from orders.states import PAID_STATES

from ..models import AllocationLine, CapacityOffer, Lead, Quote, RFQInvitation, Thread
from .scope import EVENT, Scope

# An order counts once its money was taken and while it was not given back.
ORDER_STATES = sorted(PAID_STATES - {Order.State.REFUNDED})
APPROVED_ADVANCE_STATES = [Advance.State.APPROVED, Advance.State.DISBURSED, Advance.State.REPAID]
CONTACT_WITHIN = timedelta(days=7)
SIZES = list(SupplierSize.values)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    supplier: str  # path from the record to its supplier; "" for a supplier itself
    in_scope: object  # callable(scope) -> QuerySet
    columns: tuple  # (label, accessor) pairs shown by the records view

    def field(self, name: str) -> str:
        return f"{self.supplier}__{name}" if self.supplier else name


def _exhibitors(scope: Scope) -> QuerySet:
    if scope.kind == EVENT:
        rows = Exhibitor.objects.filter(event=scope.event)
    else:
        rows = Exhibitor.objects.filter(
            event__starts_on__lte=scope.last_day, event__ends_on__gte=scope.first_day
        )
    return rows.filter(scope.of_suppliers("supplier")).select_related("event", "supplier")


def counted_parts(part="") -> Q:
    """Suppliers' parts of orders that count: paid and not refunded, and not declined by the supplier.
    `part` is the path to the part: "" from a Fulfilment, "fulfilment__" from an order line (whose own
    `order` is its part's, so one join to the order serves both)."""
    return Q(order__state__in=ORDER_STATES) & ~Q(**{f"{part}state": Fulfilment.State.DECLINED})


def _paid_parts() -> QuerySet:
    return Fulfilment.objects.filter(counted_parts())


def _active_suppliers(scope: Scope) -> QuerySet:
    """Suppliers who did business in the period: received an inquiry, quoted, offered subcontracting
    capacity or had an order part (as `_orders` counts them)."""

    def did(queryset, path="supplier", when="created_at"):
        return Exists(queryset.filter(**{path: OuterRef("pk")}).filter(scope.in_period(when)))

    activity = (
        did(Thread.objects)
        | did(Quote.objects)
        | did(CapacityOffer.objects)
        | did(_paid_parts(), when="order__created_at")
    )
    return Supplier.objects.filter(is_active=True).filter(activity).filter(scope.of_suppliers("pk"))


def _leads(scope: Scope) -> QuerySet:
    rows = Lead.objects.filter(scope.in_period("created_at"))
    if scope.kind == EVENT:
        return rows.filter(event=scope.event).select_related("supplier", "event")
    return rows.filter(scope.of_suppliers("supplier")).select_related("supplier", "event")


# First contact at most seven days after the lead was captured.
CONTACTED_IN_TIME = Q(
    first_contacted_at__isnull=False, first_contacted_at__lte=F("created_at") + CONTACT_WITHIN
)
ORDERED = Q(stage=Lead.Stage.ORDERED)


def _by_supplier(queryset, when="created_at", path="supplier"):
    def in_scope(scope: Scope) -> QuerySet:
        return queryset().filter(scope.in_period(when)).filter(scope.of_suppliers(path))

    return in_scope


def _orders(scope: Scope) -> QuerySet:
    return (
        _paid_parts()
        .filter(scope.in_period("order__created_at"))
        .filter(scope.of_suppliers("supplier"))
        .select_related("order", "supplier")
    )


def order_lines(scope: Scope) -> QuerySet:
    """The lines of the order parts `_orders` counts, for their value (summed without joining the parts'
    count: a count over lines would need a DISTINCT, which sorts every line)."""
    return (
        OrderLine.objects.filter(counted_parts("fulfilment__"))
        .filter(scope.in_period("order__created_at"))
        .filter(scope.of_suppliers("fulfilment__supplier"))
    )


def _allocations(scope: Scope) -> QuerySet:
    return (
        AllocationLine.objects.filter(allocation__state="confirmed")
        .filter(scope.in_period("allocation__created_at"))
        .filter(scope.of_suppliers("offer__supplier"))
        .select_related("allocation__request", "offer__supplier")
    )


def _advances(states=None):
    def in_scope(scope: Scope) -> QuerySet:
        rows = Advance.objects.filter(scope.in_period("created_at")).filter(scope.of_suppliers("supplier"))
        if states:
            rows = rows.filter(state__in=states)
        return rows.select_related("supplier", "lender")

    return in_scope


def _leads_where(condition):
    def in_scope(scope: Scope) -> QuerySet:
        return _leads(scope).filter(condition)

    return in_scope


SUPPLIER = (_("Supplier"), "supplier")
CREATED = (_("Created"), "created_at")

KINDS = {
    kind.key: kind
    for kind in (
        Kind(
            "exhibitors",
            _("Exhibitors"),
            "supplier",
            _exhibitors,
            (SUPPLIER, (_("Event"), "event"), (_("Booth"), "booth")),
        ),
        Kind(
            "active_suppliers",
            _("Active suppliers"),
            "",
            _active_suppliers,
            ((_("Supplier"), "name"), (_("City"), "city")),
        ),
        Kind(
            "leads",
            _("Leads"),
            "supplier",
            _leads,
            ((_("Lead"), "name"), SUPPLIER, (_("Stage"), "get_stage_display"), CREATED),
        ),
        Kind(
            "leads_contacted",
            _("Leads contacted within 7 days"),
            "supplier",
            _leads_where(CONTACTED_IN_TIME),
            ((_("Lead"), "name"), SUPPLIER, CREATED, (_("First contact"), "first_contacted_at")),
        ),
        Kind(
            "leads_ordered",
            _("Leads that ordered"),
            "supplier",
            _leads_where(ORDERED),
            ((_("Lead"), "name"), SUPPLIER, CREATED, (_("Ordered"), "ordered_at")),
        ),
        Kind(
            "inquiries",
            _("Inquiries"),
            "supplier",
            _by_supplier(lambda: Thread.objects.select_related("supplier")),
            ((_("Subject"), "subject"), SUPPLIER, CREATED),
        ),
        Kind(
            "rfqs",
            _("RFQs received"),
            "supplier",
            _by_supplier(lambda: RFQInvitation.objects.select_related("rfq", "supplier")),
            ((_("RFQ"), "rfq"), SUPPLIER, CREATED),
        ),
        Kind(
            "quotes",
            _("Quotes"),
            "supplier",
            _by_supplier(lambda: Quote.objects.select_related("rfq", "supplier")),
            ((_("RFQ"), "rfq"), SUPPLIER, (_("State"), "get_state_display"), CREATED),
        ),
        Kind(
            "subcontract_offers",
            _("Subcontracting requests answered"),
            "supplier",
            _by_supplier(lambda: CapacityOffer.objects.select_related("request", "supplier")),
            ((_("Request"), "request"), SUPPLIER, (_("Quantity"), "quantity"), CREATED),
        ),
        Kind(
            "allocations",
            _("Subcontracting allocations"),
            "offer__supplier",
            _allocations,
            (
                (_("Request"), "allocation.request"),
                (_("Supplier"), "offer.supplier"),
                (_("Quantity"), "quantity"),
            ),
        ),
        Kind(
            "orders",
            _("Orders"),
            "supplier",
            _orders,
            (
                (_("Order"), "order"),
                SUPPLIER,
                (_("Order state"), "order.get_state_display"),
                (_("Created"), "order.created_at"),
            ),
        ),
        Kind(
            "advances_requested",
            _("Advances requested"),
            "supplier",
            _advances(),
            (
                (_("Advance"), "__str__"),
                SUPPLIER,
                (_("Lender"), "lender"),
                (_("State"), "get_state_display"),
                CREATED,
            ),
        ),
        Kind(
            "advances_approved",
            _("Advances approved"),
            "supplier",
            _advances(APPROVED_ADVANCE_STATES),
            (
                (_("Advance"), "__str__"),
                SUPPLIER,
                (_("Lender"), "lender"),
                (_("State"), "get_state_display"),
                CREATED,
            ),
        ),
        Kind(
            "advances_repaid",
            _("Advances repaid"),
            "supplier",
            _advances([Advance.State.REPAID]),
            (
                (_("Advance"), "__str__"),
                SUPPLIER,
                (_("Lender"), "lender"),
                (_("State"), "get_state_display"),
                CREATED,
            ),
        ),
    )
}


def records_of(kind: Kind, scope: Scope, women_led: bool | None = None, size: str | None = None) -> QuerySet:
    """The records a figure counts, narrowed to one breakdown cell (women-led or not, one size)."""
    rows = kind.in_scope(scope)
    if women_led is not None:
        rows = rows.filter(**{kind.field("women_led"): women_led})
    if size is not None:
        rows = rows.filter(**{kind.field("size"): size})
    return rows
