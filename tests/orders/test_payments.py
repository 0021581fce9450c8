"""Paying an order through Stripe (localstripe): idempotency keys, outages, server-side truth."""

from decimal import Decimal

import pytest

from orders.ledger.book import held_in_escrow
from orders.ledger.reconcile import ledger_problems
from orders.models import Order, Payment
from orders.payments.errors import PaymentError
from orders.payments.intents import start_payment, sync_payment

pytestmark = pytest.mark.django_db


def test_start_payment_creates_an_intent_for_the_exact_minor_units(stripe_api, order, buyer, localstripe):
    payment = start_payment(order, buyer)

    intent = localstripe.api("GET", f"/v1/payment_intents/{payment.intent_id}")
    assert intent["amount"] == 12500
    assert intent["currency"] == "usd"
    assert payment.status == Payment.Status.PENDING
    assert payment.client_secret.startswith(payment.intent_id)


def test_every_post_to_stripe_carries_an_idempotency_key_derived_from_the_order(stripe_api, order, buyer):
    start_payment(order, buyer)

    posts = stripe_api.posts()
    assert len(posts) == 1
    assert posts[0]["headers"]["Idempotency-Key"] == f"pi-create-order-{order.pk}-attempt-1"


def test_a_second_click_reuses_the_open_intent(stripe_api, order, buyer):
    first = start_payment(order, buyer)
    second = start_payment(order, buyer)

    assert first.pk == second.pk
    assert len(stripe_api.posts()) == 1


def test_only_the_buyer_can_start_a_payment(stripe_api, order, other_artisan):
    with pytest.raises(PaymentError) as error:
        start_payment(order, other_artisan)
    assert error.value.code == "not_yours"


def test_the_browser_returning_does_not_mark_paid_until_stripe_says_so(stripe_api, order, buyer):
    payment = start_payment(order, buyer)

    sync_payment(payment)  # the intent still waits for a card

    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT


def test_a_server_side_retrieve_of_a_succeeded_intent_marks_paid_and_holds_escrow(
    stripe_api, order, buyer, supplier, localstripe
):
    payment = start_payment(order, buyer)
    assert localstripe.pay_intent(payment.intent_id)["status"] == "succeeded"

    sync_payment(payment)

    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert held_in_escrow(order, supplier) == Decimal("125.00")
    assert ledger_problems() == []


def test_a_declined_card_leaves_the_order_awaiting_payment(stripe_api, order, buyer, localstripe):
    payment = start_payment(order, buyer)
    localstripe.pay_intent(payment.intent_id, card="4000000000000341")

    sync_payment(payment)

    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    assert held_in_escrow(order) == 0


def test_without_stripe_keys_paying_is_refused_at_once_and_the_order_kept(settings, order, buyer):
    settings.STRIPE_SECRET_KEY = ""

    with pytest.raises(PaymentError) as error:
        start_payment(order, buyer)

    assert error.value.code == "not_configured"
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT and not order.payments.exists()


def test_without_stripe_keys_the_pay_button_explains_on_the_order_page(client_for, settings, order, buyer):
    settings.STRIPE_SECRET_KEY = ""

    page = client_for(buyer).post(f"/orders/{order.pk}/pay/", follow=True).content.decode()

    assert "Card payments are not set up on this server yet" in page


def test_a_stripe_timeout_leaves_the_payment_pending_and_the_order_unpaid(silent_stripe, order, buyer):
    with pytest.raises(PaymentError) as error:
        start_payment(order, buyer)

    assert error.value.code == "gateway_unavailable"
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    assert order.payments.get().status == Payment.Status.CREATING


def test_the_retry_after_an_outage_sends_the_same_idempotency_key(
    silent_stripe, settings, order, buyer, localstripe
):
    with pytest.raises(PaymentError):
        start_payment(order, buyer)
    keys_during_outage = {r["headers"]["Idempotency-Key"] for r in silent_stripe.posts()}

    settings.STRIPE_API_BASE = localstripe.url
    settings.STRIPE_TIMEOUT = 5
    payment = start_payment(order, buyer)

    assert keys_during_outage == {f"pi-create-order-{order.pk}-attempt-1"}
    assert silent_stripe.posts()[-1]["headers"]["Idempotency-Key"] == f"pi-create-order-{order.pk}-attempt-1"
    assert payment.status == Payment.Status.PENDING
    assert order.payments.count() == 1
