"""The programme's figures on a small dataset with known answers, one behaviour per test."""

from datetime import date
from decimal import Decimal

import pytest

from marketplace.exchange.models import ExchangeRate
from orders.financing.models import Advance
from orders.models import Order
from orders.trade.models import Lead
from orders.trade.programme.figures import COLUMNS, compute_dashboard
from orders.trade.programme.scope import ALL, CLUSTER, EVENT, Scope
from tests.factories import ClusterFactory, SupplierFactory
from tests.trade.factories import CapacityOfferFactory, QuoteFactory, RFQFactory, ThreadFactory

from .helpers import (
    FIRST,
    LAST,
    at,
    dated,
    days,
    make_advance,
    make_allocation,
    make_event,
    make_invitation,
    make_lead,
    make_order,
)

pytestmark = pytest.mark.django_db


def figures(scope=None):
    board = compute_dashboard(scope or Scope(ALL, FIRST, LAST))
    return {
        figure.key: dict(zip([key for key, *_rest in COLUMNS], figure.values, strict=True))
        for figure in board.figures
    }


def test_leads_are_broken_down_by_the_suppliers_women_led_flag():
    women_led, other = SupplierFactory(women_led=True), SupplierFactory(women_led=False)
    make_lead(women_led), make_lead(women_led), make_lead(other)

    leads = figures()["leads"]

    assert (leads["total"], leads["women_led"], leads["not_women_led"]) == (3, 2, 1)


def test_orders_are_broken_down_by_the_suppliers_size():
    micro, small, medium = (SupplierFactory(size=size) for size in ("micro", "small", "medium"))
    make_order(micro), make_order(small), make_order(small), make_order(medium)

    orders = figures()["orders"]

    assert (orders["micro"], orders["small"], orders["medium"], orders["total"]) == (1, 2, 1, 4)


def test_the_share_contacted_within_seven_days_counts_first_contact_on_the_seventh_day():
    supplier = SupplierFactory()
    make_lead(supplier, contacted_after=days(3))
    make_lead(supplier, contacted_after=days(7))
    make_lead(supplier, contacted_after=days(8))
    make_lead(supplier)  # never contacted

    # 2 of 4 leads were contacted within 7 days.
    assert figures()["contacted_share"]["total"] == Decimal(50)


def test_a_share_of_no_leads_is_none_not_zero():
    make_lead(SupplierFactory(women_led=False), contacted_after=days(1))

    share = figures()["contacted_share"]

    assert share["not_women_led"] == Decimal(100) and share["women_led"] is None


def test_order_values_are_summed_per_currency_and_converted_to_usd_at_the_period_end():
    ExchangeRate.objects.create(currency="PKR", on_date=date(2026, 1, 1), per_usd=Decimal("250"))
    ExchangeRate.objects.create(currency="PKR", on_date=date(2026, 6, 1), per_usd=Decimal("280"))
    supplier = SupplierFactory()
    make_order(supplier, amount="100.00", currency="USD")
    make_order(supplier, amount="28000.00", currency="PKR")
    make_order(supplier, amount="14000.00", currency="PKR")

    # 100 USD + 42,000 PKR at 280 per USD (the rate on 30 June) = 100 + 150.
    assert figures()["orders_usd"]["total"] == Decimal("250.00")


def test_orders_in_a_currency_without_a_rate_are_counted_but_left_out_of_the_value():
    supplier = SupplierFactory()
    make_order(supplier, amount="100.00", currency="USD")
    make_order(supplier, amount="900.00", currency="AED")

    board = compute_dashboard(Scope(ALL, FIRST, LAST))
    by_key = {figure.key: figure for figure in board.figures}

    assert by_key["orders"].values[0] == 2 and by_key["orders_usd"].values[0] == Decimal("100.00")
    assert board.missing_rates == ["AED"]


def test_unpaid_cancelled_and_refunded_orders_do_not_count():
    supplier = SupplierFactory()
    make_order(supplier, state=Order.State.COMPLETED)
    for state in (Order.State.AWAITING_PAYMENT, Order.State.CANCELLED, Order.State.REFUNDED):
        make_order(supplier, state=state)

    assert figures()["orders"]["total"] == 1


