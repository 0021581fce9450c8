"""A buyer on a 360 x 640 phone (issue 22): searches, sees a result in the first screen, opens the folded
filters, picks a supplier, sees its chip, opens a product, goes to its storefront and from there to the
supplier's whole catalog. Every page passes axe."""

import pytest
from django.urls import reverse

from cms import services as cms_services
from search import services as search_services
from tests.factories import ClusterFactory, ProductFactory, ProductImageFactory, SupplierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_SCREEN = {"width": 360, "height": 640}
FIRST_RESULT_TOP = "document.querySelector('{} .grid > li').getBoundingClientRect().top"


@pytest.fixture
def potters(settings):
    settings.SEARCH_BACKEND = "database"
    cms_services.ensure_home()
    cluster = ClusterFactory(name="Multan blue pottery", slug="multan-blue-pottery")
    supplier = SupplierFactory(name="Naqsh Women Potters", slug="naqsh-women-potters", clusters=[cluster])
    cms_services.ensure_storefront(supplier)
    for title in ["Blue pottery planter", "Blue pottery vase", "Blue pottery tile set"]:
        ProductImageFactory(product=ProductFactory(supplier=supplier, title=title))
    other = SupplierFactory(name="Kashi Ceramics House", clusters=[cluster])
    ProductImageFactory(product=ProductFactory(supplier=other, title="Blue pottery lamp"))
    for backend in search_services.active_backends():
        search_services.rebuild_index(backend)
    return supplier


def test_a_buyer_on_a_phone_finds_a_result_filters_and_reaches_the_whole_catalog(
    live_server, page, audit, potters
):
    page.set_viewport_size(FIRST_SCREEN)
    page.goto(live_server.url + "/")
    # The header's search box, as a buyer starts from any page.
    header_search = page.get_by_role("search")
    header_search.get_by_role("searchbox").fill("blue pottery")
    header_search.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=blue*")
    audit(page)

    # The results start in the first screen: the filters are one line, not 2,640 px of groups.
    assert page.evaluate(FIRST_RESULT_TOP.format(".results")) < FIRST_SCREEN["height"]
    supplier_box = page.get_by_role("checkbox", name="Naqsh Women Potters")
    assert not supplier_box.is_visible()

    page.get_by_text("Filters (0 chosen)").click()
    assert supplier_box.is_visible()
    audit(page)
    supplier_box.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()

    chip = page.locator("a.chip", has_text="Naqsh Women Potters")
    assert chip.is_visible()
    assert page.get_by_text("Filters (1 chosen)").is_visible()
    titles = page.locator(".results .card h3").all_text_contents()  # some are off screen
    assert sorted(titles) == ["Blue pottery planter", "Blue pottery tile set", "Blue pottery vase"]
    assert page.evaluate(FIRST_RESULT_TOP.format(".results")) < FIRST_SCREEN["height"]
    audit(page)

    page.get_by_role("link", name="Blue pottery vase").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Visit the storefront and read their story").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Naqsh Women Potters"
    audit(page)

    page.get_by_role("link", name="See all 3 products").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "All products from Naqsh Women Potters"
    assert page.locator("main .grid .card").count() == 3
    assert page.locator("a.chip", has_text="Naqsh Women Potters").is_visible()
    assert page.evaluate(FIRST_RESULT_TOP.format("main")) < FIRST_SCREEN["height"]
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    audit(page)


def test_on_a_wide_screen_the_filters_stay_open_in_the_side_column(live_server, page, potters):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse("search:search") + "?q=blue+pottery")
    assert page.get_by_role("checkbox", name="Naqsh Women Potters").is_visible()
    assert not page.get_by_text("Filters (0 chosen)").is_visible()
    page.goto(live_server.url + reverse("catalog:product-list"))
    assert page.get_by_label("Category").is_visible()
