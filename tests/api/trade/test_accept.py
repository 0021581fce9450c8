"""Accepting a quote through the API: the page's service, the terms the buyer saw, safe to send twice."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from orders.models import Order
from orders.trade.models import RFQ, Quote


def accept(client, quote, revision=None, amount=None, currency="USD"):
    quote.refresh_from_db()
    total = quote.total_for(quote.rfq.quantity)
    payload = {
        "revision": quote.revision if revision is None else revision,
        "total": {"amount": str(total.amount) if amount is None else amount, "currency": currency},
    }
    url = reverse("api:trade-quote-accept", args=[quote.rfq_id, quote.pk])
    return client.post(url, payload, format="json")


def test_accepting_a_quote_awards_the_rfq_and_answers_the_order_it_made(
    trade_client_for, buyer, rfq, quote, rival_quote, matching_supplier
):
    response = accept(trade_client_for(buyer), quote)

    assert response.status_code == 200, response.json()
    body = response.json()
    order = Order.objects.get()
    assert body["order"]["id"] == order.pk
    assert body["order"]["status"] == {"code": "awaiting_payment", "label": "Awaiting payment"}
    assert body["order"]["total"] == {"amount": "5000.00", "currency": "USD"}
    assert body["order"]["shipments"][0]["supplier"]["id"] == matching_supplier.pk
    assert body["quote"]["state"]["code"] == "accepted"
    rfq.refresh_from_db()
    rival_quote.refresh_from_db()
    assert rfq.state == RFQ.State.AWARDED
    assert rival_quote.state == Quote.State.DECLINED


def test_accepting_the_same_quote_twice_answers_the_same_order_and_makes_no_second(
    trade_client_for, buyer, quote
):
    client = trade_client_for(buyer)
    first = accept(client, quote).json()

    second = accept(client, quote)

    assert second.status_code == 200
    assert second.json()["order"]["id"] == first["order"]["id"]
    assert Order.objects.count() == 1


def test_accepting_a_second_quote_on_an_awarded_rfq_is_a_conflict(
    trade_client_for, buyer, quote, rival_quote
):
    client = trade_client_for(buyer)
    accept(client, quote)

    response = accept(client, rival_quote)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_awarded"
    assert Order.objects.count() == 1


def test_a_quote_revised_since_the_buyer_read_it_is_not_accepted(trade_client_for, buyer, rfq, quote):
    seen = quote.revision
    quote.unit_price = "11.00"
    quote.revision += 1
    quote.save()

    response = accept(trade_client_for(buyer), quote, revision=seen, amount="5000.00")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "quote_changed"
    assert "5,500.00 USD" in response.json()["error"]["message"]
    rfq.refresh_from_db()
    assert rfq.state == RFQ.State.OPEN
    assert not Order.objects.exists()


def test_a_total_other_than_the_quotes_is_not_accepted(trade_client_for, buyer, quote):
    response = accept(trade_client_for(buyer), quote, amount="4000.00")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "quote_changed"
    assert not Order.objects.exists()


def test_an_expired_quote_cannot_be_accepted(trade_client_for, buyer, quote):
    Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1))

    response = accept(trade_client_for(buyer), quote)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "quote_expired"


def test_a_withdrawn_quote_cannot_be_accepted(trade_client_for, buyer, quote):
    Quote.objects.filter(pk=quote.pk).update(state=Quote.State.WITHDRAWN)

    response = accept(trade_client_for(buyer), quote)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "quote_not_submitted"


def test_acceptance_needs_the_terms_seen(trade_client_for, buyer, quote):
    url = reverse("api:trade-quote-accept", args=[quote.rfq_id, quote.pk])

    response = trade_client_for(buyer).post(url, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"revision", "total"}
    assert not Order.objects.exists()


def test_a_seen_total_in_an_unknown_currency_is_a_field_error(trade_client_for, buyer, quote):
    response = accept(trade_client_for(buyer), quote, currency="XYZ")

    assert response.status_code == 400
    assert "total" in response.json()["error"]["fields"]


def test_another_buyer_cannot_accept_a_quote_on_your_rfq(trade_client_for, other_buyer, rfq, quote):
    response = accept(trade_client_for(other_buyer), quote)

    assert response.status_code == 404
    rfq.refresh_from_db()
    assert rfq.state == RFQ.State.OPEN
    assert not Order.objects.exists()


def test_a_supplier_member_cannot_accept_the_buyers_quote(trade_client_for, artisan, rfq, quote):
    response = accept(trade_client_for(artisan), quote)

    assert response.status_code == 404
    assert not Order.objects.exists()


def test_a_quote_of_another_rfq_is_not_found_under_yours(trade_client_for, buyer, category, quote):
    from tests.trade.factories import RFQFactory

    own_other_rfq = RFQFactory(buyer=buyer, category=category)
    url = reverse("api:trade-quote-accept", args=[own_other_rfq.pk, quote.pk])

    response = trade_client_for(buyer).post(url, {"revision": 1, "total": {"amount": "5000.00",
                                            "currency": "USD"}}, format="json")  # fmt: skip

    assert response.status_code == 404
    assert not Order.objects.exists()


def test_anonymous_cannot_accept(anonymous, quote):
    response = accept(anonymous, quote)

    assert response.status_code == 401
    assert not Order.objects.exists()
