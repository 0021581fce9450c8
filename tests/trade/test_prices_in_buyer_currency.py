"""The RFQ comparison and the trade pages show prices in the buyer's currency; emails write amounts as the
pages do."""

from decimal import Decimal

from django.core import mail
from django.utils import translation

from marketplace.currency import COOKIE_NAME
from orders.trade import notifications

from .factories import QuoteFactory


def test_the_quote_comparison_shows_each_quote_in_the_buyers_currency_cheapest_first(
    client_for, buyer, rfq, matching_supplier, rival_supplier, rates
):
    # At 1 USD = 0.92 EUR = 280 PKR: 2,800 PKR = 9.20 EUR, cheaper than 10.50 USD = 9.66 EUR.
    QuoteFactory(rfq=rfq, supplier=matching_supplier, unit_price=Decimal("10.50"), currency="USD")
    QuoteFactory(rfq=rfq, supplier=rival_supplier, unit_price=Decimal("2800"), currency="PKR")
    client = client_for(buyer)  # the buyer's profile says EUR; the RFQ was posted in USD
    html = client.get(f"/rfqs/{rfq.pk}/").content.decode()
    # Each quote is a card: its unit price in a <dd> (a table's <td> before the cards).
    assert "<dd>9.20 EUR (2,800.00 PKR)</dd>" in html and "<dd>9.66 EUR (10.50 USD)</dd>" in html
    assert html.index("9.20 EUR") < html.index("9.66 EUR")
    assert "4,600.00 EUR (1,400,000.00 PKR)" in html  # the total at 500 pieces


def test_the_quote_comparison_follows_the_chosen_currency(client_for, buyer, rfq, matching_supplier, rates):
    QuoteFactory(rfq=rfq, supplier=matching_supplier, unit_price=Decimal("10.00"), currency="USD")
    client = client_for(buyer)
    client.cookies[COOKIE_NAME] = "PKR"
    assert "<dd>2,800.00 PKR (10.00 USD)</dd>" in client.get(f"/rfqs/{rfq.pk}/").content.decode()


def test_the_rfq_target_price_is_in_the_viewers_currency(client_for, buyer, rfq, rates):
    html = client_for(buyer).get(f"/rfqs/{rfq.pk}/").content.decode()  # target 9.00 USD, buyer in EUR
    assert "8.28 EUR (9.00 USD)" in html


def test_the_new_quote_email_writes_its_amounts_as_the_pages_do(
    rfq, matching_supplier, django_capture_on_commit_callbacks
):
    QuoteFactory(rfq=rfq, supplier=matching_supplier, unit_price=Decimal("2800"), currency="PKR")
    # The email is queued in the change's transaction and delivered by a task once it commits.
    with translation.override("ur"), django_capture_on_commit_callbacks(execute=True):
        notifications.notify_buyer_of_quote(rfq.quotes.get())
    (email,) = mail.outbox
    assert "1,400,000.00 PKR" in email.body and "2,800.00 PKR" in email.body
