"""The address step of orders made without one (from an accepted quote or an allocation): only the buyer,
only before payment, idempotent; the order page shows the terms and the address, and Pay only with one."""

from decimal import Decimal

import pytest

from marketplace.accounts import addresses
from marketplace.accounts.models import SavedAddress
from marketplace.workflow import TransitionError, history
from orders.checkout.ordering import LineSpec, create_order
from orders.shipping_address import set_shipping_address
from tests.factories import BuyerFactory

from .helpers import paid

pytestmark = pytest.mark.django_db

BERLIN = {"name": "Anna Weber GmbH", "address": "Hauptstrasse 1\n10115 Berlin", "country": "DE"}


@pytest.fixture
def quote_order(buyer, supplier):
    """What accepting a quote makes: FOB Karachi for Germany, awaiting payment, no address yet."""
    line = LineSpec(supplier, "Blue pottery planters", 500, "piece", Decimal("10.00"))
    return create_order(
        buyer=buyer, currency="USD", lines=[line], source="quote", source_ref="quote:1",
        incoterm="FOB", incoterm_place="Karachi", destination_country="DE",
    )  # fmt: skip


def address_url(order):
    return f"/orders/{order.pk}/address/"


def test_the_buyer_sets_the_address_and_it_is_recorded(buyer, quote_order):
    order, changed = set_shipping_address(quote_order, actor=buyer, **BERLIN)
    assert changed and (order.shipping_name, order.shipping_country.code) == ("Anna Weber GmbH", "DE")
    assert [c.note for c in history(order)][-1] == "shipping address set"


def test_setting_the_same_address_twice_changes_nothing_the_second_time(buyer, quote_order):
    set_shipping_address(quote_order, actor=buyer, **BERLIN)
    _order, changed = set_shipping_address(quote_order, actor=buyer, **BERLIN)
    assert not changed
    assert [c.note for c in history(quote_order)].count("shipping address set") == 1


def test_another_buyer_cannot_set_the_address(quote_order):
    with pytest.raises(TransitionError) as refused:
        set_shipping_address(quote_order, actor=BuyerFactory(), **BERLIN)
    assert refused.value.code == "not_yours"
    quote_order.refresh_from_db()
    assert quote_order.shipping_address == ""


def test_a_supplier_of_the_order_cannot_set_the_address(artisan, quote_order):
    with pytest.raises(TransitionError) as refused:
        set_shipping_address(quote_order, actor=artisan, **BERLIN)
    assert refused.value.code == "not_yours"


def test_the_address_cannot_change_once_the_order_is_paid(buyer, quote_order):
    set_shipping_address(quote_order, actor=buyer, **BERLIN)
    paid(quote_order)
    with pytest.raises(TransitionError) as refused:
        set_shipping_address(quote_order, actor=buyer, **(BERLIN | {"address": "Elsewhere 2, Hamburg"}))
    assert refused.value.code == "not_awaiting_payment"


def test_an_address_outside_the_quoted_destination_is_refused(buyer, quote_order):
    with pytest.raises(TransitionError) as refused:
        set_shipping_address(quote_order, actor=buyer, **(BERLIN | {"country": "FR"}))
    assert refused.value.code == "wrong_country" and "Germany" in refused.value.message


def test_the_order_page_without_an_address_asks_for_one_and_shows_no_pay_button(
    client_for, buyer, quote_order
):
    page = client_for(buyer).get(f"/orders/{quote_order.pk}/").content.decode()
    assert 'id="pay-button"' not in page and address_url(quote_order) in page
    assert "FOB Karachi" in page


def test_the_buyer_chooses_a_saved_address_and_the_order_page_then_offers_payment(
    client_for, buyer, quote_order
):
    saved = addresses.save_address(buyer, **BERLIN)
    client = client_for(buyer)
    form = client.get(address_url(quote_order)).content.decode()
    assert f'value="{saved.pk}"' in form and "checked" in form  # the default is preselected
    response = client.post(address_url(quote_order), {"saved_address": str(saved.pk)})
    assert response.status_code == 302 and response["Location"] == f"/orders/{quote_order.pk}/"
    page = client.get(f"/orders/{quote_order.pk}/").content.decode()
    assert 'id="pay-button"' in page and "Hauptstrasse 1" in page and "FOB Karachi" in page


def test_a_new_address_is_used_and_saved_for_later_when_asked(client_for, buyer, quote_order):
    response = client_for(buyer).post(
        address_url(quote_order),
        {"saved_address": "new", "shipping_name": "Anna Weber GmbH", "shipping_address": "Hauptstrasse 1",
         "shipping_country": "DE", "save_for_later": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    quote_order.refresh_from_db()
    assert quote_order.shipping_address == "Hauptstrasse 1"
    assert SavedAddress.objects.get(user=buyer).address == "Hauptstrasse 1"


def test_a_new_address_is_not_saved_unless_asked(client_for, buyer, quote_order):
    client_for(buyer).post(
        address_url(quote_order),
        {"shipping_name": "Anna Weber GmbH", "shipping_address": "Hauptstrasse 1", "shipping_country": "DE"},
    )
    quote_order.refresh_from_db()
    assert quote_order.shipping_address == "Hauptstrasse 1" and not SavedAddress.objects.exists()


def test_an_incomplete_new_address_is_a_form_error_keeping_what_was_typed(client_for, buyer, quote_order):
    response = client_for(buyer).post(
        address_url(quote_order), {"shipping_name": "Anna Weber GmbH", "shipping_country": "DE"}
    )
    assert response.status_code == 400
    assert "Anna Weber GmbH" in response.content.decode()
    quote_order.refresh_from_db()
    assert quote_order.shipping_address == ""


def test_another_buyers_saved_address_cannot_be_chosen(client_for, buyer, quote_order):
    theirs = addresses.save_address(BuyerFactory(), **BERLIN)
    response = client_for(buyer).post(address_url(quote_order), {"saved_address": str(theirs.pk)})
    assert response.status_code == 400
    quote_order.refresh_from_db()
    assert quote_order.shipping_address == ""


def test_a_wrong_country_is_a_form_error(client_for, buyer, quote_order):
    response = client_for(buyer).post(
        address_url(quote_order),
        {"shipping_name": "Anna", "shipping_address": "Rue 1, Paris", "shipping_country": "FR"},
    )
    assert response.status_code == 400 and "delivery to Germany" in response.content.decode()


def test_the_address_page_is_refused_to_anonymous_another_buyer_and_the_supplier(
    client, client_for, artisan, quote_order
):
    form = {"shipping_name": "X", "shipping_address": "Y", "shipping_country": "DE"}
    response = client.post(address_url(quote_order), form)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(BuyerFactory()).get(address_url(quote_order)).status_code == 404
    assert client_for(BuyerFactory()).post(address_url(quote_order), form).status_code == 404
    assert client_for(artisan).post(address_url(quote_order), form).status_code == 404
    quote_order.refresh_from_db()
    assert quote_order.shipping_address == ""


def test_a_paid_order_sends_the_address_page_back_to_the_order(client_for, buyer, quote_order):
    set_shipping_address(quote_order, actor=buyer, **BERLIN)
    paid(quote_order)
    response = client_for(buyer).post(
        address_url(quote_order),
        {"shipping_name": "X", "shipping_address": "Elsewhere", "shipping_country": "DE"},
    )
    assert response.status_code == 302 and response["Location"] == f"/orders/{quote_order.pk}/"
    quote_order.refresh_from_db()
    assert quote_order.shipping_address == BERLIN["address"]
