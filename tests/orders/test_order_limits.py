"""The limits every order keeps, whatever path it comes by: a quantity of at most MAX_ORDER_QUANTITY per line,
finite prices, and a total a card payment can carry (Stripe's 99,999,999 minor units: 999,999.99 USD)."""

from decimal import Decimal

import pytest

from orders.checkout.ordering import CheckoutError, LineSpec, create_order
from orders.models import Order
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

TOO_MANY = [str(10**30), str(2**63), str(2**31), "1000001"]


def _checkout(client):
    return client.post(
        "/checkout/",
        {
            "shipping_name": "Importer GmbH",
            "shipping_address": "Hafenstr. 1\nHamburg",
            "shipping_country": "de",
        },
    )


@pytest.mark.parametrize("quantity", TOO_MANY)
def test_a_cart_quantity_above_the_largest_order_is_refused_with_a_message(client, product, quantity):
    response = client.post("/cart/add/", {"product": product.slug, "quantity": quantity})

    assert response.status_code == 302
    page = client.get("/cart/")
    assert page.status_code == 200
    assert "1,000,000" in page.content.decode()
    assert client.session.get("cart", []) == []


def test_the_largest_order_quantity_is_a_setting(client, product, settings):
    settings.MAX_ORDER_QUANTITY = 100

    client.post("/cart/add/", {"product": product.slug, "quantity": "101"})

    assert client.session.get("cart", []) == []


def test_adding_the_same_product_twice_cannot_go_past_the_largest_order(client, product):
    client.post("/cart/add/", {"product": product.slug, "quantity": "600000"})
    client.post("/cart/add/", {"product": product.slug, "quantity": "600000"})

    assert [item["quantity"] for item in client.session["cart"]] == [600000]
    assert "1,000,000" in client.get("/cart/").content.decode()


@pytest.mark.parametrize("stored", [10**30, 2**63, 2**31, 0, -5, "ten", None, 1.5])
def test_a_cart_holding_a_bad_quantity_from_before_the_limit_drops_the_line_with_a_message(
    client_for, buyer, product, stored
):
    client = client_for(buyer)
    session = client.session
    session["cart"] = [{"product": product.slug, "quantity": stored, "sample": False}]
    session.save()

    cart = client.get("/cart/")
    assert cart.status_code == 200
    assert product.title in cart.content.decode()  # the message names what was removed
    assert client.session["cart"] == []
    assert client.get("/checkout/").status_code == 302  # the cart is empty now: back to the cart
    assert not Order.objects.exists()


def test_a_cart_line_that_is_not_a_line_at_all_is_dropped(client, product):
    session = client.session
    session["cart"] = [
        {"product": product.slug},
        "junk",
        {"product": product.slug, "quantity": 10, "sample": False},
    ]
    session.save()

    assert client.get("/cart/").status_code == 200
    assert client.session["cart"] == [{"product": product.slug, "quantity": 10, "sample": False}]


def test_checkout_refuses_a_total_above_what_a_card_payment_can_carry(client_for, buyer, supplier):
    # 500,000 pieces at 2.00 USD = 1,000,000.00 USD, one cent above Stripe's 999,999.99.
    product = ProductFactory(supplier=supplier, moq=10, tiers=[(10, "2.00")])
    client = client_for(buyer)
    client.post("/cart/add/", {"product": product.slug, "quantity": "500000"})

    response = _checkout(client)

    assert response.status_code == 200
    page = response.content.decode()
    assert "999,999.99 USD" in page and "Hafenstr. 1" in page
    assert not Order.objects.exists()


def test_checkout_takes_a_total_at_exactly_what_a_card_payment_can_carry(client_for, buyer, supplier):
    product = ProductFactory(supplier=supplier, moq=1, tiers=[(1, "999999.99")])
    client = client_for(buyer)
    client.post("/cart/add/", {"product": product.slug, "quantity": "1"})

    _checkout(client)

    assert str(Order.objects.get().total) == "999,999.99 USD"


def line(supplier, **overrides):
    fields = {"supplier": supplier, "description": "Vases", "quantity": 10, "unit": "piece",
              "unit_price": Decimal("12.50")}  # fmt: skip
    return LineSpec(**{**fields, **overrides})


@pytest.mark.parametrize("price", ["NaN", "sNaN", "Infinity", "-Infinity", "1e999999", "-1", "1e10"])
def test_an_order_line_never_takes_a_price_that_is_no_finite_amount_it_can_store(supplier, price):
    with pytest.raises(CheckoutError) as error:
        line(supplier, unit_price=Decimal(price))
    assert error.value.code == "price"


@pytest.mark.parametrize("quantity", [0, -1, 1_000_001, 2**31, 10**30, 1.5, "10", None])
def test_an_order_line_never_takes_a_quantity_outside_one_to_the_largest_order(supplier, quantity):
    with pytest.raises(CheckoutError) as error:
        line(supplier, quantity=quantity)
    assert error.value.code == "quantity"


def test_create_order_refuses_a_total_above_what_a_card_payment_can_carry_for_every_path(buyer, supplier):
    # 100 pieces at 10,000.00 EUR = 1,000,000.00 EUR.
    with pytest.raises(CheckoutError) as error:
        create_order(
            buyer=buyer, currency="EUR", source="quote", source_ref="quote:1",
            lines=[line(supplier, quantity=100, unit_price=Decimal("10000.00"))],
        )  # fmt: skip
    assert error.value.code == "order_too_large"
    assert "999,999.99 EUR" in error.value.message
    assert not Order.objects.exists()
