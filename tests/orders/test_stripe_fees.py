"""Stripe's processing fee: its own balanced posting, booked once, the platform's cost, never the supplier's.

Real Stripe is played by signed events built from Stripe's example objects and by canned replies through our
Stripe module's pluggable HTTP client; localstripe (which reports a zero fee) shows the clean degradation.
"""

import logging
import random
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

from orders.ledger.book import held_in_escrow, net_captured, supplier_balances
from orders.ledger.reconcile import ledger_problems
from orders.lifecycle import accept_fulfilment, confirm_delivery, ship_fulfilment
from orders.models import LedgerEntry, LedgerTransaction, Order
from orders.payments.fees import record_stripe_fee
from orders.payments.intents import start_payment, sync_payment
from orders.payments.refunds import refund_order

from .helpers import paid, pending_payment
from .stripe_standin import (
    balance_transaction_object,
    captured_charge_object,
    charge_object,
    event,
    intent_object,
    post_event,
)

pytestmark = pytest.mark.django_db

# 125.00 USD charged, Stripe keeps 3.93 USD.
FEE_TXN = balance_transaction_object("txn_test_1", "ch_test_1", 12500, 393)


def charge_succeeded(balance_transaction=FEE_TXN, event_id="evt_charge", event_type="charge.succeeded"):
    charge = captured_charge_object("ch_test_1", "pi_test_1", 12500, balance_transaction)
    return event(event_type, charge, event_id)


def intent_succeeded(event_id="evt_paid"):
    return event(
        "payment_intent.succeeded", intent_object("pi_test_1", 12500, charge_id="ch_test_1"), event_id
    )


def fee_postings(order):
    return LedgerTransaction.objects.filter(order=order, kind=LedgerTransaction.Kind.FEE)


def test_a_charge_event_carrying_its_balance_transaction_books_the_fee_as_its_own_movement(client, order):
    pending_payment(order)

    post_event(client, charge_succeeded())

    posting = fee_postings(order).get()
    assert posting.currency == "USD"
    assert {e.account: e.amount for e in posting.entries.all()} == {
        "stripe_fees": Decimal("3.93"),
        "cash": Decimal("-3.93"),
    }


def test_a_charge_event_arriving_before_the_intent_event_books_the_payment_too(client, order, supplier):
    pending_payment(order)

    post_event(client, charge_succeeded())

    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert held_in_escrow(order, supplier) == Decimal("125.00")


def test_the_fee_is_booked_once_whatever_the_order_and_repeats_of_the_events(client, order):
    pending_payment(order)
    deliveries = [
        intent_succeeded(),
        charge_succeeded(),
        charge_succeeded(event_type="charge.updated", event_id="evt_charge_updated"),
    ] * 3
    random.Random(9).shuffle(deliveries)

    for envelope in deliveries:
        assert post_event(client, envelope).status_code == 200

    assert fee_postings(order).count() == 1
    cash = LedgerEntry.objects.filter(order=order, account="cash").values_list("amount", flat=True)
    assert sorted(cash) == [Decimal("-3.93"), Decimal("125.00")]
    assert ledger_problems() == []


def test_the_fee_does_not_reduce_what_the_supplier_is_paid(client, order, buyer, artisan, supplier):
    pending_payment(order)
    post_event(client, charge_succeeded())
    order.refresh_from_db()
    fulfilment = order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    ship_fulfilment(fulfilment, artisan, carrier="DHL", tracking_number="JD1")

    confirm_delivery(order, buyer)

    assert supplier_balances(supplier)["USD"]["available"].amount == Decimal("118.75")  # 125.00 minus 5 %
    assert ledger_problems() == []


def test_a_full_refund_after_the_fee_returns_everything_to_the_buyer_and_reconciles(client, order):
    pending_payment(order)
    post_event(client, charge_succeeded())
    refunded = charge_object("ch_test_1", "pi_test_1", 12500, refunds=[("re_1", 12500)])

    post_event(client, event("charge.refunded", refunded, "evt_refund"))

    order.refresh_from_db()
    assert order.state == Order.State.REFUNDED
    assert net_captured(order) == 0
    assert ledger_problems() == []


def test_check_ledger_reconciles_with_a_fee_booked(client, order, capsys):
    pending_payment(order)
    post_event(client, charge_succeeded())

    call_command("check_ledger")

    assert "reconciles" in capsys.readouterr().out


def test_a_charge_naming_its_balance_transaction_by_id_has_it_retrieved_after_the_event_is_stored(
    client, order, canned_stripe, django_capture_on_commit_callbacks
):
    canned_stripe.answer("GET", "/v1/balance_transactions/txn_test_1", FEE_TXN)
    pending_payment(order)

    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, charge_succeeded("txn_test_1"))

    assert fee_postings(order).get().entries.get(account="stripe_fees").amount == Decimal("3.93")
    assert len(canned_stripe.requested("/v1/balance_transactions/txn_test_1")) == 1


