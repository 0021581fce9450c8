"""End to end: localstripe calls our webhook on a live server; its signed word marks the order paid."""

import time

import pytest

from orders.ledger.book import held_in_escrow
from orders.ledger.reconcile import ledger_problems
from orders.models import Order
from orders.payments.intents import start_payment


def _wait_for(predicate, seconds=15):
    # localstripe delivers webhooks about a second after the call; poll rather than sleep a fixed time.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _deliveries(localstripe):
    return localstripe.log_path.read_text().count('webhook "payment_intent.succeeded" successfully delivered')


@pytest.mark.django_db(transaction=True)
def test_localstripes_signed_webhook_marks_the_order_paid(live_server, stripe_api, localstripe, order, buyer):
    localstripe.register_webhook(f"{live_server.url}/stripe/webhook/")
    payment = start_payment(order, buyer)
    delivered_before = _deliveries(localstripe)

    localstripe.pay_intent(payment.intent_id)

    paid = _wait_for(lambda: Order.objects.get(pk=order.pk).state == Order.State.PAID)
    assert paid, localstripe.log_path.read_text()[-3000:]
    # The request goes on after its commit (the fee is asked of Stripe then): let it finish before teardown.
    assert _wait_for(lambda: _deliveries(localstripe) > delivered_before)
    assert held_in_escrow(order) == order.total.amount
    assert ledger_problems() == []
