"""A phone (360 px) and a desktop (1366 px) page for journeys that must fit both (issue 18): `open_page`
fails the journey on a Content-Security-Policy violation as the `page` fixture does, and `check` asserts that
the page is no wider than the viewport and passes axe."""

import pytest

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1366, "height": 768}
VIEWPORTS = [pytest.param(PHONE, id="phone-360"), pytest.param(DESKTOP, id="desktop-1366")]
# The page's scrollable width within the viewport's: nothing scrolls sideways.
FITS = (
    "document.scrollingElement.scrollWidth"
    " <= Math.min(window.innerWidth, document.documentElement.clientWidth)"
)


def open_page(browser, viewport):
    phone = viewport["width"] < 700
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.csp_violations = refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return page


def close_page(page):
    page.context.close()
    assert page.csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(page.csp_violations)


def check(page, audit):
    """The page as it is now fits its viewport and passes axe."""
    page.wait_for_load_state()
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert page.evaluate(FITS), f"{page.url} scrolls sideways: {width} px wide"
    audit(page)
