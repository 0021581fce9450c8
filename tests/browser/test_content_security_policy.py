"""The pages run in Chromium under their Content-Security-Policy: nothing refused, on the public site or in
Wagtail's admin. (Every journey fails on a violation too: the `page` fixture listens to the console.)"""

import pytest

from cms.demo.builder import build_demo
from cms.models import SupplierPage
from marketplace.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_script_is_refused_and_the_refusal_noticed(live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")
    # As an injected <script> would: an element with inline code, added to the page.
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true;";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.inlineRan") is None
    assert any("inline script violates" in violation for violation in page.csp_violations)
    page.csp_violations.clear()  # seen: this test's teardown must not fail on it


def test_public_pages_and_search_suggestions_run_without_violations(live_server, page, login):
    build_demo(products=6)
    base = live_server.url
    for path in ["/", "/products/", "/clusters/", "/accounts/signup/", "/accounts/password_reset/"]:
        page.goto(base + path)
    page.goto(f"{base}/products/")
    page.locator("main a[href^='/products/']").first.click()
    page.wait_for_load_state()
    page.goto(f"{base}/search/?q=rug")
    page.locator("#search-q").fill("kil")  # suggest.js fetches suggestions (connect-src 'self')
    page.locator("#search-suggestions li").first.wait_for()
    login(page, User.objects.get(email="buyer@demo.pk"), password="demo-pass-2026")
    page.goto(f"{base}/orders/")
    page.goto(f"{base}/inbox/")
    assert page.csp_violations == []


def test_wagtail_admin_and_page_preview_run_without_violations(live_server, page, login):
    build_demo(products=6)
    base = live_server.url
    login(page, User.objects.get(email="curator@demo.pk"), password="demo-pass-2026")
    page.goto(f"{base}/admin/")
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/admin/pages/")
    page.goto(f"{base}/admin/images/")
    storefront = SupplierPage.objects.first()
    page.goto(f"{base}/admin/pages/{storefront.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe.w-preview__iframe[src]")
    preview.locator("h1").first.wait_for()
    assert page.csp_violations == []