def test_the_intent_event_retrieves_the_charge_with_its_balance_transaction_expanded(
    client, order, canned_stripe, django_capture_on_commit_callbacks
):
    canned_stripe.answer(
        "GET", "/v1/charges/ch_test_1", captured_charge_object("ch_test_1", "pi_test_1", 12500, FEE_TXN)
    )
    pending_payment(order)

    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, intent_succeeded())

    (request,) = canned_stripe.requested("/v1/charges/ch_test_1")
    assert parse_qs(urlsplit(request["url"]).query) == {"expand[0]": ["balance_transaction"]}
    assert fee_postings(order).count() == 1


def test_the_retrieve_when_the_buyer_comes_back_books_the_fee_too(order, canned_stripe):
    payment = pending_payment(order)
    canned_stripe.answer(
        "GET", "/v1/payment_intents/pi_test_1", intent_object("pi_test_1", 12500, charge_id="ch_test_1")
    )
    canned_stripe.answer(
        "GET", "/v1/charges/ch_test_1", captured_charge_object("ch_test_1", "pi_test_1", 12500, FEE_TXN)
    )

    sync_payment(payment)

    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert fee_postings(order).count() == 1


def test_a_stripe_outage_on_the_fee_leaves_the_payment_paid_and_logs_why(
    client, order, canned_stripe, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="orders.payments.fees")
    unavailable = {"error": {"type": "api_error", "message": "Service unavailable"}}
    canned_stripe.answer("GET", "/v1/charges/ch_test_1", unavailable, status=503)
    pending_payment(order)

    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, intent_succeeded()).status_code == 200

    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert not fee_postings(order).exists()
    assert "Stripe did not answer" in caplog.text
    assert ledger_problems() == []


def test_a_charge_without_its_balance_transaction_yet_is_paid_and_the_update_books_the_fee(
    client, order, caplog
):
    caplog.set_level(logging.INFO, logger="orders.payments.fees")
    pending_payment(order)

    post_event(client, charge_succeeded(balance_transaction=None))

    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert not fee_postings(order).exists()
    assert "does not exist yet" in caplog.text

    post_event(client, charge_succeeded(event_type="charge.updated", event_id="evt_charge_updated"))

    assert fee_postings(order).count() == 1


def test_localstripe_reports_a_zero_fee_so_none_is_booked_and_the_order_is_paid(
    stripe_api, order, buyer, localstripe, caplog
):
    caplog.set_level(logging.INFO, logger="orders.payments.fees")
    payment = start_payment(order, buyer)
    localstripe.pay_intent(payment.intent_id)

    sync_payment(payment)

    order.refresh_from_db()
    assert order.state == Order.State.PAID
    assert not fee_postings(order).exists()
    assert "Stripe reports a fee of 0.00 USD" in caplog.text
    assert ledger_problems() == []


def test_a_full_refund_is_still_allowed_after_the_fee(stripe_api, order, buyer, operator, localstripe):
    payment = start_payment(order, buyer)
    localstripe.pay_intent(payment.intent_id)
    sync_payment(payment)
    payment.refresh_from_db()
    record_stripe_fee(payment, balance_transaction_object("txn_ls", payment.charge_id, 12500, 393))

    refund = refund_order(order, order.total, operator)

    assert localstripe.api("GET", f"/v1/refunds/{refund.stripe_id}")["amount"] == 12500
    order.refresh_from_db()
    assert order.state == Order.State.REFUNDED
    assert ledger_problems() == []


def test_a_fee_settled_in_another_currency_is_converted_with_stripes_own_rate(order):
    payment = paid(order)
    # 125.00 USD settled as 115.00 EUR (rate 0.92); Stripe's fee 3.62 EUR is 3.93 USD (3.9347... rounded).
    settled = balance_transaction_object(
        "txn_eur", "ch_test_1", 11500, 362, currency="eur", exchange_rate=0.92
    )

    posting = record_stripe_fee(payment, settled)

    assert posting.currency == "USD"
    assert posting.entries.get(account="stripe_fees").amount == Decimal("3.93")
    assert "3.62 EUR" in posting.memo


def test_a_balance_transaction_of_another_charge_is_not_booked(order):
    payment = paid(order)
    payment.charge_id = "ch_test_1"
    payment.save()

    assert record_stripe_fee(payment, balance_transaction_object("txn_x", "ch_other", 12500, 393)) is None
    assert not fee_postings(order).exists()


def test_the_operators_ledger_page_shows_the_stripe_fees(client, client_for, operator, order):
    pending_payment(order)
    post_event(client, charge_succeeded())

    page = client_for(operator).get("/admin/operations/ledger/").content.decode()

    fees_section = page.split('class="stripe-fees"', 1)[1].split("</ul>", 1)[0]
    assert "3.93 USD" in fees_section
    assert "Every transaction balances and every account reconciles." in page
