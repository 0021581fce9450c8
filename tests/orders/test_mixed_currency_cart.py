"""A cart in several supplier currencies says, on the cart and checkout pages, that one order per currency is
created and what each charges, with the buyer's currency beside it."""

import pytest
from django.urls import reverse

from marketplace.currency import COOKIE_NAME
from tests.currency.helpers import product_in, store_rates

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(db):
    """10 x 2,800 PKR (28,000 PKR = 100.00 USD) and 10 x 10.00 GBP (100.00 GBP)."""
    store_rates()
    return product_in("PKR", "2800"), product_in("GBP", "10.00")


def fill(client, products):
    for product in products:
        client.post(reverse("orders:cart-add"), {"product": product.slug, "quantity": 10})
    client.cookies[COOKIE_NAME] = "USD"
    return client


def test_the_cart_says_one_order_per_currency_and_what_each_charges(client, mixed):
    page = fill(client, mixed).get(reverse("orders:cart")).content.decode()

    assert "Checking out creates one order per currency" in page
    assert "Order in PKR: you will be charged <strong>28,000.00 PKR</strong> (about 100.00 USD)" in page
    assert "Order in GBP: you will be charged <strong>100.00 GBP</strong> (about 133.33 USD)" in page


def test_checkout_says_one_order_per_currency_before_the_button(client_for, buyer, mixed):
    page = fill(client_for(buyer), mixed).get(reverse("orders:checkout")).content.decode()

    assert "Order in PKR: you will be charged <strong>28,000.00 PKR</strong>" in page
    assert "Place 2 orders" in page


def test_a_cart_in_one_currency_says_nothing_of_a_split(client, mixed):
    page = fill(client, mixed[:1]).get(reverse("orders:cart")).content.decode()

    assert "one order per currency" not in page
