"""/sell/balance/ reads as a supplier reads money: positive amounts held, released, refunded, paid out, per
order and with their currency, never the ledger's debit and credit signs."""

import re
from decimal import Decimal

import pytest

from marketplace.money import Money
from orders.ledger.payouts import create_payout_batch, settle_batch
from orders.ledger.statements import order_statements
from orders.lifecycle import accept_fulfilment, confirm_delivery, ship_fulfilment
from orders.models import PayoutAccount
from orders.payments.refunds import apply_refund
from tests.factories import MembershipFactory, ProductFactory

from .conftest import make_order
from .helpers import paid

pytestmark = pytest.mark.django_db


def cell(page, order, name):
    """The text of cell `name` (paid, refunded, commission, released, held) in `order`'s row."""
    row = re.search(rf'<tr data-order="{order.pk}">(.*?)</tr>', page, re.S).group(1)
    return re.search(rf'<td class="{name}">(.*?)</td>', row, re.S).group(1).strip()


def summary(page, name, currency="USD"):
    block = re.search(rf'<dl class="orders-balance" data-currency="{currency}">(.*?)</dl>', page, re.S).group(
        1
    )
    return re.search(rf'<dd class="{name}">(.*?)</dd>', block, re.S).group(1).strip()


def balance_page(client_for, artisan):
    return client_for(artisan).get("/sell/balance/").content.decode()


@pytest.fixture
def released(order, buyer, artisan):
    """125.00 USD paid, shipped, confirmed: 118.75 released to the supplier, 6.25 commission."""
    paid(order)
    order.refresh_from_db()
    fulfilment = order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    ship_fulfilment(fulfilment, artisan, carrier="TCS", tracking_number="TCS-1")
    confirm_delivery(order, buyer)
    return order


def test_a_paid_order_shows_what_the_buyer_paid_and_what_is_held(client_for, artisan, order):
    paid(order)

    page = balance_page(client_for, artisan)

    assert cell(page, order, "paid") == "125.00 USD"
    assert cell(page, order, "held") == "125.00 USD"
    assert cell(page, order, "released") == "0.00 USD"
    assert summary(page, "held") == "125.00 USD"


def test_a_released_order_shows_the_commission_and_the_amount_released(client_for, artisan, released):
    page = balance_page(client_for, artisan)

    assert cell(page, released, "commission") == "6.25 USD"
    assert cell(page, released, "released") == "118.75 USD"
    assert cell(page, released, "held") == "0.00 USD"
    assert summary(page, "available") == "118.75 USD"


def test_no_amount_on_the_page_carries_a_debit_or_credit_sign(client_for, artisan, released):
    apply_refund("re_dashboard", Money(Decimal("10.00"), "USD"), released)  # after release, from Stripe

    page = balance_page(client_for, artisan)

    amounts = re.findall(r"(-?[\d,]+\.\d\d) USD", page)
    assert amounts and all(not amount.startswith("-") for amount in amounts)
    assert cell(page, released, "refunded") == "10.00 USD"


def test_a_partial_refund_shows_as_refunded_and_no_longer_held(client_for, artisan, order):
    paid(order)
    apply_refund("re_partial", Money(Decimal("25.00"), "USD"), order)

    page = balance_page(client_for, artisan)

    assert cell(page, order, "refunded") == "25.00 USD"
    assert cell(page, order, "held") == "100.00 USD"


def test_a_settled_payout_shows_as_paid_out(client_for, artisan, supplier, operator, released):
    PayoutAccount.objects.create(
        supplier=supplier, rail="bank", account_name="Workshop", iban="PK36SCBL0000001123456702"
    )
    batch = create_payout_batch(currency="USD", actor=operator)
    settle_batch(batch, operator)

    page = balance_page(client_for, artisan)

    assert summary(page, "paid-out") == "118.75 USD"
    assert summary(page, "available") == "0.00 USD"
    payouts = page.split('class="orders-table orders-payouts"', 1)[1]
    assert batch.items.get().reference in payouts
    assert "118.75 USD" in payouts
    assert "Paid out on" in payouts


def test_another_suppliers_orders_are_not_on_the_page(client_for, artisan, buyer, order):
    other = MembershipFactory().supplier
    theirs = make_order(buyer, other, ProductFactory(supplier=other))
    paid(order, "pi_mine")
    paid(theirs, "pi_theirs")

    page = balance_page(client_for, artisan)

    assert f'data-order="{order.pk}"' in page
    assert f'data-order="{theirs.pk}"' not in page


def test_each_orders_figures_add_up_to_what_is_held(supplier, released, order):
    apply_refund("re_after", Money(Decimal("10.00"), "USD"), released)
    (statement,) = order_statements(supplier)

    assert statement.paid.amount == Decimal("125.00")
    # 125.00 paid = 6.25 commission + 118.75 released (10.00 of it refunded later) + 0 held
    assert statement.paid - statement.commission - statement.released - statement.held == Money("0", "USD")
    assert statement.refunded.amount == Decimal("10.00")


@pytest.mark.parametrize("count", [2, 10])
def test_the_balance_page_query_count_does_not_grow_with_orders(
    client_for, artisan, buyer, supplier, product, count, django_assert_num_queries
):
    for n in range(count):
        paid(make_order(buyer, supplier, product), intent_id=f"pi_{n}")
    client = client_for(artisan)
    client.get("/sell/balance/")

    # 11: 8, the supplier's advances and the member's role (only owners withdraw one; issue 20), and the
    # header's waiting counts (issue 22, one query on every signed-in page).
    with django_assert_num_queries(11):
        client.get("/sell/balance/")
