"""Issue 20, the leads' pipeline on a 360 px phone: an artisan sees on /sell/ how many follow-ups are due,
opens the overdue lead first, records the first call and the next action, and the page fits and passes axe at
every step (a long company name and email included)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.events.models import Event
from cms import services
from orders.trade.models import Lead
from tests.factories import MembershipFactory, SupplierFactory
from tests.trade.factories import LeadFactory

from .test_phone_layout import check, log_in, phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_artisan_follows_up_the_overdue_lead_on_a_phone(live_server, browser, audit):
    base = live_server.url
    services.ensure_home()  # where logging in lands
    supplier = SupplierFactory(name="Multan Blue Pottery Works")
    artisan = MembershipFactory(supplier=supplier, role="owner").user
    today = timezone.localdate()
    expo = Event.objects.create(
        name="Made in Pakistan - SME Cluster Showcase Expo", slug="expo", starts_on=today, ends_on=today,
        city="Lahore",
    )  # fmt: skip
    overdue = LeadFactory(
        supplier=supplier,
        event=expo,
        name="Anna Importer",
        company="Hanseatische Wohnaccessoires Einkaufsgesellschaft mbH & Co. KG",
        email="anna.importer.procurement-department@hanseatische-wohnaccessoires.example",
        next_action_on=today - timedelta(days=2),
        next_action="Send the price list for the cobalt planters",
    )
    LeadFactory(supplier=supplier, event=expo, name="Later Lars", next_action_on=today + timedelta(days=5))

    page = phone(browser, "en")
    log_in(page, base, artisan)
    check(page, base + reverse("sell:dashboard"), audit)
    page.get_by_role("link", name=re.compile(r"Leads\s+1 follow-up due")).click()
    page.get_by_role("heading", name="Leads", exact=True).wait_for()
    check(page, page.url, audit)
    cards = page.locator(".trade-item")
    assert "Anna Importer" in cards.nth(0).inner_text() and "Overdue" in cards.nth(0).inner_text()

    cards.nth(0).get_by_role("link", name="Anna Importer").click()
    page.wait_for_url(re.compile(rf"/sell/leads/{overdue.pk}/$"))
    check(page, page.url, audit)
    page.get_by_label("Move to").select_option("contacted")
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_url(re.compile(rf"/sell/leads/{overdue.pk}/$"))
    assert "New → Contacted" in page.locator("main").inner_text()

    page.get_by_label("Next action on").fill((today + timedelta(days=7)).isoformat())
    page.get_by_label("Next action", exact=True).fill("Ask whether the samples arrived")
    page.get_by_role("button", name="Save next action").click()
    page.wait_for_url(re.compile(rf"/sell/leads/{overdue.pk}/$"))
    check(page, page.url, audit)
    overdue.refresh_from_db()
    assert overdue.stage == Lead.Stage.CONTACTED and overdue.next_action == "Ask whether the samples arrived"
    page.context.close()
