"""A payment that succeeds after its order was cancelled is refunded in full, once; what Stripe did not refund
waits in the back office's orders list (/admin/operations/orders/) for an operator's one click."""

from decimal import Decimal

import pytest

from marketplace.workflow import TransitionError, transition
from orders.ledger.book import held_in_escrow, net_captured
from orders.ledger.reconcile import ledger_problems
from orders.models import Order, Refund
from orders.payments.intents import start_payment
from orders.payments.late_payments import refund_late_payment
from orders.states import ORDER_TRANSITIONS
from tests.factories import MembershipFactory

from .helpers import paid
from .stripe_standin import captured_charge_object, event, post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancelled_then_paid(stripe_api, order, buyer, localstripe):
    """The buyer's card went through at Stripe, but the order had been cancelled on our side first (say, by
    a version of the code that did not cancel intents); Stripe's word has not reached us yet."""
    payment = start_payment(order, buyer)
    localstripe.pay_intent(payment.intent_id)
    transition(Order, order.pk, Order.State.CANCELLED, ORDER_TRANSITIONS, actor=buyer)
    return payment


def succeeded_event(localstripe, payment, event_id="evt_late"):
    """payment_intent.succeeded with the intent exactly as localstripe holds it (post_event signs it)."""
    intent = localstripe.api("GET", f"/v1/payment_intents/{payment.intent_id}")
    return event("payment_intent.succeeded", intent, event_id)


def cancel_then_book_payment(order):
    """A cancelled order holding a late payment, without Stripe (for refusals that never reach it)."""
    transition(Order, order.pk, Order.State.CANCELLED, ORDER_TRANSITIONS)
    paid(order)
    assert held_in_escrow(order) == Decimal("125.00")


def refund_posts(recorder):
    return [r for r in recorder.posts() if r["url"].endswith("/v1/refunds")]


def test_a_payment_succeeding_after_cancellation_is_refunded_in_full(
    client, cancelled_then_paid, order, localstripe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, succeeded_event(localstripe, cancelled_then_paid)).status_code == 200

    refund = Refund.objects.get(order=order)
    assert refund.status == Refund.Status.SUCCEEDED
    at_stripe = localstripe.api("GET", f"/v1/refunds/{refund.stripe_id}")
    assert (at_stripe["amount"], at_stripe["payment_intent"]) == (12500, cancelled_then_paid.intent_id)
    order.refresh_from_db()
    assert order.state == Order.State.CANCELLED
    assert held_in_escrow(order) == 0
    assert net_captured(order) == 0
    assert ledger_problems() == []


def test_replaying_the_late_payment_events_refunds_nothing_more(
    client, cancelled_then_paid, order, localstripe, stripe_api, django_capture_on_commit_callbacks
):
    late = succeeded_event(localstripe, cancelled_then_paid)
    charge = captured_charge_object("ch_late", cancelled_then_paid.intent_id, 12500)
    deliveries = [late, late, event("charge.succeeded", charge, "evt_late_charge"), late]

    for envelope in deliveries:
        with django_capture_on_commit_callbacks(execute=True):
            assert post_event(client, envelope).status_code == 200

    assert Refund.objects.filter(order=order).count() == 1
    assert len(refund_posts(stripe_api)) == 1
    assert ledger_problems() == []


def test_a_late_payment_stripe_did_not_refund_is_listed_for_operators_with_a_refund_button(
    client,
    client_for,
    operator,
    order,
    buyer,
    localstripe,
    canned_localstripe,
    django_capture_on_commit_callbacks,
):
    payment = start_payment(order, buyer)
    localstripe.pay_intent(payment.intent_id)
    transition(Order, order.pk, Order.State.CANCELLED, ORDER_TRANSITIONS, actor=buyer)
    canned_localstripe.answer("POST", "/v1/refunds", {"error": {"type": "api_error"}}, status=503)

    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, succeeded_event(localstripe, payment)).status_code == 200

    assert Refund.objects.get(order=order).status == Refund.Status.REQUESTED
    page = client_for(operator).get("/admin/operations/orders/").content.decode()
    listed = page.split('class="late-payments"', 1)[1].split("</ul>", 1)[0]
    assert f"Order {order.pk}" in listed
    assert "Refund 125.00 USD to the buyer" in listed
    assert "Stripe has not answered" in listed


def test_the_operators_click_sends_the_same_refund_again_and_clears_the_list(
    client,
    client_for,
    operator,
    order,
    buyer,
    localstripe,
    canned_localstripe,
    django_capture_on_commit_callbacks,
):
    payment = start_payment(order, buyer)
    localstripe.pay_intent(payment.intent_id)
    transition(Order, order.pk, Order.State.CANCELLED, ORDER_TRANSITIONS, actor=buyer)
    canned_localstripe.answer("POST", "/v1/refunds", {"error": {"type": "api_error"}}, status=503)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, succeeded_event(localstripe, payment))
    canned_localstripe.answers.clear()  # Stripe is back

    url = f"/admin/operations/orders/{order.pk}/refund-late-payment/"
    response = client_for(operator).post(url, follow=True)

    refund = Refund.objects.get(order=order)
    assert refund.status == Refund.Status.SUCCEEDED
    keys = {r["headers"]["Idempotency-Key"] for r in refund_posts(canned_localstripe)}
    assert keys == {f"refund-{refund.pk}"}
    page = response.content.decode()
    assert f"125.00 USD refunded to the buyer of order {order.pk}." in page
    assert f"Order {order.pk}" not in page.split('class="late-payments"', 1)[1].split("</ul>", 1)[0]
    assert ledger_problems() == []


def test_only_operators_can_refund_a_late_payment(client, client_for, buyer, artisan, curator, order):
    cancel_then_book_payment(order)
    url = f"/admin/operations/orders/{order.pk}/refund-late-payment/"

    # Without admin access: Wagtail's login page. A curator gets in but is refused: back to the dashboard.
    for user, refused_to in [
        (buyer, "/admin/login/"),
        (artisan, "/admin/login/"),
        (MembershipFactory().user, "/admin/login/"),
        (curator, "/admin/"),
    ]:
        response = client_for(user).post(url)
        assert response.status_code == 302 and response["Location"].split("?")[0] == refused_to, user
    client.logout()
    response = client.post(url)

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not Refund.objects.exists()


def test_a_person_who_is_not_an_operator_is_refused_by_the_service_too(order, buyer):
    cancel_then_book_payment(order)

    with pytest.raises(TransitionError) as error:
        refund_late_payment(order, buyer)

    assert error.value.code == "not_operator"


def test_an_order_that_is_not_cancelled_is_never_refunded_as_a_late_payment(order, operator):
    paid(order)

    assert refund_late_payment(order, operator) is None
    assert held_in_escrow(order) == Decimal("125.00")
    assert not Refund.objects.exists()
