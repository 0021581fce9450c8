"""Escrow: held on payment, released on delivery or after N days, commission, disputes freeze release."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Category
from marketplace.workflow import TransitionError
from orders.disputes import open_dispute, resolve_dispute
from orders.ledger.book import held_in_escrow, supplier_balances
from orders.ledger.escrow import release_due_escrow
from orders.ledger.reconcile import ledger_problems
from orders.lifecycle import accept_fulfilment, confirm_delivery, ship_fulfilment
from orders.models import CategoryCommission, Fulfilment, Order
from tests.factories import CategoryFactory

from .helpers import paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped_order(order, artisan):
    paid(order)
    fulfilment = order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    ship_fulfilment(fulfilment, artisan, carrier="DHL", tracking_number="JD0123")
    order.refresh_from_db()
    return order


def test_shipping_every_part_moves_the_order_to_shipped(shipped_order):
    assert shipped_order.state == Order.State.SHIPPED
    assert shipped_order.fulfilments.get().tracking_number == "JD0123"


def test_confirming_delivery_releases_escrow_minus_commission(shipped_order, buyer, supplier):
    confirm_delivery(shipped_order, buyer)

    shipped_order.refresh_from_db()
    assert shipped_order.state == Order.State.COMPLETED
    balances = supplier_balances(supplier)["USD"]
    assert balances["held"].amount == 0
    assert balances["available"].amount == Decimal("118.75")  # 125.00 minus 5 % commission
    assert ledger_problems() == []


def test_confirming_twice_releases_once(shipped_order, buyer, supplier):
    confirm_delivery(shipped_order, buyer)
    with pytest.raises(TransitionError):
        confirm_delivery(shipped_order, buyer)

    assert supplier_balances(supplier)["USD"]["available"].amount == Decimal("118.75")


def test_a_category_override_sets_the_commission(shipped_order, buyer, supplier, product):
    CategoryCommission.objects.create(category=product.category, percent=Decimal("10.00"))

    confirm_delivery(shipped_order, buyer)

    assert supplier_balances(supplier)["USD"]["available"].amount == Decimal("112.50")


def test_a_parent_category_override_applies_to_its_subcategories(shipped_order, buyer, supplier, product):
    parent = CategoryFactory()
    product.category.parent = parent
    product.category.save()
    CategoryCommission.objects.create(category=Category.objects.get(pk=parent.pk), percent=Decimal("2.00"))

    confirm_delivery(shipped_order, buyer)

    assert supplier_balances(supplier)["USD"]["available"].amount == Decimal("122.50")


def test_only_the_buyer_confirms_delivery(shipped_order, other_artisan):
    with pytest.raises(TransitionError):
        confirm_delivery(shipped_order, other_artisan)


def test_release_escrow_command_releases_orders_shipped_n_days_ago(shipped_order, supplier):
    Fulfilment.objects.filter(order=shipped_order).update(shipped_at=timezone.now() - timedelta(days=15))

    call_command("release_escrow")

    shipped_order.refresh_from_db()
    assert shipped_order.state == Order.State.COMPLETED
    assert held_in_escrow(shipped_order) == 0


def test_release_escrow_leaves_recent_shipments_held(shipped_order):
    Fulfilment.objects.filter(order=shipped_order).update(shipped_at=timezone.now() - timedelta(days=13))

    assert release_due_escrow() == []
    assert held_in_escrow(shipped_order) == Decimal("125.00")


def test_a_dispute_freezes_auto_release(shipped_order, buyer):
    open_dispute(shipped_order, buyer, reason="Three vases arrived broken.")
    Fulfilment.objects.filter(order=shipped_order).update(shipped_at=timezone.now() - timedelta(days=30))

    assert release_due_escrow() == []
    assert held_in_escrow(shipped_order) == Decimal("125.00")


def test_a_dispute_freezes_confirmation_release(shipped_order, buyer):
    open_dispute(shipped_order, buyer, reason="Wrong colour.")

    with pytest.raises(TransitionError):
        confirm_delivery(shipped_order, buyer)
    assert held_in_escrow(shipped_order) == Decimal("125.00")


def test_an_operator_resolves_a_dispute_by_release(shipped_order, buyer, operator, supplier):
    dispute = open_dispute(shipped_order, buyer, reason="Late.")

    resolve_dispute(dispute, operator, resolution="release")

    shipped_order.refresh_from_db()
    assert shipped_order.state == Order.State.COMPLETED
    assert supplier_balances(supplier)["USD"]["available"].amount == Decimal("118.75")


def test_a_buyer_cannot_resolve_their_own_dispute(shipped_order, buyer):
    dispute = open_dispute(shipped_order, buyer, reason="Late.")

    with pytest.raises(TransitionError):
        resolve_dispute(dispute, buyer, resolution="release")


def test_check_ledger_passes_on_a_consistent_ledger(shipped_order, buyer, capsys):
    confirm_delivery(shipped_order, buyer)

    call_command("check_ledger")

    assert "reconciles" in capsys.readouterr().out
