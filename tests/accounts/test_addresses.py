"""The saved-address service: one default per buyer, an address is only ever its owner's."""

import pytest

from marketplace.accounts import addresses
from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db


def _save(user, **kwargs):
    values = {"name": "Lena Vogel GmbH", "address": "Hafenstr. 4\n20457 Hamburg", "country": "DE"} | kwargs
    return addresses.save_address(user, **values)


def test_the_first_address_becomes_the_default():
    buyer = BuyerFactory()

    assert _save(buyer).is_default


def test_marking_another_default_unmarks_the_previous_one():
    buyer = BuyerFactory()
    first = _save(buyer)

    second = _save(buyer, label="Office", is_default=True)

    first.refresh_from_db()
    assert second.is_default and not first.is_default
    assert addresses.default_for(buyer) == second


def test_another_buyers_address_is_not_found_by_its_id():
    owner, other = BuyerFactory(), BuyerFactory()
    address = _save(owner)

    assert addresses.get_for_user(other, address.pk) is None
    assert addresses.get_for_user(owner, address.pk) == address


@pytest.mark.parametrize("pk", ["abc", None, 2**70])
def test_an_id_that_is_no_id_finds_nothing(pk):
    assert addresses.get_for_user(BuyerFactory(), pk) is None


def test_editing_another_buyers_address_is_refused():
    owner, other = BuyerFactory(), BuyerFactory()
    address = _save(owner)

    with pytest.raises(PermissionError):
        addresses.save_address(other, name="x", address="y", country="FR", instance=address)
    with pytest.raises(PermissionError):
        addresses.delete_address(other, address)


def test_deleting_the_default_makes_another_address_the_default():
    buyer = BuyerFactory()
    first = _save(buyer)
    second = _save(buyer, label="Office")

    addresses.delete_address(buyer, first)

    second.refresh_from_db()
    assert second.is_default
