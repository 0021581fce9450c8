"""Browser journey (issue 18, 1): a visitor picks GBP, browses, sorts by price and sees GBP amounts in order,
adds two products, logs in, the cart is still there, edits a quantity, checks out with a new address.

On a 360 px phone and a 1366 px desktop; every page of the journey passes axe and is no wider than the
viewport. The two products are priced in GBP and USD, so the cart and checkout also say that one order per
currency is made and what each charges."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.accounts.models import SavedAddress
from orders.models import Order
from tests.currency.helpers import product_in, store_rates
from tests.factories import BuyerFactory

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1366, "height": 768}
FITS = (
    "document.scrollingElement.scrollWidth"
    " <= Math.min(window.innerWidth, document.documentElement.clientWidth)"
)


@pytest.fixture
def shop(db):
    """Four products whose GBP prices run 7.50 (PKR), 9.00 (USD), 10.00 (GBP, 8.50 from 50 pieces), 12.00
    (EUR)."""
    store_rates()
    box = product_in("GBP", "10.00", title="Chiniot carved walnut box")
    box.price_tiers.create(min_quantity=50, unit_price=Decimal("8.50"))
    return {
        "box": box,
        "ball": product_in("USD", "12.00", title="Sialkot leather football"),
        "shawl": product_in("PKR", "2800", title="Hala ajrak block print shawl"),
        "cushion": product_in("EUR", "12.80", title="Swat embroidered cushion cover"),
    }


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def screen(request, browser):
    size = request.param
    phone = size is PHONE
    context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)
    context.set_default_timeout(15_000)
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.is_phone = phone
    yield page
    context.close()
    assert refused == [], "Content-Security-Policy violations:\n" + "\n".join(refused)


def checked(page, audit):
    """The page as it is now: no wider than the viewport, and no serious axe violation."""
    page.wait_for_load_state()
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert page.evaluate(FITS), f"{page.url} is {width} px wide, wider than the viewport"
    audit(page)


def open_menu(page):
    if page.is_phone:
        page.get_by_text("Menu", exact=True).click()


def gbp_card_prices(page):
    return [
        Decimal(re.search(r"from ([\d,]+\.\d\d) GBP", text).group(1).replace(",", ""))
        for text in page.locator(".card .price").all_inner_texts()
    ]


def test_visitor_picks_gbp_sorts_adds_two_logs_in_keeps_cart_edits_and_checks_out_to_a_new_address(
    live_server, screen, audit, shop
):
    page, base = screen, live_server.url
    buyer = BuyerFactory(country="GB")

    # A visitor picks GBP in the header and sorts by price: GBP amounts, low to high.
    page.goto(base + reverse("catalog:product-list"))
    checked(page, audit)
    open_menu(page)
    page.get_by_label("Prices in").select_option("GBP")
    page.get_by_role("button", name="Show").click()
    checked(page, audit)
    filters = page.locator("details.filter-panel > summary")
    if filters.is_visible():  # on a phone the sort sits behind the folded "Filters" control (issue 22)
        filters.click()
    page.get_by_label("Sort by").select_option("price")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"sort=price"))
    checked(page, audit)
    # Cards show the lowest tier ("from"): the box's 50+ tier, 8.50 GBP.
    assert gbp_card_prices(page) == [Decimal("7.50"), Decimal("8.50"), Decimal("9.00"), Decimal("12.00")]
    sorted_list = page.url

    # Two products into the cart, from their pages.
    for product in (shop["box"], shop["ball"]):
        page.get_by_role("link", name=product.title).click()
        checked(page, audit)
        page.get_by_role("button", name="Add to cart").click()
        page.get_by_text(f"{product.title} is in your cart.").wait_for()
        checked(page, audit)
        page.goto(sorted_list)
    page.goto(base + reverse("orders:cart"))
    assert "Order in GBP: you will be charged" in page.locator(".currency-split").inner_text()

    # Logging in keeps the cart (the session's lines are stored for the buyer).
    page.goto(base + reverse("login") + "?next=" + reverse("orders:cart"))
    checked(page, audit)
    page.get_by_label("Email").fill(buyer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    checked(page, audit)
    cart = page.locator("main").inner_text()
    assert shop["box"].title in cart and shop["ball"].title in cart

    # 50 boxes: the 50+ tier's unit price.
    page.get_by_label(f"Quantity of {shop['box'].title}").fill("50")
    page.get_by_role("button", name=f"Update {shop['box'].title}").click()
    page.get_by_text(f"{shop['box'].title}: 50 at 8.50 GBP each.").wait_for()
    checked(page, audit)
    assert "425.00 GBP" in page.locator("main").inner_text()

    # Check out to a new address, saved for next time; one order per currency.
    page.get_by_role("link", name="Check out").click()
    checked(page, audit)
    assert page.get_by_label("A new address").is_checked()
    page.get_by_label("Label (optional)").fill("London studio")
    page.get_by_label("Name or company").fill("Hollis & Reed Interiors Ltd")
    page.get_by_label("Shipping address").fill("14 Columbia Road\nLondon E2 7RG")
    page.get_by_label("Country").select_option("GB")
    assert page.get_by_label("Save this address for next time").is_checked()
    assert "You will be charged 425.00 GBP, in GBP." in page.locator("main").inner_text()
    page.get_by_role("button", name="Place 2 orders").click()
    page.get_by_text("One order per currency was created; pay each one.").wait_for()
    checked(page, audit)

    orders = Order.objects.filter(buyer=buyer)
    assert sorted(order.currency for order in orders) == ["GBP", "USD"]
    assert {(o.shipping_name, str(o.shipping_country)) for o in orders} == {
        ("Hollis & Reed Interiors Ltd", "GB")
    }
    assert SavedAddress.objects.get(user=buyer).label == "London studio"
