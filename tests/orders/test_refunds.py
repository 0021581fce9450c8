"""Refunds through Stripe (localstripe): never above what was captured or is still held; keyed by our row."""

from decimal import Decimal

import pytest

from marketplace.money import Money
from orders.ledger.book import held_in_escrow
from orders.ledger.reconcile import ledger_problems
from orders.models import Order, Refund
from orders.payments.errors import PaymentError
from orders.payments.refunds import refund_order

pytestmark = pytest.mark.django_db


def test_a_partial_refund_goes_to_stripe_and_the_ledger(paid_order, operator, stripe_api, localstripe):
    refund = refund_order(paid_order, Money(Decimal("25.00"), "USD"), operator)

    assert refund.status == Refund.Status.SUCCEEDED
    assert localstripe.api("GET", f"/v1/refunds/{refund.stripe_id}")["amount"] == 2500
    assert held_in_escrow(paid_order) == Decimal("100.00")
    assert ledger_problems() == []


def test_the_refund_post_carries_the_idempotency_key_of_our_refund_row(paid_order, operator, stripe_api):
    refund = refund_order(paid_order, Money(Decimal("25.00"), "USD"), operator)

    assert stripe_api.posts()[-1]["headers"]["Idempotency-Key"] == f"refund-{refund.pk}"


def test_a_refund_above_what_was_captured_is_refused(paid_order, operator):
    with pytest.raises(PaymentError) as error:
        refund_order(paid_order, Money(Decimal("125.01"), "USD"), operator)

    assert error.value.code == "above_captured"
    assert not Refund.objects.exists()


def test_refunds_together_never_exceed_the_capture(paid_order, operator):
    refund_order(paid_order, Money(Decimal("100.00"), "USD"), operator)

    with pytest.raises(PaymentError):
        refund_order(paid_order, Money(Decimal("25.01"), "USD"), operator)
    assert held_in_escrow(paid_order) == Decimal("25.00")


def test_refunding_everything_moves_the_order_to_refunded(paid_order, operator):
    refund_order(paid_order, Money(Decimal("125.00"), "USD"), operator)

    paid_order.refresh_from_db()
    assert paid_order.state == Order.State.REFUNDED


def test_an_unpaid_order_cannot_be_refunded(order, operator):
    with pytest.raises(PaymentError) as error:
        refund_order(order, Money(Decimal("1.00"), "USD"), operator)

    assert error.value.code == "not_paid"


def test_a_supplier_declining_refunds_the_buyer_in_full(paid_order, artisan):
    from orders.lifecycle import decline_fulfilment

    decline_fulfilment(paid_order.fulfilments.get(), artisan, reason="No capacity this month")

    paid_order.refresh_from_db()
    assert paid_order.state == Order.State.REFUNDED
    assert held_in_escrow(paid_order) == 0
    assert ledger_problems() == []


def test_a_dispute_resolved_by_partial_refund_releases_the_rest(paid_order, buyer, operator, supplier):
    from orders.disputes import open_dispute, resolve_dispute
    from orders.ledger.book import supplier_balances

    dispute = open_dispute(paid_order, buyer, reason="Two pieces broken")

    resolve_dispute(
        dispute, operator, resolution="partial_refund", refund_amount=Money(Decimal("25.00"), "USD")
    )

    paid_order.refresh_from_db()
    assert paid_order.state == Order.State.COMPLETED
    assert supplier_balances(supplier)["USD"]["available"].amount == Decimal("95.00")  # 100.00 minus 5 %
    assert ledger_problems() == []
