"""On a 360 px phone, in English and in Urdu (right to left), no page scrolls sideways, every page passes
axe, and the header is a compact row whose Menu opens without JavaScript (issue 18)."""

import pytest
from django.urls import reverse

from cms import services
from tests.factories import (
    BuyerFactory,
    ClusterFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    SupplierFactory,
)
from tests.trade.factories import QuoteFactory, RFQFactory
from tests.trade.helpers import accept_as_seen

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}
# Documented as "no horizontal overflow": the page's scrollable width within the phone's.
FITS = (
    "document.scrollingElement.scrollWidth"
    " <= Math.min(window.innerWidth, document.documentElement.clientWidth)"
)


@pytest.fixture
def shop(db):
    """A home page, a cluster with its page, a supplier with a storefront and a listing with a photo."""
    services.ensure_home()
    cluster = ClusterFactory(name="Multan blue pottery", slug="multan-blue-pottery")
    services.ensure_cluster_page(cluster)
    supplier = SupplierFactory(
        name="Naqsh Women Potters of Multan and Bahawalpur", clusters=[cluster], women_led=True
    )
    services.ensure_storefront(supplier)
    MembershipFactory(supplier=supplier)
    product = ProductFactory(
        supplier=supplier, title="Hand-painted cobalt blue pottery planter with drainage hole, 20 cm"
    )
    ProductImageFactory(product=product)
    return {"cluster": cluster, "supplier": supplier, "product": product}


def phone(browser, language, javascript=True):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale=language, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def log_in(page, base, user):
    # By the fields' names: in Urdu, Django's own labels ("Password") are translated.
    page.goto(base + reverse("login"))
    form = page.locator("main form")
    form.locator("[name=username]").fill(user.email)
    form.locator("[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f"form[action='{reverse('logout')}']").count() == 1, "not logged in"


def check(page, url, audit):
    page.goto(url)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert page.evaluate(FITS), f"{url} scrolls sideways at 360 px: {width} px wide"
    audit(page)


@pytest.mark.parametrize("language", ["en", "ur"])
def test_no_page_scrolls_sideways_on_a_360_px_phone_and_every_page_passes_axe(
    live_server, browser, audit, shop, language
):
    base = live_server.url
    product, supplier = shop["product"], shop["supplier"]
    page = phone(browser, language)
    for url in [
        base + "/",
        base + reverse("catalog:product-list"),
        base + product.get_absolute_url(),
        base + supplier.get_absolute_url(),
        base + shop["cluster"].get_absolute_url(),
        base + reverse("search:search") + "?q=blue+pottery+planter",
        base + reverse("login"),
        base + reverse("signup"),
    ]:
        check(page, url, audit)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ur" else "ltr")

    log_in(page, base, BuyerFactory())
    page.goto(base + product.get_absolute_url())
    for url in [
        base + reverse("orders:cart"),
        base + reverse("trade:inquiry-new") + f"?supplier={supplier.slug}&product={product.slug}",
        base + reverse("trade:rfq-new"),
        base + reverse("accounts:profile"),
    ]:
        check(page, url, audit)
    page.context.close()


def test_the_signed_in_phone_header_is_one_row_and_the_search(live_server, browser, shop):
    page = phone(browser, "en")
    log_in(page, live_server.url, BuyerFactory())
    page.goto(live_server.url + reverse("catalog:product-list"))
    height = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    # The issue measured 190 of 844 px; logo and Menu on one row, the search box below.
    assert height <= 130
    assert not page.get_by_role("link", name="Cart").is_visible()
    page.context.close()


def test_the_menu_opens_without_javascript_and_holds_the_account_links(live_server, browser, shop):
    page = phone(browser, "en", javascript=False)
    page.goto(live_server.url + "/")
    login_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    assert not login_link.is_visible()

    page.get_by_text("Menu", exact=True).click()

    assert login_link.is_visible()
    assert page.get_by_role("link", name="Sign up").is_visible()
    page.context.close()


def test_on_a_wide_screen_the_navigation_shows_without_a_menu(live_server, browser, shop):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Log in").is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()
    context.close()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_artisans_pages_fit_a_360_px_phone_in_both_languages_urdu_right_to_left_and_pass_axe(
    live_server, browser, audit, shop, language
):
    """Issue 19: every page an artisan uses, in English and in Urdu, on a cheap phone."""
    from orders.trade.services import inquiries

    base = live_server.url
    supplier, product = shop["supplier"], shop["product"]
    artisan = supplier.memberships.get().user
    thread = inquiries.start_inquiry(
        buyer=BuyerFactory(), supplier=supplier, product=product, body="Can you make 500 planters by March?"
    )
    # Issue 22: /sell/quotes/ with a quote on it, accepted, whose order waits for payment (the longest row).
    rfq = RFQFactory(
        title="Hand-painted cobalt blue pottery planters with drainage holes, 20 cm", quantity=500
    )
    accept_as_seen(QuoteFactory(rfq=rfq, supplier=supplier, submitted_by=artisan), rfq.buyer)
    page = phone(browser, language)
    log_in(page, base, artisan)
    for url in [
        reverse("sell:dashboard"),
        reverse("sell:product-create"),
        reverse("sell:product-edit", args=[product.pk]),
        reverse("trade:inbox"),
        reverse("trade:thread", args=[thread.pk]),
        reverse("trade:sell-rfqs"),
        reverse("trade:sell-quotes"),
        reverse("trade:sell-subcontracts"),
        reverse("orders:sell-orders"),
        reverse("orders:sell-balance"),
        reverse("orders:payout-account", args=[supplier.pk]),
        reverse("accounts:profile"),
    ]:
        check(page, base + url, audit)
        assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ur" else "ltr"), url
        assert page.evaluate("document.documentElement.lang") == language, url
    # Urdu text in the Urdu font stack (whichever of its fonts this machine has); English in the site's.
    font = page.locator("h1").first.evaluate("h => getComputedStyle(h).fontFamily")
    assert font.startswith('"Noto Nastaliq Urdu"') == (language == "ur")
    page.context.close()


def test_an_artisan_switches_to_urdu_in_the_header_and_gets_it_again_at_the_next_login(
    live_server, browser, shop
):
    base = live_server.url
    artisan = shop["supplier"].memberships.get().user
    page = phone(browser, "en")
    log_in(page, base, artisan)
    page.goto(base + reverse("sell:dashboard"))

    # Beside the Menu button: no need to open the menu, and named in Urdu for a reader of Urdu.
    page.locator("header").get_by_role("button", name="اردو").click()
    page.wait_for_load_state()

    assert page.url == base + reverse("sell:dashboard")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("h1").inner_text() == "آپ کی لسٹنگز"

    page.get_by_text("مینو", exact=True).click()
    page.locator(f"form[action='{reverse('logout')}'] button").click()
    page.wait_for_load_state()
    page.context.clear_cookies()  # as a new phone would be: only the account remembers the choice

    page.goto(base + reverse("login"))
    assert page.evaluate("document.documentElement.lang") == "en"
    log_in(page, base, artisan)
    page.goto(base + reverse("sell:dashboard"))
    assert page.evaluate("document.documentElement.lang") == "ur"
    assert page.locator("h1").inner_text() == "آپ کی لسٹنگز"
    page.context.close()
