"""The real-browser harness: Debian's Chromium driven by Playwright, every visited page audited with axe-core.

Journeys use `live_server`, `page` (phone-sized, failing on any Content-Security-Policy violation),
`login(page, user)` and `audit(page)`.
Skipped, with the reason, only where /usr/bin/chromium is absent (an error in CI). Never downloads a browser.
"""

import os
from pathlib import Path

import pytest

from tests.ci_rules import skip_or_fail

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
PHONE = {"width": 390, "height": 844}
PASSWORD = "pass-word-123"  # the factories' password

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are
# ordinary synchronous calls, so Django's async-safety guard is relaxed for browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is absent: install Debian's chromium package to run browser journeys")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh phone-sized page. A journey fails if any page it visited broke its Content-Security-Policy
    (Chromium reports each refused script, style, frame or connection on the console)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.csp_violations = refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert refused == [], "Content-Security-Policy violations:\n" + "\n".join(refused)


@pytest.fixture(scope="session")
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def audit(_axe):
    """audit(page): fail on any serious or critical axe-core violation of the page as it is now."""

    def run(page):
        results = _axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in bad
        )
        assert not bad, f"accessibility violations on {page.url}:\n{details}"

    return run


@pytest.fixture
def login(live_server, audit):
    """login(page, user): log in through the real login form (the factories' password)."""

    def run(page, user, password=PASSWORD):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        audit(page)
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

    return run
