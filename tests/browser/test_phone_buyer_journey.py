"""Issue 22's buyer journey on a 360 x 640 phone, on the demo catalog (manage.py load_demo): a word typed in
the header's search, the first result in the first screen, the folded filters opened and one supplier
chosen (its chip shown), a product opened and a photo enlarged (the gallery's :target, then its 1600 px
rendition), the supplier's storefront and its "See all N products", landing on /products/?supplier=<slug>
with that supplier's products only. Every page fits the screen and passes axe; no page breaks the CSP.

(It replaces the journey of test_phone_search_journey.py, which built its own potters; every check of that
one is made here. The gallery's own checks, with photos of known sizes, stay in test_product_gallery.py.)
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import Product

from .viewports import FITS, check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_SCREEN = {"width": 360, "height": 640}
FIRST_RESULT_TOP = "document.querySelector('{} .grid > li').getBoundingClientRect().top"
SHOWN = "selector => { const img = document.querySelector(selector); return !!img && !!img.offsetParent }"
WORD = "pottery"  # the Multan blue pottery cluster's listings: several suppliers make it


@pytest.fixture
def demo(settings):
    settings.SEARCH_BACKEND = "database"
    # While the demo loads, tasks are queued and never run: its ~180 photos' renditions (catalog.tasks),
    # minutes of resizing, are made by the journey's pages for the few photos they show.
    running = settings.TASKS
    settings.TASKS = {
        "default": {**running["default"], "BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    call_command("load_demo", "--products", "80", verbosity=0)  # it rebuilds the search index itself
    settings.TASKS = running


def chosen_supplier():
    """The demo supplier with the most visible listings titled with WORD, one of them with several photos:
    found in the data, so the journey does not depend on which supplier the demo's seed gives them to."""
    by_supplier = {}
    for product in Product.objects.visible().filter(title__icontains=WORD).select_related("supplier"):
        by_supplier.setdefault(product.supplier, []).append(product)
    ranked = sorted(by_supplier.items(), key=lambda item: (-len(item[1]), item[0].name))
    for supplier, products in ranked:
        with_photos = [p for p in products if p.images.count() > 1]
        if len(products) > 1 and with_photos:
            return supplier, products, with_photos[0]
    pytest.fail(f"the demo has no supplier with two listings titled {WORD!r}, one with several photos")


def test_a_buyer_on_a_phone_searches_filters_enlarges_a_photo_and_reaches_the_suppliers_catalog(
    live_server, page, audit, demo
):
    supplier, matching, product = chosen_supplier()
    page.set_viewport_size(FIRST_SCREEN)
    page.goto(live_server.url + "/")
    check(page, audit)

    # The header's search box, as a buyer starts from any page.
    header_search = page.get_by_role("search")
    header_search.get_by_role("searchbox").fill(WORD)
    header_search.get_by_role("button", name="Search").click()
    page.wait_for_url(f"**/search/?q={WORD}*")
    check(page, audit)
    # The results start in the first screen: the filters are one line, not 2,640 px of groups.
    assert page.evaluate(FIRST_RESULT_TOP.format(".results")) < FIRST_SCREEN["height"]
    supplier_box = page.get_by_role("checkbox", name=supplier.name)
    assert not supplier_box.is_visible()

    page.get_by_text("Filters (0 chosen)").click()
    assert supplier_box.is_visible()
    check(page, audit)
    supplier_box.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()

    assert page.locator("a.chip", has_text=supplier.name).is_visible()
    assert page.get_by_text("Filters (1 chosen)").is_visible()
    titles = page.locator(".results .card h3").all_text_contents()  # some are off screen
    assert sorted(titles) == sorted(p.title for p in matching)
    assert page.evaluate(FIRST_RESULT_TOP.format(".results")) < FIRST_SCREEN["height"]
    check(page, audit)

    # The product, and its second photo: the thumbnail makes it the :target, then it opens larger.
    page.locator(".results .card h3").get_by_role("link", name=product.title, exact=True).click()
    page.wait_for_url(f"**{product.get_absolute_url()}")
    check(page, audit)
    assert page.evaluate(SHOWN, "#photo-1 img") and not page.evaluate(SHOWN, "#photo-2 img")
    page.locator(".product-gallery ul.gallery a[href='#photo-2']").tap()
    page.wait_for_url("**#photo-2")
    assert page.evaluate(SHOWN, "#photo-2 img") and not page.evaluate(SHOWN, "#photo-1 img")
    assert page.evaluate(FITS)
    audit(page)
    page.locator("#photo-2").get_by_role("link", name="View larger").tap()
    page.wait_for_url(re.compile(r"\.width-1600\.format-webp\.webp$"))
    assert page.evaluate("document.images[0].naturalWidth") > 0
    page.go_back()
    page.wait_for_url("**#photo-2")

    # The supplier's storefront, then every product of theirs.
    page.get_by_role("link", name="Visit the storefront and read their story").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == supplier.name
    check(page, audit)
    count = Product.objects.visible().filter(supplier=supplier).count()
    page.get_by_role("link", name=f"See all {count} products").click()
    page.wait_for_load_state()

    assert page.url == live_server.url + reverse("catalog:product-list") + f"?supplier={supplier.slug}"
    assert page.get_by_role("heading", level=1).inner_text() == f"All products from {supplier.name}"
    shown = page.locator("main .grid .card h3").all_text_contents()
    assert sorted(shown) == sorted(
        Product.objects.visible().filter(supplier=supplier).values_list("title", flat=True)
    )
    assert page.locator("a.chip", has_text=supplier.name).is_visible()
    assert page.evaluate(FIRST_RESULT_TOP.format("main")) < FIRST_SCREEN["height"]
    check(page, audit)
