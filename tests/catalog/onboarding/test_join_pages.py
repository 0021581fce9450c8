"""/sell/join/ and the applicant's /sell/, through HTTP: the account step, the form, the status, refusals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import ApplicationDocument, Supplier, SupplierApplication
from catalog.onboarding import applications, decisions
from catalog.onboarding.applications import State
from tests.factories import CategoryFactory, ClusterFactory

from .factories import draft_application, pdf, submitted_application

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Hala Ajrak House",
        "clusters": [],
        "region": "sindh",
        "city": "Hala",
        "phone": "+92 301 7654321",
        "size": "small",
        "women_led": "",
        "women_led_by": "",
        "years_active": "12",
        "categories": [],
        "what_they_make": "Ajrak block-printed shawls and bedsheets.",
        "export_experience": "none",
        "export_experience_notes": "",
        "document_kind": "registration",
    }
    data.update(overrides)
    return data


def test_an_anonymous_visitor_is_offered_an_account_first(client):
    response = client.get("/sell/join/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "/accounts/signup/supplier/?next=/sell/join/" in html and "/accounts/login/?next=/sell/join/" in html
    )


def test_sell_sends_a_user_without_a_supplier_to_join(client_for, applicant):
    response = client_for(applicant).get("/sell/")
    assert response.status_code == 302 and response["Location"] == "/sell/join/"


def test_a_member_of_a_supplier_already_selling_is_sent_to_sell(client_for, artisan):
    response = client_for(artisan).get("/sell/join/")
    assert response.status_code == 302 and response["Location"] == "/sell/"


def test_saving_the_form_makes_a_draft_and_an_inactive_supplier(client_for, applicant):
    cluster, category = ClusterFactory(), CategoryFactory()
    data = form_data(clusters=[cluster.pk], categories=[category.pk], document=pdf())
    response = client_for(applicant).post("/sell/join/", data)
    assert response.status_code == 302 and response["Location"] == "/sell/join/"
    application = SupplierApplication.objects.get()
    assert application.state == State.DRAFT and not application.supplier.is_active
    assert list(application.supplier.categories.all()) == [category]
    assert application.documents.get().name == "registration.pdf"
    page = client_for(applicant).get("/sell/join/").content.decode()
    assert "Hala Ajrak House" in page and "registration.pdf" in page


def test_submitting_sends_it_to_the_curators_and_sell_shows_it_waiting(client_for, applicant):
    client = client_for(applicant)
    response = client.post("/sell/join/", form_data(submit="1"))
    assert response.status_code == 302 and response["Location"] == "/sell/"
    assert SupplierApplication.objects.get().state == State.SUBMITTED
    html = client.get("/sell/").content.decode()
    assert "Waiting for review" in html and "Hala Ajrak House" in html
    # The form is closed while the curators have it.
    assert client.get("/sell/join/")["Location"] == "/sell/"


def test_a_double_submit_makes_one_supplier(client_for, applicant):
    client = client_for(applicant)
    client.post("/sell/join/", form_data(submit="1"))
    second = client.post("/sell/join/", form_data(submit="1"))
    assert second.status_code == 302
    assert Supplier.objects.count() == 1 and SupplierApplication.objects.count() == 1


def test_a_bad_form_keeps_what_was_typed(client_for, applicant):
    response = client_for(applicant).post("/sell/join/", form_data(phone="call me", women_led="on"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hala Ajrak House" in html and "Ajrak block-printed shawls" in html
    assert not Supplier.objects.exists()


def test_a_refused_document_saves_nothing_and_says_why(client_for, applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("cert.pdf", b"MZ\x90\x00 not a document", content_type="application/pdf")
    response = client_for(applicant).post("/sell/join/", form_data(document=bad))
    assert response.status_code == 200 and "cert.pdf" in response.content.decode()
    assert not Supplier.objects.exists() and not ApplicationDocument.objects.exists()


def test_a_hand_made_post_with_nonsense_ids_is_a_form_error(client_for, applicant):
    response = client_for(applicant).post(
        "/sell/join/", form_data(clusters=["99999999999999999999999"], categories=["x"], region="mars")
    )
    assert response.status_code == 200 and not Supplier.objects.exists()


def test_the_applicant_answers_the_curators_question_on_sell(client_for, applicant, curator):
    application = submitted_application(applicant)
    decisions.ask_for_information(curator, application.pk, "Which village is your workshop in?")
    client = client_for(applicant)
    html = client.get("/sell/").content.decode()
    assert "Which village is your workshop in?" in html
    empty = client.post("/sell/join/answer/", {"answer": ""})
    assert empty.status_code == 200
    response = client.post("/sell/join/answer/", {"answer": "Bumburet, Kalash valley."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and application.answer == "Bumburet, Kalash valley."


def test_a_declined_applicant_sees_the_reason_and_when_to_reapply(client_for, applicant, curator):
    application = submitted_application(applicant)
    decisions.decline_application(curator, application.pk, "We could not reach your phone.")
    client = client_for(applicant)
    html = client.get("/sell/").content.decode()
    assert "We could not reach your phone." in html and "You may apply again from" in html
    assert client.post("/sell/join/reapply/").status_code == 302
    assert SupplierApplication.objects.count() == 1  # too soon: refused
    SupplierApplication.objects.update(decided_at=timezone.now() - timedelta(days=31))
    assert "Apply again" in client.get("/sell/").content.decode()
    response = client.post("/sell/join/reapply/")
    assert response["Location"] == "/sell/join/"
    assert SupplierApplication.objects.filter(state=State.DRAFT).count() == 1


def test_the_applicant_downloads_and_deletes_their_own_document(client_for, applicant):
    application = draft_application(applicant)
    document = applications.add_document(applicant, application, "registration", pdf())
    client = client_for(applicant)
    download = client.get(f"/sell/join/documents/{document.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert client.post(f"/sell/join/documents/{document.pk}/delete/").status_code == 302
    assert not ApplicationDocument.objects.exists()


def test_another_account_cannot_reach_an_applicants_document(client_for, applicant, other_artisan, buyer):
    document = applications.add_document(applicant, draft_application(applicant), "registration", pdf())
    for stranger in (other_artisan, buyer):
        client = client_for(stranger)
        assert client.get(f"/sell/join/documents/{document.pk}/").status_code == 404
        assert client.post(f"/sell/join/documents/{document.pk}/delete/").status_code == 404
    assert ApplicationDocument.objects.exists()


def test_an_anonymous_visitor_cannot_reach_a_document(client, applicant):
    document = applications.add_document(applicant, draft_application(applicant), "registration", pdf())
    assert client.get(f"/sell/join/documents/{document.pk}/").status_code == 302
    assert client.post(f"/sell/join/documents/{document.pk}/delete/").status_code == 302
    assert ApplicationDocument.objects.exists()
