"""Who acts for which supplier: `Supplier.objects.for_member` and `Product.objects.of_member`."""

import pytest
from django.contrib.auth.models import AnonymousUser

from catalog.models import Product, Supplier
from tests.factories import MembershipFactory, ProductFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_a_member_acts_for_their_suppliers_only(artisan, supplier):
    SupplierFactory()
    assert list(Supplier.objects.for_member(artisan)) == [supplier]


def test_staff_members_act_for_their_supplier_as_owners_do(supplier):
    staff = MembershipFactory(supplier=supplier, role="staff").user
    assert list(Supplier.objects.for_member(staff)) == [supplier]


def test_an_anonymous_visitor_acts_for_no_supplier(supplier):
    assert not Supplier.objects.for_member(AnonymousUser()).exists()


def test_a_member_sees_the_listings_of_their_suppliers_only(artisan, supplier):
    own = ProductFactory(supplier=supplier)
    ProductFactory()
    assert list(Product.objects.of_member(artisan)) == [own]


def test_an_anonymous_visitor_has_no_listings():
    ProductFactory()
    assert not Product.objects.of_member(AnonymousUser()).exists()
