"""The artisan's trade numbers on /sell/ (orders.trade.numbers): inquiries and response time, RFQs seen,
quoted and won, orders and revenue by month in the supplier's currency."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.money import Money
from orders.models import Fulfilment, Order, OrderLine
from orders.trade.models import RFQInvitation
from orders.trade.numbers import first_months, trade_numbers
from tests.factories import BuyerFactory, MembershipFactory, SupplierFactory
from tests.trade.factories import QuoteFactory, RFQFactory, ThreadFactory


def order_for(
    supplier, lines, *, state=Order.State.PAID, currency="USD", months_ago=0, fulfilment_state="accepted"
):
    """An order of `lines` [(quantity, unit price)] from `supplier`, placed `months_ago` months back."""
    order = Order.objects.create(buyer=BuyerFactory(), currency=currency, state=state)
    fulfilment = Fulfilment.objects.create(order=order, supplier=supplier, state=fulfilment_state)
    for quantity, price in lines:
        OrderLine.objects.create(
            order=order, fulfilment=fulfilment, description="Vase", quantity=quantity, unit="piece",
            unit_price=Decimal(price),
        )  # fmt: skip
    placed = timezone.now().replace(day=15) - timedelta(days=31 * months_ago)
    Order.objects.filter(pk=order.pk).update(created_at=placed)
    return order


def answered_thread(supplier, hours):
    thread = ThreadFactory(supplier=supplier)
    if hours is not None:
        thread.first_response_at = thread.created_at + timedelta(hours=hours)
        thread.save(update_fields=["first_response_at"])
    return thread


def test_first_months_are_the_last_twelve_calendar_months():
    from datetime import date

    months = first_months(date(2026, 3, 20))
    assert months[0] == date(2025, 4, 1) and months[-1] == date(2026, 3, 1) and len(months) == 12


def test_inquiries_and_median_response_time(supplier):
    for hours in (2, 4, None):
        answered_thread(supplier, hours)
    answered_thread(SupplierFactory(), 100)  # someone else's
    figures = trade_numbers([supplier])[supplier.pk]
    assert (figures.inquiries, figures.answered, figures.median_response_hours) == (3, 2, 3.0)


def test_rfqs_seen_quoted_and_won(supplier):
    rfqs = RFQFactory.create_batch(3)
    for rfq in rfqs:
        RFQInvitation.objects.create(rfq=rfq, supplier=supplier)
    QuoteFactory(rfq=rfqs[0], supplier=supplier, state="accepted")
    QuoteFactory(rfq=rfqs[1], supplier=supplier)
    QuoteFactory(rfq=rfqs[2], supplier=SupplierFactory(), state="accepted")  # a rival won the third
    figures = trade_numbers([supplier])[supplier.pk]
    assert (figures.rfqs_seen, figures.rfqs_quoted, figures.quotes_won) == (3, 2, 1)


def test_orders_and_revenue_by_month_in_the_suppliers_currency(supplier):
    order_for(supplier, [(10, "5.00"), (1, "2.50")])  # 52.50 this month
    order_for(supplier, [(4, "25.00")], state=Order.State.COMPLETED, months_ago=2)  # 100.00
    order_for(supplier, [(1, "999")], state=Order.State.CANCELLED)
    order_for(supplier, [(1, "999")], state=Order.State.AWAITING_PAYMENT)
    order_for(supplier, [(1, "999")], fulfilment_state="declined")
    order_for(supplier, [(1, "999")], months_ago=13)  # before the twelve months
    order_for(SupplierFactory(), [(1, "999")])
    order_for(supplier, [(2, "40.00")], currency="EUR")
    figures = trade_numbers([supplier])[supplier.pk]
    assert figures.orders == 3
    assert figures.revenue == Money(Decimal("152.50"), "USD")
    assert figures.other_currencies == [Money(Decimal("80.00"), "EUR")]
    revenue = [bar.value for bar in figures.revenue_chart.bars]
    assert (
        revenue[-1] == Decimal("52.50")
        and revenue[-3] == Decimal("100.00")
        and sum(revenue) == Decimal("152.50")
    )
    assert [bar.value for bar in figures.orders_chart.bars][-1] == 2  # the USD and the EUR order
    assert figures.revenue_chart.bars[-1].shown == "52.50 USD"


def test_the_dashboard_shows_each_suppliers_own_figures(client_for, artisan, supplier, other_artisan):
    order_for(supplier, [(3, "11.00")])
    answered_thread(supplier, 5)
    page = client_for(artisan).get(reverse("sell:dashboard")).content.decode()
    assert "33.00 USD" in page and "5.0 hours" in page
    assert 'aria-labelledby="chart-revenue-' in page and '<title id="chart-orders-' in page
    assert "33.00 USD" not in client_for(other_artisan).get(reverse("sell:dashboard")).content.decode()


@pytest.mark.parametrize("supplier_count", [1, 3])
def test_the_dashboards_queries_do_not_grow_with_suppliers(
    db, client, supplier_count, django_assert_num_queries
):
    user = MembershipFactory(role="owner").user
    for _ in range(supplier_count - 1):
        MembershipFactory(user=user, role="coordinator")
    for membership in user.memberships.select_related("supplier"):
        order_for(membership.supplier, [(1, "1.00")])
        answered_thread(membership.supplier, 1)
    client.force_login(user)
    client.get(reverse("sell:dashboard"))  # warms what is cached per process (content types, templates)
    # The page's own (session, user, suppliers, products), one for the views, four for the trade figures
    # (threads, invitations, quotes, order lines), the application's state (catalog.onboarding), the seller
    # nav's members and artisans links (a membership, the roles, a coordinator row): the same for one
    # supplier as for three.
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("sell:dashboard"))
    assert response.status_code == 200


QUERIES = 15  # 13, the header's waiting counts (issue 22) and the nav's due lead follow-ups (issue 20)
