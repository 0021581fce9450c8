"""Browser journey: a buyer posts an RFQ, two suppliers quote, the buyer accepts one (after the confirmation
step); the order appears and asks for its address."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import Order
from tests.factories import BuyerFactory, CategoryFactory, MembershipFactory, SupplierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def quote(page, base, rfq_id, user, login, price):
    login(page, user)
    page.goto(f"{base}/sell/rfqs/")
    page.get_by_role("link", name="Hand-painted blue pottery planters").click()
    page.get_by_label("Unit price").fill(price)
    page.get_by_label("Named place").fill("Karachi")
    page.get_by_label("Lead time (days)").fill("45")
    page.get_by_label("Valid until").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Submit quote").click()
    page.get_by_text("Your quote is saved").wait_for()


def test_buyer_posts_rfq_two_suppliers_quote_buyer_accepts_and_order_appears(live_server, page, audit, login):
    base = live_server.url
    category = CategoryFactory(name="Blue pottery", slug="blue-pottery")
    buyer = BuyerFactory(preferred_currency="USD")
    artisans = []
    for name in ("Multan Glaze", "Kashi Works"):
        supplier = SupplierFactory(name=name)
        supplier.categories.add(category)
        artisans.append(MembershipFactory(supplier=supplier).user)

    login(page, buyer)
    page.goto(f"{base}/rfqs/new/")
    audit(page)
    page.get_by_label("What you need").fill("Hand-painted blue pottery planters")
    page.get_by_label("Product description").fill("20 cm planters, food-safe glaze, cobalt pattern")
    page.get_by_label("Category").select_option(label="Blue pottery")
    page.get_by_label("Quantity").fill("500")
    page.get_by_label("Currency").select_option("USD")
    page.get_by_label("Destination country").select_option(label="Germany")
    page.get_by_label("Incoterm").select_option("FOB")
    page.get_by_label("Needed by").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_label("Quote deadline").fill(
        (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Post RFQ").click()
    page.get_by_text("Your RFQ is posted").wait_for()
    rfq_id = int(page.url.rstrip("/").split("/")[-1])

    quote(page, base, rfq_id, artisans[0], login, "10.50")
    quote(page, base, rfq_id, artisans[1], login, "9.80")

    login(page, buyer)
    page.goto(f"{base}/rfqs/{rfq_id}/")
    audit(page)
    cards = page.locator(".quote-card")
    assert cards.count() == 2
    assert "Kashi Works" in cards.nth(0).inner_text()  # cheapest first
    page.get_by_role("button", name="Accept Kashi Works's quote").click()
    audit(page)  # the confirmation step
    page.get_by_role("button", name="Confirm: accept for 4,900.00 USD").click()
    page.wait_for_url(f"{base}/orders/**")
    order = Order.objects.get()
    assert page.url.endswith(f"/orders/{order.pk}/address/")
    assert (order.source, order.state, order.lines.get().quantity) == ("quote", "awaiting_payment", 500)
