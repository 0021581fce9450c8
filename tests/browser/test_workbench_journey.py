"""Issue 22, the artisan's workbench on a 360 px phone: an artisan finds their accepted quote and its
unpaid order on /sell/, and the header's count of unread inquiries changes as a buyer writes and the artisan
reads."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cms import services
from orders.trade.services import inquiries
from tests.factories import (
    BuyerCompanyFactory,
    BuyerFactory,
    CategoryFactory,
    MembershipFactory,
    SupplierFactory,
)
from tests.trade.factories import QuoteFactory, RFQFactory
from tests.trade.helpers import accept_as_seen

from .test_phone_layout import check, log_in, phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_artisan_finds_the_accepted_quote_its_unpaid_order_and_sees_the_unread_count_change(
    live_server, browser, audit
):
    base = live_server.url
    services.ensure_home()  # where logging in lands
    category = CategoryFactory(name="Ceramics", slug="ceramics")
    supplier = SupplierFactory(name="Multan Blue Pottery Works")
    supplier.categories.add(category)
    artisan = MembershipFactory(supplier=supplier, role="owner").user
    buyer = BuyerFactory(buyer_company=BuyerCompanyFactory(name="Hafen Importe GmbH"))
    rfq = RFQFactory(buyer=buyer, category=category, title="Cobalt planters, 20 cm", quantity=500)
    quote = QuoteFactory(rfq=rfq, supplier=supplier, submitted_by=artisan, unit_price=Decimal("16.20"))
    order = accept_as_seen(quote, buyer)  # 8,100.00 USD, awaiting payment

    page = phone(browser, "en")
    log_in(page, base, artisan)

    # From the seller dashboard to "My quotes", then only the accepted ones.
    check(page, base + reverse("sell:dashboard"), audit)
    page.get_by_role("link", name="My quotes").click()
    page.get_by_role("heading", name="My quotes").wait_for()
    page.get_by_label("Show").select_option("accepted")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"state=accepted"))
    check(page, page.url, audit)
    item = page.locator(f"#quote-{quote.pk}")
    assert "Cobalt planters, 20 cm" in item.inner_text()
    assert "Hafen Importe GmbH" in item.inner_text()
    assert "8,100.00" in item.inner_text()
    assert "Awaiting payment" in item.inner_text()

    # Its order, not yet paid, is on /sell/orders/ already.
    item.get_by_role("link", name=f"Order {order.pk}").click()
    page.wait_for_url(re.compile(r"/sell/orders/"))
    check(page, page.url, audit)
    card = page.locator(".orders-card", has_text=f"Order {order.pk}")
    assert card.locator(".seller-status").inner_text() == "Awaiting payment"
    assert card.get_by_role("button", name="Accept").count() == 0

    # A buyer writes: the header (behind the phone's Menu) says so, in words.
    thread = inquiries.start_inquiry(buyer=BuyerFactory(), supplier=supplier, body="Samples to Lyon?")
    page.reload()
    page.get_by_text("Menu", exact=True).click()
    badge = page.get_by_role("link", name="1 unread inquiry")
    assert badge.is_visible()
    audit(page)
    badge.click()
    page.wait_for_url(re.compile(r"/inbox/$"))
    page.get_by_role("link", name=thread.subject).click()
    page.wait_for_url(re.compile(rf"/inbox/{thread.pk}/"))
    page.get_by_text("Menu", exact=True).click()
    assert page.get_by_role("link", name=re.compile("unread inquir")).count() == 0
    page.context.close()
