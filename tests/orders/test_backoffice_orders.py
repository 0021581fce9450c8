"""Orders in the operators' back office, through HTTP: the list (what needs action, search, filters, a pinned
query count) and an order's page with its refund and dispute forms."""

from decimal import Decimal

import pytest

from orders.disputes import open_dispute
from orders.ledger.book import held_in_escrow, supplier_balances
from orders.ledger.reconcile import ledger_problems
from orders.models import Dispute, Order, Refund
from tests.factories import BuyerFactory

from .conftest import make_order
from .helpers import paid

pytestmark = pytest.mark.django_db

ORDERS = "/admin/operations/orders/"


def order_page(order):
    return f"{ORDERS}{order.pk}/"


def test_the_list_shows_every_order_with_its_buyer_state_and_total(client_for, operator, order, buyer):
    page = client_for(operator).get(ORDERS).content.decode()

    assert f"Order {order.pk}" in page
    assert buyer.email in page
    assert "Awaiting payment" in page
    assert "125.00 USD" in page
    assert f'href="{order_page(order)}"' in page


def test_an_order_number_finds_that_order(client_for, operator, order, buyer, supplier, product):
    other = make_order(buyer, supplier, product)

    page = client_for(operator).get(ORDERS, {"q": str(other.pk)}).content.decode()

    assert f"Order {other.pk}" in page
    assert f"Order {order.pk}<" not in page


def test_a_buyers_email_finds_their_orders(client_for, operator, order, supplier, product):
    stranger = BuyerFactory(email="someone.else@example.com")
    theirs = make_order(stranger, supplier, product)

    page = client_for(operator).get(ORDERS, {"q": "someone.else"}).content.decode()

    assert f"Order {theirs.pk}" in page
    assert f"Order {order.pk}<" not in page


def test_the_list_filters_by_state(client_for, operator, order, buyer, supplier, product):
    unpaid = make_order(buyer, supplier, product)
    paid(order)

    page = client_for(operator).get(ORDERS, {"state": "paid"}).content.decode()

    assert f"Order {order.pk}" in page
    assert f"Order {unpaid.pk}<" not in page


def test_an_open_dispute_is_listed_with_a_link_to_its_order(client_for, operator, order, buyer):
    paid(order)
    open_dispute(order, buyer, reason="Three vases arrived broken.")

    page = client_for(operator).get(ORDERS).content.decode()

    disputes = page.split('class="open-disputes"', 1)[1].split("</ul>", 1)[0]
    assert f'href="{order_page(order)}"' in disputes
    assert "Three vases arrived broken." in disputes


@pytest.mark.parametrize("count", [2, 10])
def test_the_orders_list_query_count_does_not_grow(
    client_for, operator, buyer, supplier, product, count, django_assert_num_queries
):
    for n in range(count):
        paid(make_order(buyer, supplier, product), intent_id=f"pi_{n}")
    client = client_for(operator)
    client.get(ORDERS)  # warm the session and content-type caches

    # Session, user, its permissions (2), profile, groups; Wagtail's locales and page and collection checks
    # (3); late payments, payments held for review and open disputes; the count, the page of orders with
    # their buyers, their lines.
    with django_assert_num_queries(15):
        client.get(ORDERS)


# --- An order's page ----------------------------------------------------------------------------------------
def test_the_order_page_shows_parties_lines_payments_and_ledger(client_for, operator, order, buyer, supplier):
    paid(order, intent_id="pi_shown")

    page = client_for(operator).get(order_page(order)).content.decode()

    assert buyer.email in page and supplier.name in page
    assert order.lines.get().description in page
    assert "pi_shown" in page and "Succeeded" in page
    assert '<strong class="held">125.00 USD</strong>' in page
    assert "Card payment captured, held in escrow" in page


def test_an_unknown_order_is_404(client_for, operator):
    assert client_for(operator).get(f"{ORDERS}999999/").status_code == 404


def test_an_operator_refund_above_captured_is_a_form_error(client_for, operator, order):
    paid(order)

    response = client_for(operator).post(f"{order_page(order)}refund/", {"refund-amount": "125.01"})

    assert response.status_code == 200
    assert "At most 125.00 USD" in response.content.decode()
    assert 'value="125.01"' in response.content.decode()
    assert not Refund.objects.exists()


def test_an_operator_refunds_part_of_an_order_to_the_buyers_card(client_for, operator, paid_order):
    response = client_for(operator).post(
        f"{order_page(paid_order)}refund/",
        {"refund-amount": "25.00", "refund-reason": "One chipped"},
        follow=True,
    )

    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.reason) == (Decimal("25.00"), "succeeded", "One chipped")
    assert held_in_escrow(paid_order) == Decimal("100.00")
    assert "Refund sent." in response.content.decode()
    assert response.redirect_chain[-1][0] == order_page(paid_order)
    assert ledger_problems() == []


def test_an_operator_resolves_a_dispute_by_releasing_to_the_supplier(
    client_for, operator, order, buyer, supplier
):
    paid(order)
    open_dispute(order, buyer, reason="Late.")

    response = client_for(operator).post(
        f"{order_page(order)}resolve-dispute/", {"resolve-resolution": "release", "resolve-note": "Arrived"}
    )

    assert response.status_code == 302 and response["Location"] == order_page(order)
    dispute = Dispute.objects.get()
    assert (dispute.state, dispute.resolution) == (Dispute.State.RESOLVED, "release")
    order.refresh_from_db()
    assert order.state == Order.State.COMPLETED
    assert supplier_balances(supplier)["USD"]["available"].amount == Decimal("118.75")


def test_a_partial_refund_resolution_needs_its_amount(client_for, operator, order, buyer):
    paid(order)
    open_dispute(order, buyer, reason="Two broken.")

    response = client_for(operator).post(
        f"{order_page(order)}resolve-dispute/", {"resolve-resolution": "partial_refund"}
    )

    assert response.status_code == 200
    assert "Enter the amount to refund." in response.content.decode()
    assert Dispute.objects.get().state == Dispute.State.OPEN


def test_resolving_an_order_without_an_open_dispute_is_refused_clearly(client_for, operator, order):
    paid(order)

    response = client_for(operator).post(
        f"{order_page(order)}resolve-dispute/", {"resolve-resolution": "release"}, follow=True
    )

    assert response.redirect_chain == [(order_page(order), 302)]
    assert "This order has no open dispute." in response.content.decode()
    order.refresh_from_db()
    assert order.state == Order.State.PAID
