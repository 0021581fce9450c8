"""/accounts/addresses/: a buyer lists, adds, edits and deletes their own saved addresses; never another's."""

import pytest
from django.urls import reverse

from marketplace.accounts import addresses
from marketplace.accounts.models import SavedAddress
from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db

FORM = {"label": "Office", "name": "Lena Vogel GmbH", "address": "Hafenstr. 4\nHamburg", "country": "DE"}


def saved(user, **fields):
    values = {"name": "Lena Vogel GmbH", "address": "Hafenstr. 4\nHamburg", "country": "DE"} | fields
    return addresses.save_address(user, **values)


@pytest.fixture
def theirs(db):
    return saved(BuyerFactory(), name="Someone Else Ltd")


@pytest.mark.parametrize("name", ["accounts:addresses", "accounts:address-add"])
def test_the_address_pages_need_a_login(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_list_shows_the_buyers_own_addresses_only(client_for, buyer, theirs):
    saved(buyer, name="Mine GmbH")

    page = client_for(buyer).get(reverse("accounts:addresses")).content.decode()

    assert "Mine GmbH" in page and "Someone Else Ltd" not in page


def test_adding_an_address_saves_it_and_returns_to_next(client_for, buyer):
    response = client_for(buyer).post(reverse("accounts:address-add"), FORM | {"next": "/checkout/"})

    assert response["Location"] == "/checkout/"
    assert SavedAddress.objects.get(user=buyer).label == "Office"


def test_next_to_another_site_is_ignored(client_for, buyer):
    response = client_for(buyer).post(
        reverse("accounts:address-add"), FORM | {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("accounts:addresses")


def test_a_bad_country_keeps_what_was_typed(client_for, buyer):
    response = client_for(buyer).post(reverse("accounts:address-add"), FORM | {"country": "Atlantis"})

    assert response.status_code == 200
    assert "Choose a country from the list." in response.content.decode()
    assert "Hafenstr. 4" in response.content.decode()
    assert not SavedAddress.objects.exists()


def test_editing_ones_own_address(client_for, buyer):
    address = saved(buyer)

    client_for(buyer).post(reverse("accounts:address-edit", args=[address.pk]), FORM | {"name": "Renamed"})

    address.refresh_from_db()
    assert address.name == "Renamed"


def test_another_buyers_address_cannot_be_seen_for_editing(client_for, buyer, theirs):
    assert client_for(buyer).get(reverse("accounts:address-edit", args=[theirs.pk])).status_code == 404


def test_another_buyers_address_cannot_be_edited(client_for, buyer, theirs):
    response = client_for(buyer).post(reverse("accounts:address-edit", args=[theirs.pk]), FORM)

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Someone Else Ltd"


def test_another_buyers_address_cannot_be_deleted(client_for, buyer, theirs):
    response = client_for(buyer).post(reverse("accounts:address-delete", args=[theirs.pk]))

    assert response.status_code == 404
    assert SavedAddress.objects.filter(pk=theirs.pk).exists()


def test_deleting_ones_own_address(client_for, buyer):
    address = saved(buyer)

    client_for(buyer).post(reverse("accounts:address-delete", args=[address.pk]))

    assert not SavedAddress.objects.exists()


def test_deleting_needs_a_post(client_for, buyer):
    address = saved(buyer)

    assert client_for(buyer).get(reverse("accounts:address-delete", args=[address.pk])).status_code == 405
    assert SavedAddress.objects.exists()


def test_an_id_past_64_bits_is_a_404(client_for, buyer):
    assert client_for(buyer).get(f"/accounts/addresses/{2**64}/edit/").status_code == 404
