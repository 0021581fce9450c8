"""The Stripe webhook: signatures, each event once, any order, the four event types."""

import json
import random
import time
from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.workflow import history
from orders.ledger.book import held_in_escrow
from orders.ledger.reconcile import ledger_problems
from orders.models import Dispute, LedgerEntry, Order, Payment, WebhookEvent
from orders.payments.events import OBJECT_SHAPES
from orders.payments.intents import start_payment
from orders.payments.webhooks import HANDLERS

from .conftest import make_order
from .helpers import pending_payment
from .stripe_standin import (
    captured_charge_object,
    charge_object,
    dispute_object,
    event,
    intent_object,
    post_event,
    sign,
)

pytestmark = pytest.mark.django_db


def succeeded(intent_id="pi_test_1", amount=12500, event_id="evt_paid"):
    return event(
        "payment_intent.succeeded", intent_object(intent_id, amount, charge_id="ch_test_1"), event_id
    )


def test_a_signed_succeeded_event_marks_the_order_paid_and_holds_the_money(client, order, supplier):
    pending_payment(order)

    response = post_event(client, succeeded())

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert held_in_escrow(order, supplier) == Decimal("125.00")


def test_a_bad_signature_is_rejected_with_400_and_changes_nothing(client, order):
    pending_payment(order)

    response = post_event(client, succeeded(), secret="whsec_wrong")

    assert response.status_code == 400
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    assert not WebhookEvent.objects.exists()


def test_a_stale_signature_is_rejected_with_400(client, order):
    pending_payment(order)

    response = post_event(client, succeeded(), timestamp=int(time.time()) - 3600)

    assert response.status_code == 400


def test_a_missing_signature_is_rejected_with_400(client):
    response = client.post("/stripe/webhook/", data="{}", content_type="application/json")

    assert response.status_code == 400


def test_a_repeated_event_is_acknowledged_and_ignored(client, order):
    pending_payment(order)
    post_event(client, succeeded())

    response = post_event(client, succeeded())

    assert response.status_code == 200
    assert response.json()["outcome"] == "duplicate"
    assert LedgerEntry.objects.filter(transaction__kind="charge").count() == 2


def test_the_same_payment_told_twice_by_different_events_is_booked_once(client, order):
    pending_payment(order)
    post_event(client, succeeded(event_id="evt_a"))
    post_event(client, succeeded(event_id="evt_b"))

    assert LedgerEntry.objects.filter(account="cash").count() == 1


def test_a_failed_payment_event_keeps_the_order_awaiting_payment_with_the_reason(client, order):
    pending_payment(order)
    failed = intent_object("pi_test_1", 12500, status="requires_payment_method")

    post_event(client, event("payment_intent.payment_failed", failed, "evt_failed"))

    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    payment = order.payments.get()
    assert payment.status == Payment.Status.FAILED
    assert "declined" in payment.failure_message


def test_a_canceled_intent_event_marks_the_payment_canceled(client, order):
    pending_payment(order)
    canceled = intent_object("pi_test_1", 12500, status="canceled")

    post_event(client, event("payment_intent.canceled", canceled, "evt_canceled"))

    assert order.payments.get().status == Payment.Status.CANCELED


def test_a_late_failure_event_does_not_undo_a_payment(client, order):
    pending_payment(order)
    post_event(client, succeeded())
    failed = intent_object("pi_test_1", 12500, status="requires_payment_method")

    post_event(client, event("payment_intent.payment_failed", failed, "evt_failed"))

    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert order.payments.get().status == Payment.Status.SUCCEEDED


def test_charge_refunded_books_each_refund_once(client, order, supplier):
    pending_payment(order)
    post_event(client, succeeded())
    charge = charge_object("ch_test_1", "pi_test_1", 12500, refunds=[("re_1", 2500)])

    post_event(client, event("charge.refunded", charge, "evt_refund_1"))
    post_event(client, event("charge.refunded", charge, "evt_refund_1_again"))

    assert held_in_escrow(order, supplier) == Decimal("100.00")
    assert ledger_problems() == []


def test_a_full_refund_event_moves_the_order_to_refunded(client, order):
    pending_payment(order)
    post_event(client, succeeded())
    charge = charge_object("ch_test_1", "pi_test_1", 12500, refunds=[("re_1", 12500)])

    post_event(client, event("charge.refunded", charge, "evt_refund"))

    order.refresh_from_db()
    assert order.state == Order.State.REFUNDED
    assert held_in_escrow(order) == 0


def test_a_dispute_event_freezes_the_order(client, order):
    pending_payment(order)
    post_event(client, succeeded())

    post_event(
        client, event("charge.dispute.created", dispute_object("dp_1", "ch_test_1", None, 12500), "evt_dp")
    )

    order.refresh_from_db()
    assert order.state == Order.State.DISPUTED
    assert Dispute.objects.get(stripe_id="dp_1").order == order


