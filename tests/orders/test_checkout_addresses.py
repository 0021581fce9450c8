"""Checkout ships to one of the buyer's saved addresses (the default chosen) or a new one, saved for next time
when asked; the order copies the address; another buyer's address can never be chosen."""

import pytest
from django.urls import reverse

from marketplace.accounts import addresses
from marketplace.accounts.models import SavedAddress
from orders.models import Order
from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db

NEW = {
    "address": "new",
    "label": "Warehouse",
    "shipping_name": "Importer GmbH",
    "shipping_address": "Hafenstr. 1\nHamburg",
    "shipping_country": "DE",
    "save_address": "on",
}


def saved(user, **fields):
    values = {"name": "Lena Vogel GmbH", "address": "Speicherstadt 4\nHamburg", "country": "DE"} | fields
    return addresses.save_address(user, **values)


@pytest.fixture
def shopping(client_for, buyer, product):
    client = client_for(buyer)
    client.post(reverse("orders:cart-add"), {"product": product.slug, "quantity": 10})
    return client


def test_the_default_address_is_chosen_on_the_checkout_page(shopping, buyer):
    saved(buyer, label="Office")
    default = saved(buyer, label="Warehouse", is_default=True)

    page = shopping.get(reverse("orders:checkout")).content.decode()

    assert f'id="address-{default.pk}" value="{default.pk}" checked' in page
    assert 'value="new" checked' not in page


def test_without_saved_addresses_a_new_address_is_chosen(shopping):
    page = shopping.get(reverse("orders:checkout")).content.decode()

    assert 'id="address-new" value="new" checked' in page


def test_the_order_copies_the_chosen_saved_address(shopping, buyer):
    address = saved(buyer, name="Atelier Nord", address="Rue 1\nLyon", country="FR")

    shopping.post(reverse("orders:checkout"), {"address": address.pk})

    order = Order.objects.get(buyer=buyer)
    assert (order.shipping_name, order.shipping_address, order.shipping_country) == (
        "Atelier Nord",
        "Rue 1\nLyon",
        "FR",
    )


def test_editing_the_address_later_leaves_the_placed_order_as_it_was(shopping, buyer):
    address = saved(buyer, name="Atelier Nord")
    shopping.post(reverse("orders:checkout"), {"address": address.pk})

    addresses.save_address(buyer, name="Atelier Sud", address="x", country="FR", instance=address)

    assert Order.objects.get(buyer=buyer).shipping_name == "Atelier Nord"


def test_another_buyers_address_cannot_be_chosen(shopping, buyer):
    theirs = saved(BuyerFactory(), name="Someone Else Ltd")

    response = shopping.post(reverse("orders:checkout"), {"address": theirs.pk})

    assert response.status_code == 200
    assert "Choose one of your addresses" in response.content.decode()
    assert not Order.objects.exists()


@pytest.mark.parametrize("choice", [str(2**63), "x", "-1"])
def test_an_address_id_that_is_no_address_is_a_form_error(shopping, choice):
    response = shopping.post(reverse("orders:checkout"), {"address": choice})

    assert response.status_code == 200
    assert not Order.objects.exists()


def test_a_new_address_is_saved_for_next_time_when_ticked(shopping, buyer):
    shopping.post(reverse("orders:checkout"), NEW)

    address = SavedAddress.objects.get(user=buyer)
    assert (address.label, address.name, address.country) == ("Warehouse", "Importer GmbH", "DE")
    assert Order.objects.get(buyer=buyer).shipping_name == "Importer GmbH"


def test_a_new_address_is_not_saved_when_unticked(shopping, buyer):
    shopping.post(reverse("orders:checkout"), NEW | {"save_address": ""})

    assert Order.objects.filter(buyer=buyer).exists()
    assert not SavedAddress.objects.exists()


def test_a_new_address_missing_its_name_keeps_what_was_typed(shopping):
    response = shopping.post(reverse("orders:checkout"), NEW | {"shipping_name": ""})

    page = response.content.decode()
    assert "Enter the name or company to ship to." in page
    assert "Hafenstr. 1" in page
    assert not Order.objects.exists()


def test_half_typed_new_fields_are_ignored_when_a_saved_address_is_chosen(shopping, buyer):
    address = saved(buyer)

    shopping.post(reverse("orders:checkout"), {"address": address.pk, "shipping_country": "Atlantis"})

    assert Order.objects.get(buyer=buyer).shipping_country == "DE"


def test_the_page_says_what_will_be_charged_before_the_button(shopping):
    page = shopping.get(reverse("orders:checkout")).content.decode()

    assert page.index("You will be charged 125.00 USD, in USD.") < page.index("Place order</button>")


def test_the_checkout_links_to_the_address_pages_and_back(shopping):
    page = shopping.get(reverse("orders:checkout")).content.decode()

    assert f'href="{reverse("accounts:addresses")}?next=/checkout/"' in page
