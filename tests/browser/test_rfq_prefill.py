"""Browser journey at 360 px (issue 22): "Request quotes from several suppliers" on a product page opens the
RFQ form prefilled from the product, which passes axe, does not scroll sideways, and posts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.trade.models import RFQ
from tests.browser.viewports import FITS
from tests.factories import BuyerFactory, CategoryFactory, ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_product_link_opens_the_rfq_form_prefilled_at_360_px(live_server, page, audit, login):
    base = live_server.url
    page.set_viewport_size({"width": 360, "height": 640})
    lamps = CategoryFactory(name="Lamps", slug="lamps")
    product = ProductFactory(
        title="Camel-skin lamp, hand-painted", category=lamps, moq=24, unit="dozen", incoterms=["CIF", "FOB"]
    )
    buyer = BuyerFactory(preferred_currency="GBP")

    login(page, buyer)
    page.goto(base + product.get_absolute_url())
    page.get_by_role("link", name="Request quotes from several suppliers").click()
    page.wait_for_url(f"**/rfqs/new/?product={product.slug}")
    assert page.evaluate(FITS), "the prefilled RFQ form scrolls sideways at 360 px"
    audit(page)

    assert page.get_by_label("What you need").input_value() == "Camel-skin lamp, hand-painted"
    assert page.get_by_label("Category").input_value() == str(lamps.pk)
    assert page.get_by_label("Quantity").input_value() == "24"
    assert page.locator("#id_unit").input_value() == "dozen"
    assert page.get_by_label("Incoterm").input_value() == "CIF"
    assert page.get_by_label("Currency").input_value() == "GBP"

    # The buyer writes what the product cannot say, changes the quantity, and posts.
    page.get_by_label("Product description").fill("Like this lamp, in our colours")
    page.get_by_label("Quantity").fill("30")
    page.get_by_label("Destination country").select_option(label="Germany")
    page.get_by_label("Needed by").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_label("Quote deadline").fill(
        (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Post RFQ").click()
    page.get_by_text("Your RFQ is posted").wait_for()
    rfq = RFQ.objects.get()
    assert (rfq.title, rfq.category, rfq.quantity, rfq.unit, rfq.incoterm, rfq.currency) == (
        "Camel-skin lamp, hand-painted",
        lamps,
        30,
        "dozen",
        "CIF",
        "GBP",
    )