def test_an_event_for_an_unknown_intent_is_acknowledged(client, db):
    response = post_event(client, succeeded(intent_id="pi_unknown"))

    assert response.status_code == 200


def _life(intent_id, charge_id, amount):
    """Every event of an order's life: paid, partly refunded twice, then disputed."""
    return [
        event(
            "payment_intent.succeeded",
            intent_object(intent_id, amount, charge_id=charge_id),
            f"evt_{intent_id}_1",
        ),
        event(
            "charge.refunded",
            charge_object(charge_id, intent_id, amount, refunds=[(f"re_{intent_id}_1", 1000)]),
            f"evt_{intent_id}_2",
        ),
        event(
            "charge.refunded",
            charge_object(
                charge_id,
                intent_id,
                amount,
                refunds=[(f"re_{intent_id}_1", 1000), (f"re_{intent_id}_2", 500)],
            ),
            f"evt_{intent_id}_3",
        ),
        event(
            "charge.dispute.created",
            dispute_object(f"dp_{intent_id}", charge_id, intent_id, 11000),
            f"evt_{intent_id}_4",
        ),
    ]


def _outcome(order):
    order.refresh_from_db()
    entries = sorted(
        (e.transaction.kind, e.account, e.amount)
        for e in LedgerEntry.objects.filter(order=order).select_related("transaction")
    )
    return order.state, entries, order.disputes.count(), order.refunds.count()


def test_every_event_three_times_shuffled_ends_like_one_ordered_delivery(client, buyer, supplier, product):
    ordered, shuffled = make_order(buyer, supplier, product), make_order(buyer, supplier, product)
    pending_payment(ordered, "pi_ordered")
    pending_payment(shuffled, "pi_shuffled")
    for envelope in _life("pi_ordered", "ch_ordered", 12500):
        assert post_event(client, envelope).status_code == 200

    deliveries = _life("pi_shuffled", "ch_shuffled", 12500) * 3
    random.Random(9).shuffle(deliveries)
    for envelope in deliveries:
        assert post_event(client, envelope).status_code == 200

    assert _outcome(shuffled) == _outcome(ordered)
    assert _outcome(ordered)[0] == Order.State.DISPUTED
    assert held_in_escrow(shuffled) == Decimal("110.00")
    assert ledger_problems() == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_any_delivery_order_ends_disputed_with_110_held(client, order, seed):
    pending_payment(order, "pi_seed")
    deliveries = _life("pi_seed", "ch_seed", 12500) * 3
    random.Random(seed).shuffle(deliveries)

    for envelope in deliveries:
        post_event(client, envelope)

    order.refresh_from_db()
    assert order.state == Order.State.DISPUTED
    assert held_in_escrow(order) == Decimal("110.00")
    assert ledger_problems() == []


# --- What Stripe says was received must be what the payment asked for ------------------------------------
def short_or_foreign(amount_received=12500, currency="usd", event_id="evt_odd"):
    intent = intent_object("pi_test_1", 12500, currency=currency, charge_id="ch_test_1")
    intent["amount_received"] = amount_received
    return event("payment_intent.succeeded", intent, event_id)


def test_a_payment_of_one_cent_for_a_125_dollar_order_is_not_booked_as_paid(client, order):
    pending_payment(order)

    response = post_event(client, short_or_foreign(amount_received=1))

    assert response.status_code == 200  # Stripe's word is recorded, not retried
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    payment = order.payments.get()
    assert payment.status == Payment.Status.REVIEW
    assert "0.01 USD" in payment.failure_message and "125.00 USD" in payment.failure_message
    assert [change.to_state for change in history(payment)] == ["review"]
    assert not LedgerEntry.objects.exists()


def test_a_succeeded_intent_that_received_nothing_is_not_booked_as_paid(client, order):
    pending_payment(order)

    post_event(client, short_or_foreign(amount_received=0))

    assert order.payments.get().status == Payment.Status.REVIEW
    assert not LedgerEntry.objects.exists()


def test_a_payment_in_another_currency_is_not_booked_as_paid(client, order):
    pending_payment(order)

    post_event(client, short_or_foreign(currency="eur"))

    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    assert order.payments.get().status == Payment.Status.REVIEW
    assert not LedgerEntry.objects.exists()


def test_a_payment_in_a_currency_we_do_not_trade_is_not_booked_as_paid(client, order):
    pending_payment(order)

    response = post_event(client, short_or_foreign(currency="jpy"))

    assert response.status_code == 200
    assert order.payments.get().status == Payment.Status.REVIEW


def test_a_short_captured_charge_is_not_booked_as_paid(client, order):
    pending_payment(order)
    charge = captured_charge_object("ch_test_1", "pi_test_1", 12500)
    charge["amount_captured"] = 100

    post_event(client, event("charge.succeeded", charge, "evt_short_charge"))

    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    assert order.payments.get().status == Payment.Status.REVIEW


