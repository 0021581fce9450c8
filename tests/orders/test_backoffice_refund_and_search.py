"""The operators' orders (issue 22): the refund form only where there is something to refund, the order's
buyer company, and order search by buyer company and supplier name."""

import re
from decimal import Decimal

import pytest

from marketplace.accounts.models import BuyerCompany
from orders.checkout.ordering import LineSpec, create_order
from orders.payments.refunds import refundable_now
from tests.factories import BuyerFactory, ProductFactory, SupplierFactory

from .conftest import SHIPPING, make_order
from .helpers import paid

pytestmark = pytest.mark.django_db

ORDERS = "/admin/operations/orders/"
REFUND_FORM = 'action="/admin/operations/orders/{}/refund/"'


def listed(page):
    """The orders the list shows, by number, once per row (each row links its order's page once by title)."""
    return [int(pk) for pk in re.findall(r'<a href="/admin/operations/orders/(\d+)/"[^>]*>\s*Order', page)]


def test_an_unpaid_order_offers_no_refund_form(client_for, operator, order):
    assert refundable_now(order).amount == 0
    page = client_for(operator).get(f"{ORDERS}{order.pk}/").content.decode()
    assert REFUND_FORM.format(order.pk) not in page
    assert "Nothing to refund now" in page


def test_a_paid_order_offers_the_refund_form_with_what_can_be_refunded(client_for, operator, order):
    paid(order)
    page = client_for(operator).get(f"{ORDERS}{order.pk}/").content.decode()
    assert REFUND_FORM.format(order.pk) in page
    assert "Up to 125.00 USD can be refunded now." in page


def test_a_released_order_offers_no_refund_form(client_for, operator, released):
    # Released to the supplier: nothing is held in escrow any more, so refund_order would refuse any amount.
    assert refundable_now(released).amount == 0
    page = client_for(operator).get(f"{ORDERS}{released.pk}/").content.decode()
    assert REFUND_FORM.format(released.pk) not in page


def test_a_refund_posted_to_an_unpaid_order_is_still_a_form_error_kept_as_typed(client_for, operator, order):
    response = client_for(operator).post(f"{ORDERS}{order.pk}/refund/", {"refund-amount": "10.00"})
    page = response.content.decode()
    assert response.status_code == 200 and "no captured payment to refund" in page and 'value="10.00"' in page


def test_the_order_page_names_the_buyers_company(client_for, operator, supplier, product):
    company = BuyerCompany.objects.create(name="Nordic Interiors AB", country="SE")
    order = make_order(BuyerFactory(buyer_company=company), supplier, product)
    page = client_for(operator).get(f"{ORDERS}{order.pk}/").content.decode()
    assert "Nordic Interiors AB" in page and supplier.name in page and "Hafenstr. 1" in page


def test_orders_are_found_by_buyer_company(client_for, operator, order, supplier, product):
    company = BuyerCompany.objects.create(name="Nordic Interiors AB", country="SE")
    theirs = make_order(BuyerFactory(buyer_company=company), supplier, product)
    page = client_for(operator).get(ORDERS, {"q": "nordic interiors"}).content.decode()
    assert listed(page) == [theirs.pk]


def test_orders_are_found_by_supplier_name_once_each(client_for, operator, order, buyer):
    # One order with two parts whose suppliers both match: the join must not list it twice.
    carvers, woodworks = SupplierFactory(name="Chiniot Carvers"), SupplierFactory(name="Chiniot Woodworks")
    lines = [
        LineSpec(s, "Carved chest", 2, "pcs", Decimal("90.00"), product=ProductFactory(supplier=s))
        for s in (carvers, woodworks)
    ]
    theirs = create_order(buyer=buyer, currency="USD", lines=lines, source="direct", **SHIPPING)
    assert theirs.fulfilments.count() == 2
    page = client_for(operator).get(ORDERS, {"q": "chiniot"}).content.decode()
    assert listed(page) == [theirs.pk]


def test_search_is_for_operators_only(client_for, artisan, order):
    response = client_for(artisan).get(ORDERS, {"q": str(order.pk)})
    assert response.status_code in (302, 403)
    assert listed(response.content.decode()) == []
