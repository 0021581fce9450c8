"""Browser journey at 360 px (issue 19, journey 3): an owner invites a staff member by email; the
invitee opens the link, signs up with the invited address (and comes back to the invitation), accepts,
and answers a buyer's inquiry. Every page passes axe and none scrolls sideways."""

import re

import pytest

from catalog.models import SupplierMembership
from marketplace.jobs.models import OutgoingEmail
from orders.trade.models import Message
from tests.browser.viewports import PHONE, check
from tests.factories import BuyerFactory, MembershipFactory, SupplierFactory
from tests.trade.factories import MessageFactory, ThreadFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in_email(to, pattern):
    body = OutgoingEmail.objects.filter(to=to).order_by("-pk").values_list("body", flat=True).first()
    assert body, f"no email to {to}"
    (path,) = re.findall(pattern, body)
    return path


def test_owner_invites_staff_who_signs_up_accepts_and_answers_an_inquiry(live_server, page, audit, login):
    base = live_server.url
    page.set_viewport_size(PHONE)
    supplier = SupplierFactory(name="Hala Ajrak Printers")
    owner = MembershipFactory(supplier=supplier, role="owner").user
    thread = ThreadFactory(supplier=supplier, buyer=BuyerFactory(), subject="Ajrak table runners")
    MessageFactory(thread=thread, body="Can you print 200 table runners in indigo?")

    # The owner invites a staff member from the members page.
    login(page, owner)
    page.goto(f"{base}/sell/")
    check(page, audit)
    page.get_by_role("link", name="Members").click()
    check(page, audit)
    page.get_by_label("Email address").fill("sana@example.com")
    page.get_by_label("Staff: listings, inquiries, quotes and orders").check()
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to sana@example.com").wait_for()
    check(page, audit)
    invitation_path = link_in_email("sana@example.com", r"https?://[^/\s]+(/sell/invitations/[^/\s]+/)")

    # The invitee has no account: the link sends them to log in, where they sign up, and back.
    page.context.clear_cookies()
    page.goto(base + invitation_path)
    page.wait_for_url("**/accounts/login/**")
    check(page, audit)
    page.get_by_role("link", name="Create an account").click()
    check(page, audit)
    page.get_by_label("Your name").fill("Sana Memon")
    page.get_by_label("Email").fill("sana@example.com")
    page.get_by_label("Company").fill("Hala Ajrak Printers")
    page.get_by_label("Country").select_option("PK")
    page.get_by_label("Password").fill("a-long-pass-word-77")
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    check(page, audit)
    confirm_path = link_in_email("sana@example.com", r"https?://[^/\s]+(/accounts/signup/confirm/[^/\s]+/)")
    page.goto(base + confirm_path)
    check(page, audit)
    page.get_by_role("button", name="Create my account").click()

    # Back on the invitation: accept.
    page.wait_for_url(base + invitation_path)
    check(page, audit)
    assert "Hala Ajrak Printers" in page.inner_text("main")
    page.get_by_role("button", name="Accept and join").click()
    page.get_by_text("Welcome to Hala Ajrak Printers").wait_for()
    check(page, audit)
    membership = SupplierMembership.objects.get(supplier=supplier, user__email="sana@example.com")
    assert membership.role == "staff"
    assert page.get_by_role("link", name="Members").count() == 0  # staff do not manage members

    # ...and answers the buyer.
    page.goto(f"{base}/inbox/")
    check(page, audit)
    page.get_by_role("link", name="Ajrak table runners").click()
    check(page, audit)
    page.locator("textarea[name=body]").fill("Yes: 200 runners in indigo, ready in five weeks.")
    page.get_by_role("button", name="Send reply").click()
    page.get_by_text("ready in five weeks").wait_for()
    check(page, audit)
    reply = Message.objects.get(thread=thread, from_supplier=True)
    assert reply.author == membership.user and not reply.by_coordinator


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_coordinators_pages_fit_a_360_px_phone_and_pass_axe(live_server, browser, audit, language):
    """The coordinator's artisans, the onboarding form (empty and with errors) and a managed supplier's
    members page, in English and in Urdu (right to left)."""
    from catalog.models import ClusterCoordinator
    from tests.factories import ClusterFactory, UserFactory

    from .conftest import PASSWORD

    base = live_server.url
    cluster = ClusterFactory(name="Chitral woollens")
    coordinator = UserFactory(full_name="Amina Coordinator")
    ClusterCoordinator.objects.create(
        user=coordinator, cluster=cluster, kind="ngo", organisation="AKRSP Chitral"
    )
    managed = SupplierFactory(name="Bibi Zainab's patti weaving from Booni, Upper Chitral", is_active=False)
    MembershipFactory(supplier=managed, user=coordinator, role="coordinator")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale=language)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    form = page.locator("main form")
    form.locator("[name=username]").fill(coordinator.email)
    form.locator("[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").click()
    page.wait_for_load_state()

    for path in ["/sell/artisans/", "/sell/artisans/new/", f"/sell/members/{managed.pk}/"]:
        page.goto(base + path)
        check(page, audit)
    page.goto(f"{base}/sell/artisans/new/")
    page.locator("main form [type=submit]").click()  # everything missing: every error shown
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 5
    check(page, audit)
    context.close()