def test_a_payment_under_review_is_listed_for_operators_with_what_stripe_reported(
    client, client_for, operator, order
):
    pending_payment(order)
    post_event(client, short_or_foreign(amount_received=1))

    page = client_for(operator).get(reverse("operations_orders:index")).content.decode()

    assert reverse("operations_orders:inspect", args=[order.pk]) in page and "0.01 USD" in page


def test_a_later_full_report_does_not_book_a_payment_under_review(client, order):
    pending_payment(order)
    post_event(client, short_or_foreign(amount_received=1))

    post_event(client, succeeded(event_id="evt_full_later"))

    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT  # an operator looks at it first
    assert not LedgerEntry.objects.exists()


def test_a_refund_event_for_a_charge_we_did_not_book_books_nothing(client, order):
    pending_payment(order)
    charge = charge_object("ch_test_1", "pi_test_1", 12500, refunds=[("re_1", 12500)], currency="eur")

    response = post_event(client, event("charge.refunded", charge, "evt_refund_foreign"))

    assert response.status_code == 200
    assert not LedgerEntry.objects.exists()
    assert ledger_problems() == []


def test_the_buyer_can_pay_again_after_a_payment_went_to_review(stripe_api, client, order, buyer):
    pending_payment(order)
    post_event(client, short_or_foreign(amount_received=1))

    payment = start_payment(order, buyer)

    assert payment.attempt == 2 and payment.amount == Decimal("125.00")


# --- Signatures are bounded in time both ways; signed garbage is a 400 with a code, never a 500 ------------
def test_a_signature_dated_a_day_in_the_future_is_rejected_with_400(client, order):
    pending_payment(order)

    response = post_event(client, succeeded(), timestamp=int(time.time()) + 86400)

    assert response.status_code == 400 and response.json()["code"] == "signature_from_future"
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT
    assert not WebhookEvent.objects.exists()


def test_a_signature_a_minute_ahead_of_our_clock_is_accepted(client, order):
    pending_payment(order)

    response = post_event(client, succeeded(), timestamp=int(time.time()) + 60)

    assert response.status_code == 200


def test_a_stale_signature_says_so_in_its_code(client):
    response = post_event(client, succeeded(), timestamp=int(time.time()) - 3600)

    assert response.json()["code"] == "signature_expired"


def test_a_bad_signature_says_so_in_its_code(client):
    response = post_event(client, succeeded(), secret="whsec_wrong")

    assert response.json()["code"] == "bad_signature"


def _signed(client, payload):
    return client.post(
        "/stripe/webhook/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload)
    )


def _without(key):
    envelope = succeeded()
    del envelope[key]
    return envelope


def _object_without(key):
    envelope = succeeded()
    del envelope["data"]["object"][key]
    return envelope


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param("[1, 2]", id="a list"),
        pytest.param('"evt_1"', id="a string"),
        pytest.param("42", id="a number"),
        pytest.param("null", id="null"),
        pytest.param("{not json", id="not json"),
        pytest.param(json.dumps(_without("id")), id="no id"),
        pytest.param(json.dumps(_without("type")), id="no type"),
        pytest.param(json.dumps(_without("data")), id="no data"),
        pytest.param(json.dumps({**succeeded(), "data": "x"}), id="data not an object"),
        pytest.param(json.dumps({**succeeded(), "data": {}}), id="data without object"),
        pytest.param(json.dumps({**succeeded(), "id": ["evt"]}), id="id not a string"),
        pytest.param(json.dumps({**succeeded(), "id": "evt_" + "x" * 200}), id="id too long"),
        pytest.param(json.dumps(_object_without("id")), id="intent without id"),
        pytest.param(json.dumps(_object_without("status")), id="intent without status"),
        pytest.param(json.dumps(_object_without("currency")), id="intent without currency"),
        pytest.param(
            json.dumps(event("charge.refunded", {"id": "ch_1", "amount": "a lot", "currency": "usd"}, "e")),
            id="charge amount not a number",
        ),
        pytest.param(
            json.dumps(
                event(
                    "charge.refunded", charge_object("ch_1", "pi_test_1", 12500, refunds=[("re_1", 1)]), "e"
                )
                | {
                    "data": {
                        "object": charge_object("ch_1", "pi_test_1", 12500) | {"refunds": {"data": ["x"]}}
                    }
                }
            ),
            id="refund not an object",
        ),
    ],
)
def test_a_signed_but_malformed_payload_is_a_400_with_a_code(client, order, payload):
    pending_payment(order)

    response = _signed(client, payload)

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_event"
    assert not WebhookEvent.objects.exists()
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT


def test_every_event_type_we_handle_names_the_shape_its_handler_reads():
    assert set(HANDLERS) == set(OBJECT_SHAPES)


def test_a_well_formed_event_of_a_type_we_do_not_handle_is_acknowledged(client):
    response = _signed(client, json.dumps(event("customer.created", {"id": "cus_1"}, "evt_cus")))

    assert response.status_code == 200 and response.json()["outcome"] == "ignored"
