"""A buyer's RFQs through the API: posting (the page form's checks), listing, reading, comparing quotes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.trade.models import RFQ, RFQInvitation
from tests.factories import BuyerFactory
from tests.trade.factories import QuoteFactory, RFQFactory


def rfq_payload(category, **changes):
    payload = {
        "title": "Blue pottery planters",
        "description": "Hand-painted, 20 cm, food-safe glaze.",
        "category": category.pk,
        "quantity": 500,
        "unit": "piece",
        "target_unit_price": "9.00",
        "currency": "USD",
        "destination_country": "de",
        "incoterm": "FOB",
        "needed_by": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "deadline": (timezone.now() + timedelta(days=7)).isoformat(),
    }
    return payload | changes


def post_rfq(client, payload):
    return client.post(reverse("api:trade-rfq-list"), payload, format="json")


def test_posting_an_rfq_creates_it_and_invites_the_matching_suppliers(
    trade_client_for, buyer, category, matching_supplier, rival_supplier
):
    response = post_rfq(trade_client_for(buyer), rfq_payload(category))

    assert response.status_code == 201, response.json()
    rfq = RFQ.objects.get(pk=response.json()["id"])
    assert rfq.buyer == buyer
    assert rfq.destination_country == "DE"
    assert set(RFQInvitation.objects.filter(rfq=rfq).values_list("supplier", flat=True)) == {
        matching_supplier.pk,
        rival_supplier.pk,
    }
    assert response["Location"] == reverse("api:trade-rfq-detail", args=[rfq.pk])


def test_a_posted_rfq_answers_its_money_as_a_string_with_its_currency(trade_client_for, buyer, category):
    body = post_rfq(trade_client_for(buyer), rfq_payload(category, target_unit_price="9.5")).json()

    assert body["target_unit_price"] == {"amount": "9.50", "currency": "USD"}
    assert body["state"] == {"code": "open", "label": "Open for quotes"}


def test_an_rfq_without_a_currency_takes_the_buyers_preferred_one(trade_client_for, buyer, category):
    payload = rfq_payload(category)
    del payload["currency"]

    body = post_rfq(trade_client_for(buyer), payload).json()

    assert body["currency"] == buyer.preferred_currency == "EUR"


def test_a_deadline_in_the_past_is_refused_with_the_page_forms_message(trade_client_for, buyer, category):
    past = (timezone.now() - timedelta(hours=1)).isoformat()

    response = post_rfq(trade_client_for(buyer), rfq_payload(category, deadline=past))

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["fields"]["deadline"] == ["The quote deadline must be in the future."]
    assert not RFQ.objects.exists()


def test_goods_needed_before_the_quote_deadline_are_refused(trade_client_for, buyer, category):
    too_soon = timezone.localdate().isoformat()

    response = post_rfq(trade_client_for(buyer), rfq_payload(category, needed_by=too_soon))

    assert response.status_code == 400
    assert "needed_by" in response.json()["error"]["fields"]


def test_an_unknown_category_is_a_field_error(trade_client_for, buyer, category):
    response = post_rfq(trade_client_for(buyer), rfq_payload(category) | {"category": category.pk + 1000})

    assert response.status_code == 400
    assert "category" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "field, value",
    [
        ("quantity", 0),
        ("quantity", "many"),
        ("target_unit_price", "NaN"),
        ("target_unit_price", 1e300),
        ("destination_country", "XX"),
        ("incoterm", "XYZ"),
        ("title", ["a", "list"]),
        ("deadline", "tomorrow"),
    ],
)
def test_bad_values_are_field_errors_never_a_500(trade_client_for, buyer, category, field, value):
    response = post_rfq(trade_client_for(buyer), rfq_payload(category, **{field: value}))

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not RFQ.objects.exists()


def test_posting_past_the_daily_limit_is_refused_with_429(settings, trade_client_for, buyer, category):
    settings.RATE_LIMIT_RFQS_PER_DAY = 1
    client = trade_client_for(buyer)
    assert post_rfq(client, rfq_payload(category)).status_code == 201

    response = post_rfq(client, rfq_payload(category))

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert RFQ.objects.count() == 1


def test_anonymous_cannot_post_an_rfq(anonymous, category):
    response = post_rfq(anonymous, rfq_payload(category))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_the_list_holds_only_the_buyers_own_rfqs_newest_first(trade_client_for, buyer, other_buyer, category):
    older = RFQFactory(buyer=buyer, category=category)
    newer = RFQFactory(buyer=buyer, category=category)
    RFQFactory(buyer=other_buyer, category=category)

    body = trade_client_for(buyer).get(reverse("api:trade-rfq-list")).json()

    assert [row["id"] for row in body["results"]] == [newer.pk, older.pk]


def test_the_list_pages_with_a_cursor_past_the_first_page(trade_client_for, buyer, category):
    rfqs = RFQFactory.create_batch(26, buyer=buyer, category=category)
    client = trade_client_for(buyer)

    page = client.get(reverse("api:trade-rfq-list")).json()
    seen = [row["id"] for row in page["results"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [row["id"] for row in page["results"]]

    assert seen == [rfq.pk for rfq in reversed(rfqs)]


def test_the_list_counts_the_quotes_received(trade_client_for, buyer, rfq, quote, rival_quote):
    rival_quote.state = "withdrawn"
    rival_quote.save()

    body = trade_client_for(buyer).get(reverse("api:trade-rfq-list")).json()

    assert body["results"][0]["quote_count"] == 1


def test_anonymous_cannot_list_rfqs(anonymous):
    assert anonymous.get(reverse("api:trade-rfq-list")).status_code == 401


def test_a_buyer_reads_their_rfq(trade_client_for, buyer, rfq, category):
    body = trade_client_for(buyer).get(reverse("api:trade-rfq-detail", args=[rfq.pk])).json()

    assert body["id"] == rfq.pk
    assert body["category"] == {"id": category.pk, "name": "Ceramics", "slug": "ceramics", "path": "ceramics"}
    assert body["accepts_quotes"] is True


def test_another_buyers_rfq_is_not_found(trade_client_for, other_buyer, rfq):
    response = trade_client_for(other_buyer).get(reverse("api:trade-rfq-detail", args=[rfq.pk]))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_supplier_member_cannot_read_the_buyers_rfq_here(trade_client_for, artisan, rfq):
    response = trade_client_for(artisan).get(reverse("api:trade-rfq-detail", args=[rfq.pk]))

    assert response.status_code == 404


def test_the_quotes_show_the_comparisons_figures(trade_client_for, buyer, rfq, quote, rival_quote):
    body = trade_client_for(buyer).get(reverse("api:trade-quote-list", args=[rfq.pk])).json()

    rows = {row["id"]: row for row in body["results"]}
    assert rows[quote.pk]["total"] == {"amount": "5000.00", "currency": "USD"}
    assert rows[rival_quote.pk]["unit_price_at_quantity"] == {"amount": "9.00", "currency": "USD"}
    assert rows[rival_quote.pk]["normalised_total"] == {"amount": "4500.00", "currency": "USD"}
    assert rows[quote.pk]["revision"] == 1
    assert rows[quote.pk]["acceptable"] is True


def test_a_quotes_price_at_the_rfqs_quantity_follows_its_quantity_breaks(trade_client_for, buyer, rfq, quote):
    quote.tiers = [["100", "9.50"], ["400", "9.20"], ["1000", "8.00"]]
    quote.save()

    row = trade_client_for(buyer).get(reverse("api:trade-quote-detail", args=[rfq.pk, quote.pk])).json()

    assert row["unit_price"] == {"amount": "10.00", "currency": "USD"}
    assert row["unit_price_at_quantity"] == {"amount": "9.20", "currency": "USD"}
    assert row["total"] == {"amount": "4600.00", "currency": "USD"}
    assert [b["min_quantity"] for b in row["price_breaks"]] == [100, 400, 1000]


def test_a_quote_in_another_currency_is_compared_in_the_rfqs_currency(
    trade_client_for, buyer, rfq, rival_supplier, rival_artisan, rates
):
    # 9.20 EUR at 0.92 EUR per USD is 10.00 USD; 500 of them 5,000.00 USD.
    euro = QuoteFactory(rfq=rfq, supplier=rival_supplier, submitted_by=rival_artisan, unit_price="9.20",
                        currency="EUR")  # fmt: skip

    row = trade_client_for(buyer).get(reverse("api:trade-quote-detail", args=[rfq.pk, euro.pk])).json()

    assert row["total"] == {"amount": "4600.00", "currency": "EUR"}
    assert row["normalised_total"] == {"amount": "5000.00", "currency": "USD"}


def test_withdrawn_quotes_are_left_out(trade_client_for, buyer, rfq, quote, rival_quote):
    rival_quote.state = "withdrawn"
    rival_quote.save()

    body = trade_client_for(buyer).get(reverse("api:trade-quote-list", args=[rfq.pk])).json()

    assert [row["id"] for row in body["results"]] == [quote.pk]


def test_the_quotes_on_another_buyers_rfq_are_not_found(trade_client_for, other_buyer, rfq, quote):
    client = trade_client_for(other_buyer)

    assert client.get(reverse("api:trade-quote-list", args=[rfq.pk])).status_code == 404
    assert client.get(reverse("api:trade-quote-detail", args=[rfq.pk, quote.pk])).status_code == 404


def test_a_quoting_supplier_cannot_read_the_other_quotes(trade_client_for, artisan, rfq, quote, rival_quote):
    response = trade_client_for(artisan).get(reverse("api:trade-quote-list", args=[rfq.pk]))

    assert response.status_code == 404


def test_an_account_with_an_unconfirmed_email_cannot_post_an_rfq_403(trade_client_for, category):
    response = post_rfq(trade_client_for(BuyerFactory(email_verified_at=None)), rfq_payload(category))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "email_unverified"
    assert not RFQ.objects.exists()
