"""Accepting a quote is two steps: the comparison's Accept opens a confirmation page with the amount and
currency (the buyer's beside it), Incoterm and named place and lead time; only its Confirm accepts. Then the
order asks for its address before anything can be paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Order
from orders.trade.models import RFQ, Quote
from orders.trade.services import rfqs as service
from tests.factories import BuyerFactory

from .factories import QuoteFactory, RFQFactory
from .helpers import accept_as_seen, seen_quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(rfq, matching_supplier):
    """500 pieces at 16.20 USD: 8,100.00 USD, FOB Karachi, 50 days."""
    return QuoteFactory(rfq=rfq, supplier=matching_supplier, unit_price=Decimal("16.20"), lead_time_days=50)


def confirm_url(quote):
    return f"/rfqs/{quote.rfq_id}/quotes/{quote.pk}/accept/"


def test_accept_on_the_comparison_opens_the_confirmation_and_accepts_nothing(client_for, buyer, quote):
    client = client_for(buyer)
    comparison = client.get(f"/rfqs/{quote.rfq_id}/").content.decode()
    assert f'<form method="get" action="{confirm_url(quote)}">' in comparison
    page = client.get(confirm_url(quote), {f"seen-{k}": v for k, v in seen_quote(quote).items()})
    assert page.status_code == 200
    assert Quote.objects.get(pk=quote.pk).state == "submitted" and not Order.objects.exists()


def test_the_confirmation_shows_amount_currency_incoterm_place_and_lead_time_with_its_unit(
    client_for, buyer, quote
):
    page = client_for(buyer).get(confirm_url(quote)).content.decode()
    assert '<strong id="accept-total">8,100.00 USD</strong>' in page
    assert "FOB Karachi" in page and "50 days" in page and "500 pieces" in page
    assert "Confirm: accept for 8,100.00 USD" in page


def test_the_confirmation_shows_the_buyers_own_currency_beside_the_amount(client_for, buyer, quote, rates):
    buyer.preferred_currency = "EUR"
    buyer.save()
    page = client_for(buyer).get(confirm_url(quote)).content.decode()
    assert "8,100.00 USD" in page and "about 7,452.00 EUR" in page


def test_opening_the_confirmation_keeps_the_buyers_currency(client_for, buyer, quote):
    buyer.preferred_currency = "EUR"
    buyer.save()
    client = client_for(buyer)
    comparison = client.get(f"/rfqs/{quote.rfq_id}/").content.decode()
    assert 'name="currency"' not in comparison.split("quote-cards", 1)[1].split("</ul>", 1)[0]
    client.get(confirm_url(quote), {f"seen-{k}": v for k, v in seen_quote(quote).items()})
    buyer.refresh_from_db()
    assert buyer.preferred_currency == "EUR"


def test_confirming_accepts_and_leads_to_the_address_step(client_for, buyer, quote):
    response = client_for(buyer).post(confirm_url(quote), seen_quote(quote))
    order = Order.objects.get()
    assert response["Location"] == f"/orders/{order.pk}/address/"
    assert (order.incoterm, order.incoterm_place, order.shipping_address) == ("FOB", "Karachi", "")


def test_confirming_twice_makes_one_order(client_for, buyer, quote):
    client = client_for(buyer)
    form = seen_quote(quote)
    first, second = client.post(confirm_url(quote), form), client.post(confirm_url(quote), form)
    assert first["Location"] == second["Location"] and Order.objects.count() == 1


def test_the_confirmation_says_when_the_quote_was_revised_since_the_comparison(
    client_for, buyer, quote, artisan
):
    compared = seen_quote(quote)
    Quote.objects.filter(pk=quote.pk).update(unit_price=Decimal("17.00"), revision=2)
    page = client_for(buyer).get(confirm_url(quote), {f"seen-{k}": v for k, v in compared.items()})
    page = page.content.decode()
    assert "revised this quote since you compared" in page and "8,500.00 USD" in page
    assert 'name="revision" value="2"' in page  # Confirm names the terms this page shows


@pytest.mark.parametrize("state", ["withdrawn", "declined"])
def test_a_quote_no_longer_submitted_has_no_confirm_button(client_for, buyer, quote, state):
    Quote.objects.filter(pk=quote.pk).update(state=state)
    response = client_for(buyer).get(confirm_url(quote))
    assert response.status_code == 409 and 'id="confirm-accept"' not in response.content.decode()


def test_an_expired_quote_has_no_confirm_button_and_cannot_be_accepted(client_for, buyer, quote):
    Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    client = client_for(buyer)
    response = client.get(confirm_url(quote))
    assert response.status_code == 409 and "expired" in response.content.decode()
    client.post(confirm_url(quote), seen_quote(quote))
    assert not Order.objects.exists()


def test_a_withdrawn_quote_posted_anyway_is_refused_with_a_message(client_for, buyer, quote):
    form = seen_quote(quote)
    Quote.objects.filter(pk=quote.pk).update(state="withdrawn")
    response = client_for(buyer).post(confirm_url(quote), form, follow=True)
    assert "Only a submitted quote can be accepted" in response.content.decode()
    assert not Order.objects.exists()


def test_the_confirmation_of_an_awarded_rfq_says_it_is_closed(client_for, buyer, quote, rival_supplier):
    other = QuoteFactory(rfq=quote.rfq, supplier=rival_supplier)
    accept_as_seen(other, buyer)
    response = client_for(buyer).get(confirm_url(quote))
    assert response.status_code == 409 and "This RFQ is closed" in response.content.decode()


def test_the_confirmation_is_refused_to_anonymous_another_buyer_and_the_supplier(
    client, client_for, artisan, quote
):
    response = client.get(confirm_url(quote))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(BuyerFactory()).get(confirm_url(quote)).status_code == 404
    assert client_for(artisan).get(confirm_url(quote)).status_code == 404


def test_a_quote_of_another_rfq_is_not_found_under_this_one(client_for, buyer, quote, matching_supplier):
    own_other_rfq = RFQFactory(buyer=buyer, category=quote.rfq.category)
    url = f"/rfqs/{own_other_rfq.pk}/quotes/{quote.pk}/accept/"
    client = client_for(buyer)
    assert client.get(url).status_code == 404
    assert client.post(url, seen_quote(quote)).status_code == 404
    assert not Order.objects.exists() and RFQ.objects.get(pk=quote.rfq_id).state == "open"


def test_why_not_acceptable_is_empty_for_a_submitted_valid_quote_of_an_open_rfq(quote):
    assert service.why_not_acceptable(quote) == ""
