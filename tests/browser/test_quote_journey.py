"""Browser journey (issue 18): a buyer compares two quotes on a phone (and a desktop), accepts one after the
confirmation step, gives the shipping address and reaches payment. Every page fits the viewport and passes
axe."""

from datetime import date
from decimal import Decimal

import pytest

from marketplace.exchange.models import ExchangeRate
from orders.models import Order
from tests.factories import BuyerFactory, CategoryFactory, SupplierFactory
from tests.trade.factories import QuoteFactory, RFQFactory

from .viewports import VIEWPORTS, check, close_page, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rfq_with_two_quotes(db):
    ExchangeRate.objects.create(currency="EUR", on_date=date(2020, 1, 1), per_usd=Decimal("0.92"))
    category = CategoryFactory(name="Blue pottery", slug="blue-pottery")
    buyer = BuyerFactory(preferred_currency="EUR")
    rfq = RFQFactory(buyer=buyer, category=category, title="Hand-painted blue pottery planters", quantity=500)
    for name, price, days in (("Naqsh Women Potters of Multan", "16.20", 50), ("Kashi Works", "17.40", 30)):
        supplier = SupplierFactory(name=name)
        supplier.categories.add(category)
        QuoteFactory(rfq=rfq, supplier=supplier, unit_price=Decimal(price), lead_time_days=days,
                     incoterm="FOB", incoterm_place="Karachi Port")  # fmt: skip
    return rfq


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_buyer_compares_two_quotes_accepts_one_after_confirming_gives_the_address_and_reaches_payment(
    live_server, browser, audit, login, rfq_with_two_quotes, viewport
):
    base, rfq = live_server.url, rfq_with_two_quotes
    page = open_page(browser, viewport)
    login(page, rfq.buyer)

    page.goto(f"{base}/rfqs/{rfq.pk}/")
    check(page, audit)
    cards = page.locator(".quote-card")
    assert cards.count() == 2 and "Naqsh Women Potters" in cards.nth(0).inner_text()  # cheapest first
    accept = page.get_by_role("button", name="Accept Naqsh Women Potters of Multan's quote")
    accept.scroll_into_view_if_needed()
    box = accept.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "Accept is off-screen"
    accept.click()

    page.wait_for_url(f"{base}/rfqs/{rfq.pk}/quotes/**/accept/**")
    check(page, audit)
    assert page.locator("#accept-total").inner_text() == "8,100.00 USD"
    assert "about 7,452.00 EUR" in page.locator(".accept-terms").inner_text()
    assert page.locator("#accept-incoterm").inner_text() == "FOB Karachi Port"
    assert page.locator("#accept-lead-time").inner_text() == "50 days"
    assert not Order.objects.exists()  # nothing is accepted before Confirm
    page.get_by_role("button", name="Confirm: accept for 8,100.00 USD").click()

    page.wait_for_url(f"{base}/orders/*/address/")
    check(page, audit)
    page.get_by_label("Name or company").fill("Anna Weber GmbH")
    page.get_by_label("Shipping address").fill("Hauptstrasse 1\n10115 Berlin")
    page.get_by_label("Country").select_option(label="Germany")
    page.get_by_label("Save this address for later orders").check()
    page.get_by_role("button", name="Ship here").click()

    order = Order.objects.get()
    page.wait_for_url(f"{base}/orders/{order.pk}/")
    check(page, audit)
    assert "FOB Karachi Port" in page.locator(".order-terms").inner_text()
    assert "Hauptstrasse 1" in page.locator(".order-address").inner_text()
    assert page.get_by_role("button", name="Pay 8,100.00 USD by card").is_visible()
    order.refresh_from_db()
    assert (order.source, order.state, order.shipping_country.code) == ("quote", "awaiting_payment", "DE")
    close_page(page)
