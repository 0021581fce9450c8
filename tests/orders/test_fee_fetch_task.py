"""Stripe's fee is fetched by a task after the webhook's event is stored (orders/payments/tasks.py): tried
again while Stripe does not answer, booked once however often it runs."""

import pytest

from marketplace.jobs.queue import enqueue
from orders.models import LedgerTransaction
from orders.payments import stripe_gateway
from orders.payments.tasks import FEE_FETCH_ATTEMPTS, fetch_stripe_fee

from .helpers import pending_payment
from .stripe_standin import (
    CannedStripe,
    balance_transaction_object,
    captured_charge_object,
    event,
    post_event,
)

pytestmark = pytest.mark.django_db

FEE_TXN = balance_transaction_object("txn_test_1", "ch_test_1", 12500, 393)
BT_PATH = "/v1/balance_transactions/txn_test_1"


class DownThenUp(CannedStripe):
    """Answers 503 to the first `failures` requests, then as registered."""

    failures = 0

    def request(self, method, url, headers, post_data=None):
        if self.failures > 0:
            self.failures -= 1
            self.sent.append({"method": method, "url": url, "headers": {}, "body": post_data})
            return '{"error": {"type": "api_error", "message": "down"}}', 503, {"request-id": "req_down"}
        return super().request(method, url, headers, post_data)


@pytest.fixture
def stripe(settings):
    client = DownThenUp(timeout=settings.STRIPE_TIMEOUT)
    client.answer("GET", BT_PATH, FEE_TXN)
    stripe_gateway.set_http_client(client)
    return client


def fee_postings(order):
    return LedgerTransaction.objects.filter(order=order, kind=LedgerTransaction.Kind.FEE)


def charge_naming_its_balance_transaction():
    return event(
        "charge.succeeded", captured_charge_object("ch_test_1", "pi_test_1", 12500, "txn_test_1"), "e1"
    )


def test_the_fee_fetch_runs_after_the_event_is_stored_and_twice_books_once(
    client, order, stripe, django_capture_on_commit_callbacks
):
    payment = pending_payment(order)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, charge_naming_its_balance_transaction())
    assert fee_postings(order).count() == 1

    enqueue(fetch_stripe_fee, payment.pk, {"id": "ch_test_1", "balance_transaction": "txn_test_1"})

    assert fee_postings(order).count() == 1


def test_stripe_down_at_first_fetch_is_tried_again_and_booked(
    client, order, stripe, django_capture_on_commit_callbacks
):
    stripe.failures = 3  # the first attempt's request and the Stripe library's own two retries
    pending_payment(order)

    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, charge_naming_its_balance_transaction())

    assert fee_postings(order).count() == 1
    assert len(stripe.requested(BT_PATH)) == 4


def test_the_task_carries_no_card_details(
    client, order, stripe, django_capture_on_commit_callbacks, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}}
    pending_payment(order)

    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, charge_naming_its_balance_transaction())

    [queued] = DBTaskResult.objects.filter(task_path="orders.payments.tasks.fetch_stripe_fee")
    assert queued.args_kwargs["args"][1] == {"id": "ch_test_1", "balance_transaction": "txn_test_1"}


def test_the_fetch_gives_up_after_its_attempts_and_the_payment_stays_paid(
    client, order, stripe, django_capture_on_commit_callbacks
):
    stripe.failures = 10_000
    pending_payment(order)

    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, charge_naming_its_balance_transaction())

    order.refresh_from_db()
    assert order.state == order.State.PAID and not fee_postings(order).exists()
    assert len(stripe.requested(BT_PATH)) == FEE_FETCH_ATTEMPTS * 3
