"""The artisan's workbench on /sell/: their suppliers' quotes, and the header's counts of what waits for them.

Every member role may trade (catalog.permissions: owners, staff and coordinators), so "the suppliers the user
is a member of" is the set these pages act for, as on the RFQ feed.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery
from django.utils import timezone

from orders.models import Fulfilment, Order

from ..models import RFQ, Message, Quote, RFQInvitation, Thread
from .access import member_supplier_ids


def quotes_of_member(user, state=None):
    """The quotes of every supplier `user` is a member of, newest change first, with what the list shows
    (RFQ, buyer's company, supplier) loaded in the same query."""
    quotes = (
        Quote.objects.filter(supplier_id__in=member_supplier_ids(user))
        .select_related("rfq__buyer__buyer_company", "supplier")
        .order_by("-updated_at", "-pk")
    )
    if state:
        quotes = quotes.filter(state=state)
    return quotes


def orders_of_quotes(quotes):
    """{quote id: order} for the accepted quotes among `quotes`, in one query: the order an accepted
    quote made (orders.checkout.ordering names it "quote:<id>"), so the artisan sees it from the moment it
    exists."""
    refs = {f"quote:{quote.pk}": quote.pk for quote in quotes if quote.state == Quote.State.ACCEPTED}
    if not refs:
        return {}
    return {refs[order.source_ref]: order for order in Order.objects.filter(source_ref__in=refs)}


class _Count(Subquery):
    """The number of rows of a queryset, as a scalar subquery (so three counts cost one query)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _rows)"
    output_field = IntegerField()


def waiting_counts(user) -> dict[str, int]:
    """What waits for `user` as a supplier member, in ONE query:
    - inquiries: threads of their suppliers with a buyer's message newer than the supplier side last read
      (the inbox's unread rule, orders.trade.services.inquiries.unread_counts);
    - rfqs: open RFQs their suppliers were invited to (RFQInvitation), before the deadline, not yet quoted;
    - orders: their parts of paid orders not yet shipped (waiting to be accepted or shipped).
    A user who is a member of no supplier gets zeros (the subqueries find no rows)."""
    if not user.is_authenticated:
        return {"inquiries": 0, "rfqs": 0, "orders": 0}
    mine = Q(supplier__memberships__user=user)
    unread = Message.objects.filter(thread=OuterRef("pk"), from_supplier=False, hidden=False).filter(
        Q(thread__supplier_read_at__isnull=True) | Q(created_at__gt=OuterRef("supplier_read_at"))
    )
    inquiries = Thread.objects.filter(mine).filter(Exists(unread)).values("pk")
    quoted = Quote.objects.filter(rfq=OuterRef("rfq"), supplier=OuterRef("supplier"))
    rfqs = (
        RFQInvitation.objects.filter(mine, rfq__state=RFQ.State.OPEN, rfq__deadline__gt=timezone.now())
        .exclude(Exists(quoted))
        .values("pk")
    )
    orders = Fulfilment.objects.filter(
        mine,
        order__state__in=[Order.State.PAID, Order.State.IN_PRODUCTION],
        state__in=[Fulfilment.State.PENDING, Fulfilment.State.ACCEPTED],
    ).values("pk")
    # Annotated on the user's own row, under names no User field has (User.rfqs is a relation).
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(n_inquiries=_Count(inquiries), n_rfqs=_Count(rfqs), n_orders=_Count(orders))
        .values("n_inquiries", "n_rfqs", "n_orders")
        .first()
    )
    if row is None:
        return {"inquiries": 0, "rfqs": 0, "orders": 0}
    return {"inquiries": row["n_inquiries"], "rfqs": row["n_rfqs"], "orders": row["n_orders"]}
