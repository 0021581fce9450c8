"""The cart a signed-in buyer keeps (orders.checkout.cart): stored, the same on every device, merged with the
visitor's session cart at login, and only ever changed by its owner."""

import pytest
from django.test import Client
from django.urls import reverse

from orders.checkout.models import CartItem
from tests.factories import BuyerFactory, ProductFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-123"  # the factories' password


def add(client, product, quantity=10, **extra):
    return client.post(reverse("orders:cart-add"), {"product": product.slug, "quantity": quantity, **extra})


def stored(buyer):
    return [
        (item.product.slug, item.quantity, item.is_sample) for item in CartItem.objects.filter(user=buyer)
    ]


def log_in(client, buyer):
    response = client.post(reverse("login"), {"username": buyer.email, "password": PASSWORD})
    assert response.status_code == 302, "not logged in"
    return client


def test_a_signed_in_buyers_cart_is_stored_not_kept_in_the_session(client_for, buyer, product):
    client = client_for(buyer)

    add(client, product, 20)

    assert stored(buyer) == [(product.slug, 20, False)]
    assert not client.session.get("cart")


def test_the_stored_cart_is_the_same_on_another_device(client_for, buyer, product):
    add(client_for(buyer), product, 20)
    other_device = Client()
    other_device.force_login(buyer)

    page = other_device.get(reverse("orders:cart")).content.decode()

    assert product.title in page
    assert 'value="20"' in page


def test_the_cart_is_still_there_after_logging_out_and_in_again(client, buyer, product):
    log_in(client, buyer)
    add(client, product, 20)
    client.post(reverse("logout"))

    log_in(client, buyer)

    assert product.title in client.get(reverse("orders:cart")).content.decode()


def test_logging_in_merges_the_visitors_cart_into_the_stored_one_adding_quantities(client, buyer, supplier):
    kept, new = ProductFactory(supplier=supplier), ProductFactory(supplier=supplier)
    CartItem.objects.create(user=buyer, product=kept, quantity=15)
    add(client, kept, 20)
    add(client, new, 10)

    log_in(client, buyer)

    assert sorted(stored(buyer)) == sorted([(kept.slug, 35, False), (new.slug, 10, False)])
    assert not client.session.get("cart")


def test_a_merged_sum_past_the_limit_is_dropped_with_a_message_and_the_stored_line_kept(
    client, buyer, product, settings
):
    settings.MAX_ORDER_QUANTITY = 100
    CartItem.objects.create(user=buyer, product=product, quantity=60)
    add(client, product, 60)

    log_in(client, buyer)

    assert stored(buyer) == [(product.slug, 60, False)]
    page = client.get(reverse("orders:cart")).content.decode()
    assert f"{product.title} was taken out of your cart" in page


def test_a_merged_sample_stays_one_unit(client, buyer, product):
    CartItem.objects.create(user=buyer, product=product, quantity=1, is_sample=True)
    add(client, product, sample="1")

    log_in(client, buyer)

    assert stored(buyer) == [(product.slug, 1, True)]


def test_changing_a_quantity_applies_the_tier_price_of_the_new_quantity(client_for, buyer, product):
    client = client_for(buyer)
    add(client, product, 10)
    line = CartItem.objects.get(user=buyer)

    response = client.post(reverse("orders:cart-update"), {"line": line.pk, "quantity": "50"})

    assert response.status_code == 302
    line.refresh_from_db()
    assert line.quantity == 50
    page = client.get(reverse("orders:cart")).content.decode()
    assert "10.80 USD" in page and "540.00 USD" in page


def test_a_visitor_changes_a_quantity_of_the_session_cart(client, product):
    add(client, product, 10)

    client.post(reverse("orders:cart-update"), {"line": "0", "quantity": "50"})

    assert client.session["cart"] == [{"product": product.slug, "quantity": 50, "sample": False}]


def test_a_quantity_below_the_moq_keeps_what_was_typed_and_says_why(client_for, buyer, product):
    client = client_for(buyer)
    add(client, product, 20)

    response = client.post(
        reverse("orders:cart-update"), {"line": CartItem.objects.get().pk, "quantity": "5"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="5" aria-invalid="true"' in page
    assert "is 10; 5 is below it" in page
    assert CartItem.objects.get().quantity == 20


@pytest.mark.parametrize("typed", ["ten", "", "-3", str(10**30), "2.5"])
def test_a_quantity_that_is_no_quantity_keeps_what_was_typed_and_is_no_500(client_for, buyer, product, typed):
    client = client_for(buyer)
    add(client, product, 20)

    response = client.post(
        reverse("orders:cart-update"), {"line": CartItem.objects.get().pk, "quantity": typed}
    )

    assert response.status_code == 200
    assert f'value="{typed}" aria-invalid="true"' in response.content.decode()
    assert CartItem.objects.get().quantity == 20


def test_a_samples_quantity_cannot_be_changed(client_for, buyer, product):
    client = client_for(buyer)
    add(client, product, sample="1")

    client.post(reverse("orders:cart-update"), {"line": CartItem.objects.get().pk, "quantity": "5"})

    assert "A sample is always one unit." in client.get(reverse("orders:cart")).content.decode()
    assert CartItem.objects.get().quantity == 1


def test_another_buyer_cannot_change_a_line_by_its_id(client_for, buyer, product):
    theirs = CartItem.objects.create(user=BuyerFactory(), product=product, quantity=20)

    response = client_for(buyer).post(reverse("orders:cart-update"), {"line": theirs.pk, "quantity": "50"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.quantity == 20


def test_another_buyer_cannot_remove_a_line_by_its_id(client_for, buyer, product):
    theirs = CartItem.objects.create(user=BuyerFactory(), product=product, quantity=20)

    client_for(buyer).post(reverse("orders:cart-remove"), {"line": theirs.pk})

    assert CartItem.objects.filter(pk=theirs.pk).exists()


def test_a_visitor_cannot_change_a_stored_line_by_its_id(client, buyer, product):
    theirs = CartItem.objects.create(user=buyer, product=product, quantity=20)

    response = client.post(reverse("orders:cart-update"), {"line": theirs.pk, "quantity": "50"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.quantity == 20


@pytest.mark.parametrize("line", [str(2**63), str(10**30), "-1", "x", ""])
def test_a_line_id_no_row_can_have_is_a_404(client_for, buyer, product, line):
    client = client_for(buyer)
    add(client, product, 20)

    assert client.post(reverse("orders:cart-update"), {"line": line, "quantity": "50"}).status_code == 404


def test_removing_a_line_of_ones_own_cart(client_for, buyer, product):
    client = client_for(buyer)
    add(client, product, 20)

    client.post(reverse("orders:cart-remove"), {"line": CartItem.objects.get().pk})

    assert not CartItem.objects.exists()


def test_a_stored_line_whose_moq_was_raised_is_taken_out_with_a_message(client_for, buyer, supplier):
    product = ProductFactory(supplier=supplier, moq=10, tiers=[(10, "5.00")])
    client = client_for(buyer)
    add(client, product, 10)
    product.moq = 20
    product.save()

    page = client.get(reverse("orders:cart")).content.decode()

    assert f"{product.title} was taken out of your cart" in page
    assert not CartItem.objects.exists()
