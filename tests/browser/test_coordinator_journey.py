"""Browser journey at 360 px (issue 19, journey 2): a cluster coordinator onboards an artisan who cannot do
it themselves, imports 50 listings for them from an XLSX with two bad rows, fixes the file, applies it, then
hands the business over by inviting the artisan as owner, who accepts. Every page passes axe and none scrolls
sideways."""

import re

import pytest

from catalog.models import AssistedOnboarding, ClusterCoordinator, Product, Supplier, SupplierMembership
from marketplace.jobs.models import OutgoingEmail
from tests.browser.viewports import PHONE, check
from tests.catalog.bulk.factories import row, xlsx_upload
from tests.factories import CategoryFactory, ClusterFactory, MaterialFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def upload(page, rows):
    page.locator("input[name=table]").set_input_files(
        {"name": "listings.xlsx", "mimeType": "application/octet-stream", "buffer": xlsx_upload(rows).read()}
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()


def test_coordinator_onboards_an_artisan_imports_50_listings_and_hands_the_business_over(
    live_server, page, audit, login
):
    base = live_server.url
    page.set_viewport_size(PHONE)
    CategoryFactory(name="Ceramics", slug="ceramics")
    MaterialFactory(name="Clay")
    cluster = ClusterFactory(name="Multan blue pottery")
    coordinator = UserFactory(full_name="Amina Qureshi")
    ClusterCoordinator.objects.create(
        user=coordinator, cluster=cluster, kind="association", organisation="Multan Potters Association"
    )

    # The coordinator onboards the artisan, recording their consent and how they are paid.
    login(page, coordinator)
    page.goto(f"{base}/sell/artisans/new/")
    check(page, audit)
    form = page.locator("main form")
    form.locator("[name=name]").fill("Ustad Allah Ditta Pottery")
    form.locator("[name=cluster]").select_option(label="Multan blue pottery")
    form.locator("[name=region]").select_option("punjab")
    form.locator("[name=city]").fill("Multan")
    form.locator("[name=phone]").fill("+92 300 1234567")
    form.locator("[name=what_they_make]").fill("Blue pottery vases, plates and tiles, glazed and kiln-fired.")
    form.locator("[name=artisan_name]").fill("Allah Ditta")
    form.locator("[name=artisan_phone]").fill("+92 301 7654321")
    form.locator("[name=consent_given_on]").fill("2026-12-01")
    form.locator("[name=consent_how]").fill("Signed form kept at the association's office")
    form.locator("[name=paid_by]").select_option("mobile_wallet")
    form.locator("[type=submit]").click()
    page.wait_for_url(f"{base}/sell/artisans/")
    check(page, audit)
    supplier = Supplier.objects.get(name="Ustad Allah Ditta Pottery")
    assert not supplier.is_active  # nothing public before a curator approves
    assert AssistedOnboarding.objects.get(supplier=supplier).artisan_name == "Allah Ditta"

    # 50 listings from an XLSX: two bad rows are reported by line, and nothing is saved.
    rows = [row(f"ADP-{n:02}", title=f"Blue pottery vase {n}") for n in range(1, 51)]
    bad = [*rows]
    bad[9] = row("ADP-10", category="ceramix")
    bad[29] = row("ADP-30", tier2_unit_price="99.00")
    page.goto(f"{base}/sell/listings/import/")
    check(page, audit)
    upload(page, bad)
    report = page.inner_text("main")
    assert "Did you mean “ceramics”?" in report
    assert "48 new listings" in report and "2 rows with errors" in report
    problems = page.locator("main table", has_text="Problems found, row by row")
    lines = problems.locator("tbody tr td:first-child").all_inner_texts()
    assert set(lines) == {"11", "31"}  # the two rows' lines in the file, the header being line 1
    check(page, audit)
    assert not Product.objects.filter(supplier=supplier).exists()

    # The coordinator fixes the two rows, checks the file again and applies it.
    page.goto(f"{base}/sell/listings/import/")
    upload(page, rows)
    check(page, audit)
    page.get_by_role("button", name="Apply the valid rows").click()
    page.wait_for_load_state()
    assert "50 created" in page.inner_text("main")
    check(page, audit)
    assert Product.objects.filter(supplier=supplier).count() == 50

    # Hand-over: the coordinator invites the artisan as owner...
    page.goto(f"{base}/sell/members/")
    check(page, audit)
    page.get_by_label("Email address").fill("allah.ditta@example.com")
    page.get_by_label("Owner: everything").check()
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to allah.ditta@example.com").wait_for()
    check(page, audit)
    body = OutgoingEmail.objects.filter(to="allah.ditta@example.com").latest("pk").body
    (invitation_path,) = re.findall(r"https?://[^/\s]+(/sell/invitations/[^/\s]+/)", body)

    # ...who, with an account of the invited address (signing up through the link is journey 3's,
    # tests/browser/test_member_journey.py), opens the link and accepts.
    artisan = UserFactory(email="allah.ditta@example.com", full_name="Allah Ditta")
    page.context.clear_cookies()
    login(page, artisan)
    page.goto(base + invitation_path)
    check(page, audit)
    page.get_by_role("button", name="Accept and join").click()
    page.get_by_text("Welcome to Ustad Allah Ditta Pottery").wait_for()
    check(page, audit)
    assert SupplierMembership.objects.get(supplier=supplier, user=artisan).role == "owner"
    assert AssistedOnboarding.objects.get(supplier=supplier).handed_over_at is not None
