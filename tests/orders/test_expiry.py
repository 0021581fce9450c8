"""Unpaid orders expire: cancelled with their PaymentIntents, stock given back, never half done; and the
buyer's own cancel goes through the same transition."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.audit.models import StateChange
from orders.cancellation import CANCELLED, cancel_order, expire_unpaid_orders
from orders.checkout.ordering import CartLine, checkout
from orders.ledger.book import held_in_escrow
from orders.ledger.reconcile import ledger_problems
from orders.models import Order, Payment, StockReservation
from orders.payments import stripe_gateway
from orders.payments.intents import start_payment, sync_payment
from tests.factories import ProductFactory

from .helpers import pending_payment
from .stripe_standin import CannedStripe, intent_object

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocked_product(supplier):
    return ProductFactory(supplier=supplier, stock_on_hand=50)


@pytest.fixture
def reserved_order(buyer, stocked_product):
    """10 of the 50 units in stock reserved by an order awaiting payment (125.00 USD)."""
    (order,) = checkout(
        buyer=buyer,
        cart_lines=[CartLine(stocked_product, 10)],
        shipping_name="Importer GmbH",
        shipping_address="Hafenstrasse 1, Hamburg",
        shipping_country="DE",
    )
    return order


def age(order, hours):
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def stock_of(product):
    product.refresh_from_db()
    return product.stock_on_hand


def test_an_order_unpaid_past_the_expiry_is_cancelled_and_its_stock_given_back(
    reserved_order, stocked_product, canned_stripe
):
    age(reserved_order, 49)

    call_command("expire_unpaid_orders")

    reserved_order.refresh_from_db()
    assert reserved_order.state == Order.State.CANCELLED
    assert stock_of(stocked_product) == 50
    assert StockReservation.objects.get(line__order=reserved_order).released
    assert canned_stripe.sent == []  # no intent, nothing to ask Stripe


def test_an_order_younger_than_the_expiry_keeps_its_reservation(reserved_order, stocked_product):
    age(reserved_order, 47)

    assert expire_unpaid_orders().cancelled == []
    reserved_order.refresh_from_db()
    assert reserved_order.state == Order.State.AWAITING_PAYMENT
    assert stock_of(stocked_product) == 40


def test_the_expiry_comes_from_the_setting(reserved_order, settings):
    settings.UNPAID_ORDER_EXPIRY_HOURS = 2
    age(reserved_order, 3)

    assert expire_unpaid_orders().cancelled == [reserved_order.pk]


def test_expiry_cancels_the_payment_intent_at_stripe_with_a_key_from_our_payment(
    stripe_api, reserved_order, buyer, localstripe
):
    payment = start_payment(reserved_order, buyer)
    age(reserved_order, 49)

    expire_unpaid_orders()

    assert localstripe.api("GET", f"/v1/payment_intents/{payment.intent_id}")["status"] == "canceled"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CANCELED
    cancel = stripe_api.posts()[-1]
    assert cancel["url"].endswith(f"/v1/payment_intents/{payment.intent_id}/cancel")
    assert cancel["headers"]["Idempotency-Key"] == f"pi-cancel-order-{reserved_order.pk}-attempt-1"


def test_an_intent_that_succeeded_books_the_order_as_paid_instead_of_cancelling(
    stripe_api, reserved_order, buyer, localstripe, stocked_product
):
    payment = start_payment(reserved_order, buyer)
    localstripe.pay_intent(payment.intent_id)  # the buyer paid; the webhook has not arrived yet
    age(reserved_order, 49)

    report = expire_unpaid_orders()

    assert report.paid == [reserved_order.pk]
    reserved_order.refresh_from_db()
    assert reserved_order.state == Order.State.PAID
    assert held_in_escrow(reserved_order) == Decimal("125.00")
    assert stock_of(stocked_product) == 40
    assert not any(r["url"].endswith("/cancel") for r in stripe_api.posts())
    assert ledger_problems() == []


def test_a_declined_cards_intent_is_cancelled_too(stripe_api, reserved_order, buyer, localstripe):
    payment = start_payment(reserved_order, buyer)
    localstripe.pay_intent(payment.intent_id, card="4000000000000341")
    sync_payment(payment)
    age(reserved_order, 49)

    assert expire_unpaid_orders().cancelled == [reserved_order.pk]
    assert localstripe.api("GET", f"/v1/payment_intents/{payment.intent_id}")["status"] == "canceled"


def test_a_stripe_outage_leaves_the_order_whole_and_the_next_run_cancels_it(
    stripe_api, reserved_order, buyer, stocked_product, localstripe
):
    payment = start_payment(reserved_order, buyer)
    age(reserved_order, 49)
    down = CannedStripe(timeout=1)
    down.answer("GET", f"/v1/payment_intents/{payment.intent_id}", {"error": {"type": "api_error"}}, 503)
    stripe_gateway.set_http_client(down)

    report = expire_unpaid_orders()

    assert [order_id for order_id, _why in report.left] == [reserved_order.pk]
    reserved_order.refresh_from_db()
    assert reserved_order.state == Order.State.AWAITING_PAYMENT
    assert stock_of(stocked_product) == 40
    assert not StockReservation.objects.get(line__order=reserved_order).released
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING

    stripe_gateway.set_http_client(stripe_api)
    assert expire_unpaid_orders().cancelled == [reserved_order.pk]
    assert stock_of(stocked_product) == 50


def test_running_the_expiry_twice_cancels_and_gives_stock_back_once(reserved_order, stocked_product):
    age(reserved_order, 49)
    expire_unpaid_orders()

    assert expire_unpaid_orders().cancelled == []
    assert stock_of(stocked_product) == 50
    assert StateChange.objects.filter(object_id=reserved_order.pk, to_state="cancelled").count() == 1


def test_the_expiry_is_audited_as_done_by_the_system(reserved_order):
    age(reserved_order, 49)

    expire_unpaid_orders()

    change = StateChange.objects.get(object_id=reserved_order.pk, to_state="cancelled")
    assert change.from_state == "awaiting_payment"
    assert change.actor is None
    assert change.note == "unpaid for 48 hours"


def test_a_payment_being_started_right_now_keeps_the_order_for_the_next_run(reserved_order, stocked_product):
    Payment.objects.create(order=reserved_order, attempt=1, amount=Decimal("125.00"), currency="USD")
    age(reserved_order, 49)

    report = expire_unpaid_orders()

    assert report.cancelled == []
    assert "being started" in report.left[0][1]
    assert stock_of(stocked_product) == 40


def test_a_payment_whose_creation_never_reached_stripe_does_not_block_expiry(reserved_order):
    payment = Payment.objects.create(
        order=reserved_order, attempt=1, amount=Decimal("125.00"), currency="USD"
    )
    Payment.objects.filter(pk=payment.pk).update(updated_at=timezone.now() - timedelta(hours=30))
    age(reserved_order, 49)

    assert expire_unpaid_orders().cancelled == [reserved_order.pk]
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CANCELED


def test_the_buyers_cancel_also_cancels_the_intent_and_gives_stock_back(
    client_for, stripe_api, reserved_order, buyer, localstripe, stocked_product
):
    payment = start_payment(reserved_order, buyer)

    response = client_for(buyer).post(f"/orders/{reserved_order.pk}/cancel/", follow=True)

    assert "Your order is cancelled." in response.content.decode()
    reserved_order.refresh_from_db()
    assert reserved_order.state == Order.State.CANCELLED
    assert localstripe.api("GET", f"/v1/payment_intents/{payment.intent_id}")["status"] == "canceled"
    assert stock_of(stocked_product) == 50


def test_a_buyers_cancel_while_stripe_is_down_keeps_the_order_and_says_why(
    client_for, silent_stripe, reserved_order, buyer, stocked_product
):
    pending_payment(reserved_order, "pi_during_outage")

    response = client_for(buyer).post(f"/orders/{reserved_order.pk}/cancel/", follow=True)

    assert "did not answer, so the order is not cancelled yet" in response.content.decode()
    reserved_order.refresh_from_db()
    assert reserved_order.state == Order.State.AWAITING_PAYMENT
    assert stock_of(stocked_product) == 40


def test_a_paid_order_cannot_be_cancelled_by_its_buyer(client_for, reserved_order, buyer):
    from .helpers import paid

    paid(reserved_order)

    response = client_for(buyer).post(f"/orders/{reserved_order.pk}/cancel/", follow=True)

    assert "Only an order awaiting payment can be cancelled." in response.content.decode()
    reserved_order.refresh_from_db()
    assert reserved_order.state == Order.State.PAID


def test_an_intent_that_succeeded_for_another_amount_leaves_the_payment_for_review_and_the_order_cancelled(
    canned_stripe, reserved_order, buyer, stocked_product
):
    payment = pending_payment(reserved_order, "pi_short")
    short = intent_object("pi_short", 1, charge_id="ch_1")  # 0.01 USD of a 125.00 USD payment
    canned_stripe.answer("GET", "/v1/payment_intents/pi_short", short)

    outcome = cancel_order(reserved_order, buyer)

    assert outcome == CANCELLED  # nothing was booked, so nothing is paid
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REVIEW  # still listed for an operator, not marked canceled
    assert stock_of(stocked_product) == 50
    assert held_in_escrow(reserved_order) == 0
