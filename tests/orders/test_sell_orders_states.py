"""/sell/orders/ lists a supplier's part of every order from the moment the order exists, awaiting payment
included, each with a status in the supplier's words; accepting and declining are offered on paid ones
only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orders.lifecycle import accept_fulfilment, ship_fulfilment
from orders.models import Fulfilment, Order
from orders.seller_status import status_label

from .conftest import make_order
from .helpers import paid

SELL_ORDERS = reverse("orders:sell-orders")

S, F = Order.State, Fulfilment.State


def status_on_page(client, order):
    html = client.get(SELL_ORDERS).content.decode()
    start = html.index(f">Order {order.pk} ·")
    section = html[start : html.index("</section>", start)]
    return section


def test_an_unpaid_order_is_listed_as_awaiting_payment_without_accept(client, artisan, order):
    client.force_login(artisan)
    section = status_on_page(client, order)
    assert '<strong class="seller-status">Awaiting payment</strong>' in section
    assert "The buyer has not paid yet" in section
    assert reverse("orders:fulfilment-accept", args=[order.fulfilments.get().pk]) not in section


def test_the_label_follows_the_order_through_payment_and_shipping(client, artisan, order):
    client.force_login(artisan)
    paid(order)
    section = status_on_page(client, order)
    assert '<strong class="seller-status">Paid</strong>' in section
    fulfilment = order.fulfilments.get()
    assert reverse("orders:fulfilment-accept", args=[fulfilment.pk]) in section
    accept_fulfilment(fulfilment, artisan)
    assert '<strong class="seller-status">To ship</strong>' in status_on_page(client, order)
    ship_fulfilment(fulfilment, artisan, carrier="TCS", tracking_number="TCS-1")
    section = status_on_page(client, order)
    assert '<strong class="seller-status">Shipped</strong>' in section
    assert "TCS-1" in section


@pytest.mark.parametrize(
    ("order_state", "part_state", "label"),
    [
        (S.AWAITING_PAYMENT, F.PENDING, "Awaiting payment"),
        (S.PAID, F.PENDING, "Paid"),
        (S.IN_PRODUCTION, F.ACCEPTED, "To ship"),
        (S.SHIPPED, F.SHIPPED, "Shipped"),
        (S.DELIVERED, F.DELIVERED, "Delivered"),
        (S.COMPLETED, F.DELIVERED, "Delivered"),
        (S.DISPUTED, F.SHIPPED, "Disputed"),
        (S.CANCELLED, F.PENDING, "Cancelled"),
        (S.REFUNDED, F.DECLINED, "Refunded"),
        (S.PAID, F.DECLINED, "Declined"),
    ],
)
def test_status_labels(order_state, part_state, label):
    assert str(status_label(Fulfilment(state=part_state, order=Order(state=order_state)))) == label


def test_another_suppliers_member_does_not_see_it(client, other_artisan, order):
    client.force_login(other_artisan)
    assert f"Order {order.pk}" not in client.get(SELL_ORDERS).content.decode()


def test_anonymous_goes_to_login(client, order):
    response = client.get(SELL_ORDERS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_query_count_does_not_grow_with_orders(client, artisan, buyer, supplier, product):
    make_order(buyer, supplier, product)
    client.force_login(artisan)
    client.get(SELL_ORDERS)
    with CaptureQueriesContext(connection) as few:
        client.get(SELL_ORDERS)
    for n in range(4):
        paid(make_order(buyer, supplier, product), intent_id=f"pi_test_{n}")
    with CaptureQueriesContext(connection) as many:
        client.get(SELL_ORDERS)
    assert len(many) == len(few)


def test_paginated(client, artisan, buyer, supplier, product):
    for _ in range(21):
        make_order(buyer, supplier, product)
    client.force_login(artisan)
    html = client.get(SELL_ORDERS).content.decode()
    assert "Page 1 of 2" in html
    assert client.get(SELL_ORDERS, {"page": 2}).content.decode().count('class="orders-card"') == 1
