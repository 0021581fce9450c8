"""An exhibitor on a 360 px phone captures buyers at the booth: one saved at once, one typed while the hall's
network is down (kept on the phone, sent when back online, once), one with a bad email (the error shown in
the form, what was typed kept). Every page passes axe and none scrolls sideways."""

import time

import pytest

from orders.trade.models import Lead
from tests.browser.viewports import PHONE, check, close_page, open_page
from tests.trade.leads.expo import ExhibitorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_until(page, condition, seconds=20):
    """Polls `condition()` (a Python check): page.wait_for_function would eval in the page, which the CSP
    forbids."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(200)


def fill_buyer(page, name, email):
    page.get_by_label("Buyer's name").fill(name)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("The buyer agrees").check()


def test_an_exhibitor_captures_leads_at_the_booth_even_offline(
    browser, login, audit, live_server, artisan, supplier
):
    event = ExhibitorFactory(supplier=supplier, booth="B-12").event
    page = open_page(browser, PHONE)
    login(page, artisan)

    page.goto(f"{live_server.url}/sell/leads/new/")
    check(page, audit)
    fill_buyer(page, "Ingrid Larsson", "ingrid@nordic.example")
    page.get_by_role("button", name="Save lead").click()
    page.get_by_role("heading", name="Lead saved").wait_for()
    check(page, audit)
    assert Lead.objects.get().event == event

    page.get_by_role("link", name="Capture another").click()
    page.get_by_label("Buyer's name").wait_for()
    fill_buyer(page, "Hans Meier", "hans@meier.example")
    page.context.set_offline(True)
    page.get_by_role("button", name="Save lead").click()
    status = page.locator("#lead-offline-status")
    status.get_by_text("Saved on this phone, will send when online.").wait_for()
    assert page.get_by_label("Buyer's name").input_value() == ""  # ready for the next buyer
    check(page, audit)
    assert Lead.objects.count() == 1

    page.context.set_offline(False)
    wait_until(page, lambda: Lead.objects.filter(name="Hans Meier").exists())
    status.get_by_text("The leads saved on this phone are sent.").wait_for()
    page.reload()  # nothing left on the phone: nothing sent twice
    page.wait_for_timeout(500)
    assert Lead.objects.count() == 2

    fill_buyer(page, "Bad Email", "not-an-email")
    page.get_by_role("button", name="Save lead").click()
    page.locator(".errorlist").first.wait_for()
    assert page.get_by_label("Buyer's name").input_value() == "Bad Email"
    check(page, audit)
    assert Lead.objects.count() == 2
    close_page(page)
