"""What a buyer or supplier types into the trade forms: numbers that are no numbers, prices below zero,
countries that do not exist, titles with line breaks. Each is a form error keeping the input, never a 500."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from orders.models import Order
from orders.trade.models import RFQ, Quote, Thread
from orders.trade.services import rfqs as service

from .factories import QuoteFactory
from .helpers import accept_as_seen, allocation_form, seen_quote
from .test_rfqs import rfq_post_data

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["NaN", "Infinity", "-Infinity", "sNaN", "1e999999", str(10**30)]


def quote_post_data(**overrides):
    data = {
        "unit_price": "10.50", "currency": "USD", "incoterm": "FOB", "incoterm_place": "Karachi",
        "lead_time_days": "40", "valid_until": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "tiers_text": "", "action": "quote",
    }  # fmt: skip
    return {**data, **overrides}


@pytest.mark.parametrize("price", NOT_NUMBERS)
def test_a_quantity_break_at_a_price_that_is_no_finite_number_is_a_form_error(
    client_for, artisan, rfq, matching_supplier, price
):
    response = client_for(artisan).post(
        f"/sell/rfqs/{rfq.pk}/", quote_post_data(tiers_text=f"1000 {price}", notes="kiln-fired")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "kiln-fired" in page and f"“1000 {price}”:" in page  # the error names the line
    assert not Quote.objects.exists()


@pytest.mark.parametrize("quantity", ["NaN", "1e6", str(10**30), str(2**63), "0", "-5"])
def test_a_quantity_break_at_a_quantity_out_of_range_is_a_form_error(
    client_for, artisan, rfq, matching_supplier, quantity
):
    response = client_for(artisan).post(
        f"/sell/rfqs/{rfq.pk}/", quote_post_data(tiers_text=f"{quantity} 9.50")
    )
    assert response.status_code == 400
    assert not Quote.objects.exists()


def test_a_quantity_break_with_more_decimals_than_a_price_holds_is_a_form_error(
    client_for, artisan, rfq, matching_supplier
):
    response = client_for(artisan).post(f"/sell/rfqs/{rfq.pk}/", quote_post_data(tiers_text="1000 9.505"))
    assert response.status_code == 400
    assert not Quote.objects.exists()


def test_quote_pages_still_open_when_a_stored_break_is_no_number(
    client_for, buyer, artisan, rfq, matching_supplier
):
    # A quote saved before the check: the unreadable break is left out, the pages still show the quote.
    QuoteFactory(rfq=rfq, supplier=matching_supplier, tiers=[["100", "Infinity"]])
    assert client_for(buyer).get(f"/rfqs/{rfq.pk}/").status_code == 200
    assert client_for(artisan).get(f"/sell/rfqs/{rfq.pk}/").status_code == 200


def test_accepting_a_quote_with_an_unreadable_break_orders_at_the_readable_price(
    buyer, rfq, matching_supplier
):
    quote = QuoteFactory(
        rfq=rfq, supplier=matching_supplier, unit_price=Decimal("10.00"), tiers=[["100", "Infinity"]]
    )
    order = accept_as_seen(quote, buyer)
    assert order.lines.get().unit_price == Decimal("10.00")


def test_an_rfq_with_a_negative_target_price_is_a_form_error_keeping_input(client_for, buyer, category):
    response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category, target_unit_price="-5.00"))
    assert response.status_code == 400 and "Camel-skin lamps" in response.content.decode()
    assert not RFQ.objects.exists()


@pytest.mark.parametrize("price", NOT_NUMBERS)
def test_an_rfq_target_price_that_is_no_finite_number_is_a_form_error(client_for, buyer, category, price):
    response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category, target_unit_price=price))
    assert response.status_code == 400
    assert not RFQ.objects.exists()


@pytest.mark.parametrize("quantity", [str(10**30), str(2**63), str(2**31), "1000001"])
def test_an_rfq_quantity_above_the_largest_order_is_a_form_error(client_for, buyer, category, quantity):
    response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category, quantity=quantity))
    assert response.status_code == 400 and "Camel-skin lamps" in response.content.decode()
    assert not RFQ.objects.exists()


@pytest.mark.parametrize("country", ["ÄÖ", "ZZ", "XX", "d3"])
def test_an_rfq_to_a_country_that_does_not_exist_is_a_form_error_keeping_input(
    client_for, buyer, category, country
):
    response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category, destination_country=country))
    page = response.content.decode()
    assert response.status_code == 400 and "Camel-skin lamps" in page
    assert "country" in page.lower()
    assert not RFQ.objects.exists()


def test_an_rfq_title_with_line_breaks_is_kept_on_one_line_and_suppliers_are_emailed(
    client_for, buyer, category, matching_supplier, artisan, django_capture_on_commit_callbacks
):
    title = "Camel-skin lamps\r\nBcc: someone@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category, title=title))
    assert response.status_code == 302
    assert RFQ.objects.get().title == "Camel-skin lamps Bcc: someone@example.com"
    [message] = mail.outbox
    assert message.to == [artisan.email]
    assert message.subject == "New request for quotation: Camel-skin lamps Bcc: someone@example.com"


def test_suppliers_are_emailed_with_a_one_line_subject_even_if_a_stored_title_has_line_breaks(
    buyer, category, matching_supplier, artisan, django_capture_on_commit_callbacks
):
    # A title that reached the database another way (the admin, an old row): the subject is still one line.
    fields = {key: value for key, value in rfq_post_data(category).items() if key != "category"}
    fields.update(
        title="Lamps\nfor the\r\n  spring fair", category=category, quantity=300,
        target_unit_price=Decimal("14.00"), deadline=timezone.now() + timedelta(days=7),
        needed_by=timezone.localdate() + timedelta(days=90),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        service.post_rfq(buyer=buyer, **fields)
    [message] = mail.outbox
    assert message.subject == "New request for quotation: Lamps for the spring fair"


@pytest.mark.parametrize("quantity", [str(10**30), str(2**63), str(2**31), "1000001"])
def test_an_inquiry_quantity_above_the_largest_order_is_a_form_error_keeping_input(
    client_for, buyer, supplier, quantity
):
    response = client_for(buyer).post(
        f"/inbox/new/?supplier={supplier.slug}", {"body": "Indigo available?", "quantity": quantity}
    )
    assert response.status_code == 400 and "Indigo available?" in response.content.decode()
    assert not Thread.objects.exists()


def test_an_inquiry_to_a_country_that_does_not_exist_is_a_form_error(client_for, buyer, supplier):
    response = client_for(buyer).post(
        f"/inbox/new/?supplier={supplier.slug}", {"body": "Indigo available?", "destination_country": "ÄÖ"}
    )
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_no_order_is_created_from_a_quote_worth_more_than_a_card_payment_can_carry(
    client_for, buyer, rfq, matching_supplier
):
    # 500 pieces at 2,000.00 USD = 1,000,000.00 USD, above Stripe's 999,999.99.
    quote = QuoteFactory(rfq=rfq, supplier=matching_supplier, unit_price=Decimal("2000.00"))
    response = client_for(buyer).post(
        f"/rfqs/{rfq.pk}/quotes/{quote.pk}/accept/", seen_quote(quote), follow=True
    )
    assert response.status_code == 200
    assert "999,999.99 USD" in response.content.decode()
    assert not Order.objects.exists()
    rfq.refresh_from_db(), quote.refresh_from_db()
    assert (rfq.state, quote.state) == ("open", "submitted")


def test_no_order_is_created_from_an_allocation_worth_more_than_a_card_payment_can_carry(
    client_for, buyer, cluster, matching_supplier
):
    from .factories import CapacityOfferFactory, SubcontractRequestFactory

    # 1,000 pieces at 1,000.00 USD = 1,000,000.00 USD.
    sub = SubcontractRequestFactory(requester=buyer, cluster=cluster, quantity=1000)
    offer = CapacityOfferFactory(
        request=sub, supplier=matching_supplier, quantity=1000, unit_price=Decimal("1000.00")
    )
    response = client_for(buyer).post(
        f"/subcontracting/{sub.pk}/allocate/", allocation_form(sub, {offer.pk: 1000}), follow=True
    )
    assert response.status_code == 200
    assert "999,999.99 USD" in response.content.decode()
    assert not Order.objects.exists()
    sub.refresh_from_db()
    assert sub.state == "open"
