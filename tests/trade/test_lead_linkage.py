"""A lead meets its buyer: the account that proves the lead's email, then that buyer's inquiries, quotes and
paid orders with the lead's supplier link to the lead and move its stage by themselves, forward only
(orders.trade.services.lead_linkage, hooked by orders.trade.receivers)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.accounts import services as accounts
from marketplace.workflow import history
from orders.checkout.ordering import LineSpec, create_order
from orders.trade.models import Lead, LeadLink
from orders.trade.services import inquiries, lead_linkage, rfqs
from orders.trade.services import lead_pipeline as pipeline
from tests.factories import BuyerFactory, MembershipFactory, SupplierFactory
from tests.orders.helpers import paid

from .factories import LeadFactory, QuoteFactory, RFQFactory, ThreadFactory
from .helpers import accept_as_seen

pytestmark = pytest.mark.django_db
S = Lead.Stage


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block's on-commit work (the receivers' linking) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sign_up(email, committed):
    """A buyer signs up with `email` and follows the emailed link; returns the new account."""
    with committed():
        accounts.request_signup(
            email=email,
            password="a-Long-pass-123",
            full_name="Anna Importer",
            company="Hamburg Home GmbH",
            country="DE",
            preferred_currency="EUR",
        )
    (token,) = re.findall(r"/accounts/signup/confirm/([^/\s]+)/", mail.outbox[-1].body)
    with committed():
        return accounts.confirm_signup(token).user


def test_the_lead_follows_its_buyer_from_sign_up_to_a_paid_order(
    committed, matching_supplier, category, artisan, rates
):
    """The whole story: a lead captured at the booth, the buyer signs up with that email (any case), sends
    an inquiry, gets a quote on their RFQ, accepts it and pays: the lead ends "ordered" with the order's value
    in its currency and in USD, every step linked and in its history, none by a person."""
    with committed():
        lead = LeadFactory(supplier=matching_supplier, email="Anna@Hamburg-Home.example", captured_by=artisan)

    buyer = sign_up("anna@hamburg-home.example", committed)
    lead.refresh_from_db()
    assert lead.buyer == buyer and lead.stage == S.NEW

    with committed():
        thread = inquiries.start_inquiry(
            buyer=buyer, supplier=matching_supplier, body="Do you ship to Hamburg?"
        )
    lead.refresh_from_db()
    assert lead.stage == S.CONVERSATION and lead.first_contacted_at is not None

    with committed():
        rfq = rfqs.post_rfq(
            buyer=buyer,
            **{f: getattr(RFQFactory.build(category=category, currency="EUR"), f) for f in RFQ_FIELDS},
        )
    with committed():
        quote = rfqs.submit_quote(
            rfq,
            supplier=matching_supplier,
            actor=artisan,
            unit_price=Decimal("9.20"),
            currency="EUR",
            incoterm="FOB",
            incoterm_place="Karachi",
            lead_time_days=40,
            valid_until=timezone.localdate() + timedelta(days=20),
        )
    lead.refresh_from_db()
    assert lead.stage == S.QUOTED

    with committed():
        order = accept_as_seen(quote, buyer)
    lead.refresh_from_db()
    assert lead.stage == S.QUOTED  # accepted, not paid yet

    with committed():
        paid(order)
    lead.refresh_from_db()

    # 500 pieces at 9.20 EUR = 4,600.00 EUR; at 0.92 EUR per USD, 5,000.00 USD.
    assert lead.stage == S.ORDERED and lead.order == order
    assert (lead.order_value, lead.order_currency, lead.order_value_usd) == (
        Decimal("4600.00"), "EUR", Decimal("5000.00")
    )  # fmt: skip
    assert lead.ordered_at is not None
    links = {
        (link.kind, link.thread_id or link.rfq_id or link.quote_id or link.order_id)
        for link in lead.links.all()
    }
    assert links == {("inquiry", thread.pk), ("rfq", rfq.pk), ("quote", quote.pk), ("order", order.pk)}
    stages = [(c.from_state, c.to_state, c.actor) for c in history(lead).filter(field="stage")]
    assert stages == [
        ("new", "conversation", None),
        ("conversation", "quoted", None),
        ("quoted", "ordered", None),
    ]


RFQ_FIELDS = (
    "title", "description", "category", "quantity", "unit", "target_unit_price", "currency",
    "destination_country", "incoterm", "needed_by", "deadline",
)  # fmt: skip


def test_what_the_buyer_did_before_a_late_lead_is_linked_at_capture(committed, supplier, rates):
    """The buyer had an account, an inquiry and a paid order with the supplier before the exhibitor captured
    them: capturing the lead links it all at once, straight to "ordered"."""
    buyer = BuyerFactory(email="late@importer.example")
    thread = ThreadFactory(buyer=buyer, supplier=supplier)
    order = _order(buyer, supplier, "120.00", "USD")
    paid(order)

    with committed():
        lead = LeadFactory(supplier=supplier, email="LATE@importer.example")
    lead.refresh_from_db()

    assert lead.buyer == buyer and lead.stage == S.ORDERED
    assert (lead.order_value, lead.order_value_usd) == (Decimal("120.00"), Decimal("120.00"))
    assert set(lead.links.values_list("kind", flat=True)) == {"inquiry", "order"}
    assert LeadLink.objects.get(lead=lead, kind="inquiry").thread == thread


def _order(buyer, supplier, price, currency):
    return create_order(
        buyer=buyer,
        currency=currency,
        lines=[
            LineSpec(
                supplier=supplier, description="Planters", quantity=1, unit="piece", unit_price=Decimal(price)
            )
        ],
        source="direct",
    )


@pytest.fixture
def linked(supplier):
    """A lead of `supplier` whose buyer has signed up."""
    buyer = BuyerFactory()
    return LeadFactory(supplier=supplier, email=buyer.email, buyer=buyer)


def test_an_inquiry_does_not_move_a_quoted_lead_back(linked, artisan):
    pipeline.move_stage(linked, S.QUOTED, actor=artisan)
    lead_linkage.link_thread(ThreadFactory(buyer=linked.buyer, supplier=linked.supplier))
    linked.refresh_from_db()

    assert linked.stage == S.QUOTED
    assert linked.links.filter(kind="inquiry").exists()


def test_an_inquiry_or_a_quote_leaves_a_lost_lead_lost(linked, artisan):
    pipeline.move_stage(linked, S.LOST, actor=artisan, reason="Chose another maker")
    lead_linkage.link_thread(ThreadFactory(buyer=linked.buyer, supplier=linked.supplier))
    lead_linkage.link_quote(QuoteFactory(rfq=RFQFactory(buyer=linked.buyer), supplier=linked.supplier))
    linked.refresh_from_db()

    assert linked.stage == S.LOST and linked.links.count() == 3


def test_a_paid_order_revives_a_lost_lead(linked, artisan, supplier):
    pipeline.move_stage(linked, S.LOST, actor=artisan, reason="No answer")
    order = _order(linked.buyer, supplier, "80.00", "USD")
    paid(order)
    lead_linkage.link_order(order)
    linked.refresh_from_db()

    assert linked.stage == S.ORDERED and linked.lost_reason == "" and linked.order == order
    assert history(linked).last().from_state == "lost"


def test_an_unpaid_order_moves_nothing(linked, supplier):
    lead_linkage.link_order(_order(linked.buyer, supplier, "80.00", "USD"))
    linked.refresh_from_db()
    assert linked.stage == S.NEW and not linked.links.exists()


def test_the_order_value_is_the_suppliers_part_of_a_cart(linked, supplier):
    other = SupplierFactory()
    order = create_order(
        buyer=linked.buyer,
        currency="USD",
        lines=[
            LineSpec(
                supplier=supplier, description="Rugs", quantity=2, unit="piece", unit_price=Decimal("50")
            ),
            LineSpec(
                supplier=other, description="Lamps", quantity=1, unit="piece", unit_price=Decimal("900")
            ),
        ],
        source="direct",
    )
    paid(order)
    lead_linkage.link_order(order)
    linked.refresh_from_db()

    assert linked.order_value == Decimal("100.00")


def test_a_second_order_is_linked_but_keeps_the_first_value(linked, supplier):
    first, second = (
        _order(linked.buyer, supplier, "70.00", "USD"),
        _order(linked.buyer, supplier, "500.00", "USD"),
    )
    for order in (first, second):
        paid(order, intent_id=f"pi_{order.pk}")
        lead_linkage.link_order(order)
    linked.refresh_from_db()

    assert linked.order == first and linked.order_value == Decimal("70.00")
    assert linked.links.filter(kind="order").count() == 2


def test_a_lead_marked_ordered_by_hand_gets_the_value_of_the_first_real_order(linked, artisan, supplier):
    pipeline.move_stage(linked, S.ORDERED, actor=artisan)
    order = _order(linked.buyer, supplier, "300.00", "USD")
    paid(order)
    lead_linkage.link_order(order)
    linked.refresh_from_db()

    assert linked.order == order and linked.order_value == Decimal("300.00")


def test_linking_twice_changes_nothing(linked, supplier):
    thread = ThreadFactory(buyer=linked.buyer, supplier=supplier)
    order = _order(linked.buyer, supplier, "40.00", "USD")
    paid(order)
    for _ in range(2):
        lead_linkage.link_thread(thread)
        lead_linkage.link_order(order)
        lead_linkage.sync_lead(linked)
    linked.refresh_from_db()

    assert linked.links.count() == 2
    assert history(linked).filter(field="stage").count() == 2  # new -> conversation -> ordered


def test_another_suppliers_dealings_do_not_touch_the_lead(linked):
    lead_linkage.link_thread(ThreadFactory(buyer=linked.buyer))
    linked.refresh_from_db()
    assert linked.stage == S.NEW and not linked.links.exists()


def test_an_unproven_address_links_no_lead(supplier):
    LeadFactory(supplier=supplier, email="someone@importer.example")
    unverified = BuyerFactory(email="someone@importer.example", email_verified_at=None)

    assert lead_linkage.link_buyer(unverified) == []


def test_a_member_of_the_supplier_is_not_its_own_lead_buyer(supplier):
    member = MembershipFactory(supplier=supplier).user
    LeadFactory(supplier=supplier, email=member.email)

    assert lead_linkage.link_buyer(member) == []
