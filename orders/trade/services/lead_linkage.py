"""Leads meet their buyer: the account with the lead's email, and what that buyer does with the supplier.

When an account proves an email address (sign-up's link or a confirmed change: marketplace.accounts.signals),
or a lead is captured for an address that already has a proven account, the lead gets its `buyer`. From then
on, and for everything the buyer did before, the buyer's dealings with the lead's supplier are linked to the
lead (LeadLink) and move its stage by themselves (lead_pipeline.AUTOMATIC_TRANSITIONS, actor None, a note
saying why):
- an inquiry (thread) to the supplier: at least "in conversation";
- a quote by the supplier on the buyer's RFQ (the RFQ and the quote are linked): at least "quoted";
- a paid order with a part from the supplier: "ordered", with that part's value, currency, its value in USD
  (marketplace.exchange, at the day's rate; empty when no rate is stored) and when. The first paid order
  sets the value; later ones are linked without changing it. An order revives a lost lead: a buyer who paid
  was not lost after all, and the funnel should count the order.
Nothing moves a lead backwards, and only an order moves it out of "lost".

Every function here is idempotent (links are unique per lead and object; transitions repeat as no-ops), so
the receivers (orders.trade.receivers) may call them as often as the signals fire.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.exchange.services import RateMissing, convert
from marketplace.money import Money
from marketplace.workflow import TransitionError, lock, record, transition
from orders.models import Fulfilment, Order
from orders.states import PAID_STATES

from ..models import Lead, LeadLink, Quote, Thread
from .lead_pipeline import AUTOMATIC_TRANSITIONS, enter_stage

S = Lead.Stage
# The orders that count: paid, and not given back (a refunded order is no order to report).
COUNTED_ORDER_STATES = PAID_STATES - {Order.State.REFUNDED}


def verified_account_for(email):
    """The active account whose proven address is `email` (any case), or None."""
    if not email:
        return None
    return (
        get_user_model()
        .objects.filter(email__iexact=email.strip(), email_verified_at__isnull=False, is_active=True)
        .first()
    )


def link_buyer(user):
    """Give every lead with `user`'s email (any case) and no buyer yet `user` as its buyer, then link what
    they already did with each lead's supplier. A lead of a supplier `user` is a member of stays unlinked
    (nobody is their own business's buyer). Returns the leads linked."""
    if not user.email or not user.email_verified:
        return []
    candidates = Lead.objects.filter(email__iexact=user.email, buyer__isnull=True).exclude(
        supplier__memberships__user=user
    )
    linked = []
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            lead = lock(Lead, pk)
            if lead.buyer_id is not None:
                continue
            lead.buyer = user
            lead.save(update_fields=["buyer", "updated_at"])
            record(lead, "", str(user.pk), None, field="buyer", note="the buyer signed up with this email")
        linked.append(lead)
        sync_lead(lead)
    return linked


def link_new_lead(lead):
    """For a lead just captured: if its email has a proven account, that account is its buyer (link_buyer
    does the rest). Returns whether a buyer was found."""
    user = verified_account_for(lead.email)
    if user is None:
        return False
    return any(linked.pk == lead.pk for linked in link_buyer(user))


def sync_lead(lead):
    """Link everything `lead`'s buyer has done with its supplier so far, and move the stage as far as it goes.
    Idempotent; a lead without a buyer is left alone."""
    if lead.buyer_id is None:
        return
    threads = Thread.objects.filter(buyer_id=lead.buyer_id, supplier_id=lead.supplier_id)
    for thread in threads.order_by("pk"):
        _link_thread(lead, thread)
    quotes = Quote.objects.filter(rfq__buyer_id=lead.buyer_id, supplier_id=lead.supplier_id).exclude(
        state=Quote.State.WITHDRAWN
    )
    for quote in quotes.order_by("pk"):
        _link_quote(lead, quote)
    orders = Order.objects.filter(
        buyer_id=lead.buyer_id, fulfilments__supplier_id=lead.supplier_id, state__in=COUNTED_ORDER_STATES
    )
    for order in orders.order_by("pk").distinct():
        _link_order(lead, order)


def _leads_of(buyer_id, supplier_id):
    return Lead.objects.filter(buyer_id=buyer_id, supplier_id=supplier_id).order_by("pk")


def link_thread(thread):
    """A new inquiry from a buyer to a supplier: linked to the supplier's leads of that buyer."""
    for lead in _leads_of(thread.buyer_id, thread.supplier_id):
        _link_thread(lead, thread)


def link_quote(quote):
    """A supplier's quote on a buyer's RFQ: linked (with the RFQ) to the supplier's leads of that buyer."""
    if quote.state == Quote.State.WITHDRAWN:
        return
    for lead in _leads_of(quote.rfq.buyer_id, quote.supplier_id):
        _link_quote(lead, quote)


def link_order(order):
    """A paid order: linked to the leads of its buyer with each supplier that has a part in it."""
    if order.state not in COUNTED_ORDER_STATES:
        return
    supplier_ids = Fulfilment.objects.filter(order=order).values_list("supplier_id", flat=True)
    for lead in Lead.objects.filter(buyer_id=order.buyer_id, supplier_id__in=supplier_ids).order_by("pk"):
        _link_order(lead, order)


def _link(lead, kind, **target):
    """The link once: a second call (or a concurrent first) finds it there."""
    try:
        with transaction.atomic():
            return LeadLink.objects.get_or_create(lead=lead, kind=kind, **target)[1]
    except IntegrityError:
        return False


def _advance(lead, to, note, apply=None):
    """Move `lead` forward to `to` if AUTOMATIC_TRANSITIONS allows it from where it is; else leave it (it is
    further on already, or lost and this is no order). True when it moved."""

    def enter(locked):
        enter_stage(locked, to)
        if apply:
            apply(locked)

    try:
        return transition(
            Lead, lead.pk, to, AUTOMATIC_TRANSITIONS, field="stage", note=note, apply=enter
        ).changed
    except TransitionError:
        return False


def _link_thread(lead, thread):
    _link(lead, LeadLink.Kind.INQUIRY, thread=thread)
    _advance(lead, S.CONVERSATION, f"inquiry {thread.pk} from the buyer")


def _link_quote(lead, quote):
    _link(lead, LeadLink.Kind.RFQ, rfq_id=quote.rfq_id)
    _link(lead, LeadLink.Kind.QUOTE, quote=quote)
    _advance(lead, S.QUOTED, f"quote {quote.pk} on the buyer's RFQ {quote.rfq_id}")


def order_value(order, supplier_id):
    """What `order` is worth to one supplier: the total of its part (Money), not the whole cart's."""
    fulfilment = Fulfilment.objects.prefetch_related("lines").select_related("order")
    return fulfilment.get(order=order, supplier_id=supplier_id).total


def _value_in_usd(value: Money, on):
    try:
        return convert(value, "USD", on).rounded().amount
    except RateMissing:
        return None


def _record_order(lead, order, value, now):
    lead.order = order
    lead.order_value = value.amount
    lead.order_currency = value.currency
    lead.order_value_usd = _value_in_usd(value, timezone.localdate(now))
    lead.ordered_at = now


def _link_order(lead, order):
    _link(lead, LeadLink.Kind.ORDER, order=order)
    value = order_value(order, lead.supplier_id)
    now = timezone.now()
    moved = _advance(
        lead,
        S.ORDERED,
        f"order {order.pk} paid: {value}",
        apply=lambda locked: _record_order(locked, order, value, now),
    )
    if moved:
        return
    # Marked "ordered" by hand (an order signed outside the marketplace): the first real order adds a value.
    with transaction.atomic():
        locked = lock(Lead, lead.pk)
        if locked.stage != S.ORDERED or locked.order_id is not None:
            return
        _record_order(locked, order, value, now)
        locked.save()
        record(locked, S.ORDERED, S.ORDERED, None, field="stage", note=f"order {order.pk} paid: {value}")