def test_the_period_takes_whole_days_from_the_first_to_the_last():
    supplier = SupplierFactory()
    dated(make_lead(supplier), at(FIRST, hour=0))  # the first moment counts
    dated(make_lead(supplier), at(LAST, hour=23))  # the last day counts whole
    make_lead(supplier, day=date(2025, 12, 31))
    make_lead(supplier, day=date(2026, 7, 1))

    assert figures()["leads"]["total"] == 2


def test_the_event_scope_counts_the_events_leads_and_its_exhibitors_activity():
    exhibitor, stay_at_home = SupplierFactory(), SupplierFactory()
    event = make_event(suppliers=[exhibitor])
    other_event = make_event(slug="other-expo", suppliers=[exhibitor, stay_at_home])
    make_lead(exhibitor, event=event)
    make_lead(exhibitor, event=other_event)
    make_lead(stay_at_home, event=other_event)
    make_order(exhibitor), make_order(stay_at_home)

    counts = figures(Scope(EVENT, FIRST, LAST, event=event))

    assert counts["exhibitors"]["total"] == 1
    assert counts["leads"]["total"] == 1  # the event's own, not the other expo's
    assert counts["orders"]["total"] == 1  # its exhibitor's, in the period


def test_the_cluster_scope_counts_its_suppliers_once_even_in_two_clusters():
    pottery, textiles = ClusterFactory(), ClusterFactory()
    inside = SupplierFactory(clusters=[pottery, textiles])
    outside = SupplierFactory(clusters=[textiles])
    make_order(inside), make_order(outside)
    for supplier in (inside, outside):
        dated(ThreadFactory(supplier=supplier), at(date(2026, 2, 1)))

    counts = figures(Scope(CLUSTER, FIRST, LAST, cluster=pottery))

    assert counts["orders"]["total"] == 1 and counts["inquiries"]["total"] == 1


def test_conversion_is_the_share_of_leads_that_ordered():
    supplier = SupplierFactory()
    make_lead(supplier, stage=Lead.Stage.ORDERED)
    for _ in range(3):
        make_lead(supplier)

    assert figures()["conversion"]["total"] == Decimal(25)


def test_advances_requested_approved_and_repaid():
    supplier = SupplierFactory(women_led=True)
    for state in ("requested", "approved", "declined", "disbursed", "repaid"):
        make_advance(supplier, state=state)

    counts = figures()

    # Approved counts what was approved, whether disbursed or repaid since.
    assert counts["advances_requested"]["women_led"] == 5
    assert counts["advances_approved"]["women_led"] == 3
    assert counts["advances_repaid"]["women_led"] == 1


def test_trade_records_count_per_supplier():
    supplier = SupplierFactory(size="small")
    rfq = RFQFactory()
    for record in (ThreadFactory(supplier=supplier), QuoteFactory(supplier=supplier, rfq=rfq)):
        dated(record, at(date(2026, 2, 1)))
    make_invitation(rfq, supplier)
    offer = dated(CapacityOfferFactory(supplier=supplier), at(date(2026, 2, 2)))
    make_allocation(offer)
    make_allocation(dated(CapacityOfferFactory(supplier=supplier), at(date(2026, 2, 2))), state="draft")

    counts = figures()

    assert [
        counts[key]["small"] for key in ("inquiries", "rfqs", "quotes", "subcontract_offers", "allocations")
    ] == [
        1,
        1,
        1,
        2,
        1,
    ]


def test_active_suppliers_did_business_in_the_period():
    busy, idle, early = SupplierFactory(), SupplierFactory(), SupplierFactory()
    make_order(busy)
    make_order(early, day=date(2025, 11, 1))
    assert idle  # no activity at all

    assert figures()["active_suppliers"]["total"] == 1


def test_exhibitors_of_events_overlapping_the_period_count_outside_an_event_scope():
    make_event(suppliers=[SupplierFactory(), SupplierFactory()])
    make_event(slug="old-expo", first=date(2025, 3, 1), last=date(2025, 3, 3), suppliers=[SupplierFactory()])

    assert figures()["exhibitors"]["total"] == 2


def test_the_figures_cost_a_fixed_number_of_queries(django_assert_num_queries):
    supplier = SupplierFactory()
    for _ in range(3):
        make_lead(supplier, contacted_after=days(1))
        make_advance(supplier)

    # One aggregate query per figure family (two for orders: their count, their lines' value) and one for
    # the exchange rates.
    with django_assert_num_queries(12):
        compute_dashboard(Scope(ALL, FIRST, LAST))
    assert Advance.objects.count() == 3
