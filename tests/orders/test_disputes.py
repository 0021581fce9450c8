"""Disputes: one open dispute per order, whoever opens it (the buyer on our page or a card dispute)."""

import pytest
from django.db import IntegrityError, transaction

from marketplace.workflow import TransitionError
from orders.disputes import open_dispute, resolve_dispute
from orders.models import Dispute, Order

from .helpers import paid
from .stripe_standin import dispute_object, event, post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(order):
    paid(order)
    order.refresh_from_db()
    return order


def card_dispute(dispute_id="dp_1", event_id="evt_dp_1"):
    return event("charge.dispute.created", dispute_object(dispute_id, "ch_x", "pi_test_1", 12500), event_id)


def test_a_second_dispute_on_a_disputed_order_is_refused_with_a_clear_message(paid_order, buyer):
    open_dispute(paid_order, buyer, reason="Three vases arrived broken.")

    with pytest.raises(TransitionError) as refused:
        open_dispute(paid_order, buyer, reason="And one more thing.")

    assert refused.value.code == "dispute_open"
    assert "already open" in refused.value.message
    assert paid_order.disputes.count() == 1


def test_the_database_refuses_a_second_open_dispute_on_one_order(paid_order, buyer):
    Dispute.objects.create(order=paid_order, opened_by=buyer, reason="First")

    with pytest.raises(IntegrityError), transaction.atomic():
        Dispute.objects.create(order=paid_order, opened_by=buyer, reason="Second")


def test_a_resolved_dispute_leaves_room_for_a_new_open_one(paid_order, buyer):
    Dispute.objects.create(order=paid_order, opened_by=buyer, reason="First", state=Dispute.State.RESOLVED)

    Dispute.objects.create(order=paid_order, opened_by=buyer, reason="Second")

    assert paid_order.disputes.count() == 2


def test_the_dispute_page_refuses_a_second_dispute_and_shows_what_was_typed(client_for, buyer, paid_order):
    open_dispute(paid_order, buyer, reason="Three vases arrived broken.")

    response = client_for(buyer).post(f"/orders/{paid_order.pk}/dispute/", {"reason": "Also the lids."})

    page = response.content.decode()
    assert response.status_code == 409
    assert "already open" in page and "Also the lids." in page
    assert paid_order.disputes.count() == 1


def test_the_dispute_page_offers_no_form_while_a_dispute_is_open(client_for, buyer, paid_order):
    open_dispute(paid_order, buyer, reason="Three vases arrived broken.")

    page = client_for(buyer).get(f"/orders/{paid_order.pk}/dispute/").content.decode()

    assert "already open" in page and "Three vases arrived broken." in page
    assert 'name="reason"' not in page


def test_the_order_page_offers_a_dispute_only_while_none_is_open(client_for, buyer, paid_order):
    client = client_for(buyer)
    dispute_link = f'href="/orders/{paid_order.pk}/dispute/"'
    assert dispute_link in client.get(f"/orders/{paid_order.pk}/").content.decode()

    open_dispute(paid_order, buyer, reason="Broken.")

    assert dispute_link not in client.get(f"/orders/{paid_order.pk}/").content.decode()


def test_a_card_dispute_on_an_order_the_buyer_already_disputes_joins_that_dispute(client, buyer, paid_order):
    mine = open_dispute(paid_order, buyer, reason="Three vases arrived broken.")

    response = post_event(client, card_dispute())

    assert response.status_code == 200
    mine.refresh_from_db()
    assert paid_order.disputes.get() == mine
    assert mine.stripe_id == "dp_1" and "Three vases arrived broken." in mine.reason
    assert "Card dispute" in mine.reason


def test_a_buyer_cannot_open_a_second_dispute_beside_a_card_dispute(client, buyer, paid_order):
    post_event(client, card_dispute())

    with pytest.raises(TransitionError) as refused:
        open_dispute(paid_order, buyer, reason="Broken.")

    assert refused.value.code == "dispute_open"
    assert paid_order.disputes.get().stripe_id == "dp_1"


def test_a_second_card_dispute_on_an_order_is_noted_on_the_open_dispute(client, paid_order):
    post_event(client, card_dispute("dp_1", "evt_1"))

    response = post_event(client, card_dispute("dp_2", "evt_2"))

    assert response.status_code == 200
    dispute = paid_order.disputes.get()
    assert dispute.stripe_id == "dp_1" and "dp_2" in dispute.reason


def test_a_card_dispute_after_a_resolved_one_opens_a_new_dispute(client, buyer, operator, paid_order):
    resolve_dispute(open_dispute(paid_order, buyer, reason="Late."), operator, resolution="release")

    post_event(client, card_dispute())

    assert paid_order.disputes.get(state=Dispute.State.OPEN).stripe_id == "dp_1"
    paid_order.refresh_from_db()
    assert paid_order.state == Order.State.COMPLETED  # released money stays released; operators see it
