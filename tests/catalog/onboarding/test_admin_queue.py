"""The curators' queue in the Wagtail admin: counts, the application's page, the three decisions, refusals."""

import re

import pytest
from django.utils import timezone

from catalog.models import SupplierApplication, VerificationEvidence
from catalog.onboarding import applications, decisions
from catalog.onboarding.applications import State
from tests.factories import VerificationLevelFactory

from .factories import pdf, submitted_application

pytestmark = pytest.mark.django_db


def approve_form(level, **overrides):
    data = {
        "level": level.pk,
        "method": "site_visited",
        "checked_on": timezone.localdate().isoformat(),
        "visited_by": "Sana, SMEDA Chitral",
        "observed": "Six looms in the courtyard; two weavers at work.",
    }
    data.update(overrides)
    return data


def test_the_dashboard_counts_what_waits(client_for, curator):
    submitted_application()
    asked = submitted_application()
    decisions.ask_for_information(curator, asked.pk, "Where?")
    html = client_for(curator).get("/admin/").content.decode()
    assert "Supplier applications" in html
    assert "1 waiting for review" in html and "1 with a question to the applicant" in html


def test_the_queue_lists_submitted_applications(client_for, curator):
    application = submitted_application()
    html = client_for(curator).get("/admin/catalog/applications/").content.decode()
    assert application.supplier.name in html
    assert f"/admin/catalog/applications/{application.pk}/" in html


def test_the_application_page_shows_its_facts_and_documents(client_for, curator):
    application = submitted_application()
    document = applications.add_document(application.applicant, application, "registration", pdf())
    client = client_for(curator)
    html = client.get(f"/admin/catalog/applications/{application.pk}/").content.decode()
    assert "Hand-woven patti shawls" in html and "Bibi Ayesha" in html and "registration.pdf" in html
    # Each decision's form carries its CSRF token (the test client does not check it; browsers do).
    for decision in ("approve", "ask", "decline"):
        form = re.search(rf'action="[^"]*/{decision}/".*?</form>', html, re.S).group(0)
        assert "csrfmiddlewaretoken" in form
    download = client.get(f"/admin/catalog/applications/documents/{document.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_a_curator_approves_with_evidence(client_for, curator):
    application = submitted_application()
    level = VerificationLevelFactory(name="Site visited", rank=3)
    response = client_for(curator).post(
        f"/admin/catalog/applications/{application.pk}/approve/", approve_form(level)
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.APPROVED and application.supplier.is_active
    evidence = VerificationEvidence.objects.get()
    assert evidence.visited_by == "Sana, SMEDA Chitral" and evidence.level == level


def test_an_approval_without_what_was_seen_is_shown_again_as_typed(client_for, curator):
    application = submitted_application()
    level = VerificationLevelFactory()
    response = client_for(curator).post(
        f"/admin/catalog/applications/{application.pk}/approve/",
        approve_form(level, observed="", visited_by="Sana, SMEDA Chitral"),
    )
    assert response.status_code == 400 and "Sana, SMEDA Chitral" in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_a_curator_asks_and_declines(client_for, curator):
    client = client_for(curator)
    asked, declined = submitted_application(), submitted_application()
    client.post(f"/admin/catalog/applications/{asked.pk}/ask/", {"question": "Photos of your loom?"})
    client.post(f"/admin/catalog/applications/{declined.pk}/decline/", {"reason": "Not a maker."})
    asked.refresh_from_db()
    declined.refresh_from_db()
    assert asked.state == State.INFO_REQUESTED and asked.question == "Photos of your loom?"
    assert declined.state == State.DECLINED and declined.decline_reason == "Not a maker."


def test_deciding_an_already_decided_application_is_a_message_not_a_500(client_for, curator):
    application = submitted_application()
    client = client_for(curator)
    client.post(f"/admin/catalog/applications/{application.pk}/decline/", {"reason": "No."})
    response = client.post(f"/admin/catalog/applications/{application.pk}/ask/", {"question": "Where?"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.DECLINED


@pytest.mark.parametrize("who", ["buyer", "applicant", "artisan"])
def test_only_curators_reach_the_queue(client_for, who, buyer, artisan):
    application = submitted_application()
    document = applications.add_document(application.applicant, application, "registration", pdf())
    user = {"buyer": buyer, "applicant": application.applicant, "artisan": artisan}[who]
    client = client_for(user)
    base = f"/admin/catalog/applications/{application.pk}"
    for url in (
        "/admin/catalog/applications/",
        f"{base}/",
        f"/admin/catalog/applications/documents/{document.pk}/",
    ):
        assert client.get(url).status_code in (302, 403)
    level = VerificationLevelFactory()
    assert client.post(f"{base}/approve/", approve_form(level)).status_code in (302, 403)
    assert client.post(f"{base}/decline/", {"reason": "x"}).status_code in (302, 403)
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and not application.supplier.is_active
    assert "Supplier applications" not in client.get("/admin/").content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    application = submitted_application()
    response = client.post(f"/admin/catalog/applications/{application.pk}/decline/", {"reason": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert SupplierApplication.objects.get().state == State.SUBMITTED
