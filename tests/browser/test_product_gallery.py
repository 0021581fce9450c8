"""The product page's gallery on a 360 px phone (issue 22): a tapped thumbnail changes the main photo, the
photo opens larger, the keyboard does the same (Tab to a thumbnail, Enter), nothing big loads before it is
asked for, and the page passes axe and fits the screen."""

import pytest

from tests.factories import PhotoFactory, ProductFactory, ProductImageFactory, image_upload

from .test_phone_layout import FITS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}
# Shown: in the page and laid out (an element under display: none has no offsetParent).
SHOWN = "selector => { const img = document.querySelector(selector); return !!img && !!img.offsetParent }"
REQUESTED = "() => performance.getEntriesByType('resource').map(entry => entry.name)"


def wait_until_loaded(page, selector, seconds=10):
    """Waits for the image at `selector` to have loaded. Polled from here with `evaluate`: `wait_for_function`
    compiles its expression in the page, which the site's CSP (no 'unsafe-eval') refuses."""
    for _ in range(seconds * 10):
        if page.evaluate("s => document.querySelector(s).naturalWidth > 0", selector):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"{selector} did not load in {seconds} s")


@pytest.fixture
def product(db):
    product = ProductFactory(title="Hand-painted cobalt blue pottery planter with drainage hole, 20 cm")
    photos = [("front", (180, 70, 30)), ("rim", (30, 70, 180)), ("base", (40, 140, 60))]
    for position, (name, color) in enumerate(photos):
        photo = PhotoFactory(file=image_upload(name=f"{name}.jpg", size=(2000, 1500), color=color))
        ProductImageFactory(product=product, photo=photo, position=position, alt_text=f"The planter's {name}")
    return product


def open_page(page, live_server, product):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + product.get_absolute_url())
    assert page.evaluate(FITS), "the product page scrolls sideways at 360 px"


def current_thumbnails(page):
    return page.eval_on_selector_all(
        ".product-gallery ul.gallery a[aria-current]", "links => links.map(a => a.getAttribute('href'))"
    )


def test_a_tapped_thumbnail_changes_the_photo_and_the_photo_opens_larger(live_server, page, audit, product):
    open_page(page, live_server, product)
    audit(page)
    assert page.evaluate(SHOWN, "#photo-1 img") and not page.evaluate(SHOWN, "#photo-2 img")
    # Only the photo shown is loaded in its page size; the other two wait, and no large size is fetched.
    requested = page.evaluate(REQUESTED)
    assert any("front.width-" in url for url in requested)
    assert not any("rim.width-" in url or "width-1600" in url for url in requested)

    page.get_by_role("link", name="Show photo 2 of 3: The planter's rim").tap()

    wait_until_loaded(page, "#photo-2 img")
    assert page.evaluate(SHOWN, "#photo-2 img") and not page.evaluate(SHOWN, "#photo-1 img")
    assert current_thumbnails(page) == ["#photo-2"]
    assert page.evaluate(FITS)
    audit(page)

    page.locator("#photo-2").get_by_role("link", name="View larger").tap()

    page.wait_for_url("**/rim.width-1600.format-webp.webp")
    size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    assert size == [1600, 1200]


def test_the_keyboard_chooses_a_photo_with_tab_and_enter(live_server, page, product):
    open_page(page, live_server, product)

    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "#photo-3":
            break
    else:
        pytest.fail("Tab never reached the third thumbnail")
    page.keyboard.press("Enter")

    wait_until_loaded(page, "#photo-3 img")
    assert page.evaluate(SHOWN, "#photo-3 img") and not page.evaluate(SHOWN, "#photo-1 img")
    assert current_thumbnails(page) == ["#photo-3"]


def test_without_a_script_the_thumbnails_still_change_the_photo(live_server, browser, product):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + product.get_absolute_url())

    page.get_by_role("link", name="Show photo 3 of 3: The planter's base").tap()

    page.wait_for_url("**#photo-3")
    assert page.locator("#photo-3 img").is_visible() and not page.locator("#photo-1 img").is_visible()
    context.close()
