"""Cart, checkout and order pages: amounts in the buyer's currency, and what is charged said plainly."""

from decimal import Decimal

import pytest

from marketplace.currency import COOKIE_NAME
from orders.checkout.ordering import LineSpec, create_order
from tests.currency.helpers import product_in, store_rates

pytestmark = pytest.mark.django_db

CHARGED = "You will be charged 28,000.00 PKR, in PKR."


@pytest.fixture
def pkr_product(db):
    """MOQ 10 at 2,800 PKR (10.00 USD, 8.00 EUR, 7.50 GBP)."""
    store_rates()
    return product_in("PKR", "2800")


def in_cart(client, product, quantity=10):
    client.post("/cart/add/", {"product": product.slug, "quantity": quantity})
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def pkr_order(buyer, product):
    line = LineSpec(product.supplier, product.title, 10, "pcs", Decimal("2800"), product=product)
    return create_order(
        buyer=buyer, currency="PKR", lines=[line], source="direct", shipping_name="Anna Weber",
        shipping_address="Hauptstrasse 1, 10115 Berlin", shipping_country="DE",
    )  # fmt: skip


def test_the_cart_shows_the_buyers_currency_and_says_what_is_charged(client, pkr_product):
    client.cookies[COOKIE_NAME] = "GBP"
    html = page(in_cart(client, pkr_product), "/cart/")
    assert '<td data-label="Unit price">7.50 GBP (2,800.00 PKR)</td>' in html
    assert "75.00 GBP (28,000.00 PKR)" in html  # the line and the total
    assert CHARGED in html
    assert "you pay in )" not in html


def test_the_cart_without_a_rate_shows_the_order_currency_and_says_so(client, db):
    product = product_in("PKR", "2800")  # no rate stored
    client.cookies[COOKIE_NAME] = "GBP"
    html = page(in_cart(client, product), "/cart/")
    assert "28,000.00 PKR (conversion unavailable)" in html and CHARGED in html


def test_checkout_shows_the_buyers_currency_and_what_is_charged(client_for, buyer, pkr_product):
    client = in_cart(client_for(buyer), pkr_product)  # the buyer's profile says EUR
    html = page(client, "/checkout/")
    assert "80.00 EUR (28,000.00 PKR)" in html and CHARGED in html


def test_the_order_page_shows_the_buyers_currency_and_what_is_charged(client_for, buyer, pkr_product):
    order = pkr_order(buyer, pkr_product)
    html = page(client_for(buyer), order.get_absolute_url())
    assert "<td>8.00 EUR (2,800.00 PKR)</td>" in html
    assert '<strong class="order-total">28,000.00 PKR</strong> <small>(about 80.00 EUR' in html
    assert CHARGED in html and "Pay 28,000.00 PKR by card" in html


def test_the_order_list_shows_the_buyers_currency(client_for, buyer, pkr_product):
    pkr_order(buyer, pkr_product)
    assert "80.00 EUR (28,000.00 PKR)" in page(client_for(buyer), "/orders/")
