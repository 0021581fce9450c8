"""The demo's lenders and advances: every state, built through the services, the ledger reconciled."""

import pytest
from django.core.management import call_command

from orders.financing.models import Advance, Lender
from orders.ledger.reconcile import ledger_problems
from tests.factories import BuyerFactory, MembershipFactory, ProductFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_lenders_and_an_advance_at_every_state():
    supplier = SupplierFactory(name="Chitral Women's Crochet Circle", women_led=True)
    MembershipFactory(supplier=supplier, role="owner")
    BuyerFactory(email="buyer@demo.pk")
    ProductFactory(supplier=supplier)

    call_command("load_demo_financing", verbosity=0)
    call_command("load_demo_financing", verbosity=0)  # a second run adds nothing

    assert Lender.objects.count() == 2
    assert {lender.officers.count() for lender in Lender.objects.all()} == {1}
    assert set(Advance.objects.values_list("state", flat=True)) == set(Advance.State.values)
    assert Advance.objects.count() == 7
    assert ledger_problems() == []
