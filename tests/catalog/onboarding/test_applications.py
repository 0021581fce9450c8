"""The application's rules, through the services: each transition, who may, idempotency, re-applying."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import (
    ApplicationDocument,
    Supplier,
    SupplierApplication,
    SupplierMembership,
    VerificationEvidence,
)
from catalog.onboarding import applications, decisions, emails
from catalog.onboarding.applications import ApplicationError, State
from marketplace.audit.models import StateChange
from marketplace.jobs.models import OutgoingEmail
from marketplace.workflow import TransitionError
from tests.factories import ClusterFactory, VerificationLevelFactory

from .factories import ApplicantFactory, draft_application, facts, pdf, submitted_application

pytestmark = pytest.mark.django_db


def approve(curator, application, **overrides):
    data = {
        "level": VerificationLevelFactory(name="Documents checked"),
        "method": "documents_checked",
        "checked_on": timezone.localdate(),
        "observed": "Registration certificate from the Chitral chamber, dated 2019.",
    }
    data.update(overrides)
    return decisions.approve_application(curator, application.pk, **data)


def test_saving_makes_an_inactive_supplier_its_owner_membership_and_a_draft(applicant):
    cluster = ClusterFactory()
    application = applications.save_application(applicant, facts(clusters=[cluster]))
    supplier = application.supplier
    assert application.state == State.DRAFT and application.applicant == applicant
    assert supplier.is_active is False and supplier.name == "Chitral Woollens"
    assert supplier.women_led and supplier.women_led_by == "Bibi Ayesha, founder"
    assert list(supplier.clusters.all()) == [cluster]
    assert supplier.year_established == timezone.localdate().year - 6
    assert SupplierMembership.objects.get(supplier=supplier).user == applicant
    assert SupplierMembership.objects.get(supplier=supplier).role == "owner"


def test_saving_again_updates_the_same_supplier_instead_of_making_a_second(applicant):
    # A double click, or the same form in two tabs: the second save finds the first's application.
    first = applications.save_application(applicant, facts())
    second = applications.save_application(applicant, facts(name="Chitral Woollens Co-op"))
    assert first.pk == second.pk
    assert Supplier.objects.count() == 1 and SupplierApplication.objects.count() == 1
    assert Supplier.objects.get().name == "Chitral Woollens Co-op"


def test_the_applicants_row_is_locked_before_looking_for_an_application(applicant):
    # What makes two concurrent saves run one after the other on PostgreSQL (SQLite serialises writes).
    with CaptureQueriesContext(connection) as queries:
        applications.save_application(applicant, facts())
    first_select = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT"))
    assert "accounts_user" in first_select
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in first_select


def test_submitting_moves_a_draft_to_submitted_once_and_emails_the_curators(applicant, curator):
    application = draft_application(applicant)
    first = applications.submit_application(applicant, application.pk)
    second = applications.submit_application(applicant, application.pk)
    assert first.changed and not second.changed
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and application.submitted_at is not None
    to_curator = OutgoingEmail.objects.filter(to=curator.email)
    assert to_curator.count() == 1 and "Chitral Woollens" in to_curator.get().subject
    assert StateChange.objects.filter(object_id=application.pk, to_state="submitted").count() == 1


def test_a_stranger_cannot_submit_someone_elses_application(applicant, other_artisan):
    application = draft_application(applicant)
    with pytest.raises(ApplicationError):
        applications.submit_application(other_artisan, application.pk)
    application.refresh_from_db()
    assert application.state == State.DRAFT


def test_a_submitted_application_cannot_be_edited(applicant):
    submitted_application(applicant)
    with pytest.raises(ApplicationError) as refused:
        applications.save_application(applicant, facts(name="Changed"))
    assert refused.value.code == "not_editable"
    assert Supplier.objects.get().name == "Chitral Woollens"


def test_approval_activates_the_supplier_with_its_evidence_and_tells_the_applicant(applicant, curator):
    application = submitted_application(applicant)
    result = approve(curator, application)
    assert result.changed
    application.refresh_from_db()
    supplier = application.supplier
    assert application.state == State.APPROVED and application.decided_by == curator
    assert supplier.is_active and supplier.verification_level.name == "Documents checked"
    evidence = VerificationEvidence.objects.get(supplier=supplier)
    assert evidence.method == "documents_checked" and evidence.checked_by == curator
    assert "Chitral chamber" in evidence.observed
    assert OutgoingEmail.objects.filter(to=applicant.email, subject__contains="approved").count() == 1
    change = StateChange.objects.get(object_id=application.pk, to_state="approved")
    assert change.actor == curator and change.at is not None


def test_approving_twice_changes_nothing_the_second_time(applicant, curator):
    application = submitted_application(applicant)
    approve(curator, application)
    again = approve(curator, application)
    assert not again.changed
    assert VerificationEvidence.objects.count() == 1
    assert OutgoingEmail.objects.filter(to=applicant.email).count() == 1


def test_approval_makes_the_storefront_page(applicant, curator):
    from cms.models import SupplierPage

    application = submitted_application(applicant)
    approve(curator, application)
    page = SupplierPage.objects.get(supplier=application.supplier)
    assert page.live and page.title == "Chitral Woollens" and page.latest_revision is not None


@pytest.mark.parametrize("who", ["applicant", "buyer", "anonymous"])
def test_only_curators_decide(applicant, buyer, who):
    from django.contrib.auth.models import AnonymousUser

    application = submitted_application(applicant)
    actor = {"applicant": applicant, "buyer": buyer, "anonymous": AnonymousUser()}[who]
    for decide in (
        lambda: approve(actor, application),
        lambda: decisions.ask_for_information(actor, application.pk, "Where is your workshop?"),
        lambda: decisions.decline_application(actor, application.pk, "No."),
    ):
        with pytest.raises(ApplicationError) as refused:
            decide()
        assert refused.value.code == "not_curator"
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and not application.supplier.is_active


def test_a_question_and_its_answer_go_back_and_forth(applicant, curator):
    applicant.language = "ur"
    applicant.save()
    application = submitted_application(applicant)
    decisions.ask_for_information(curator, application.pk, "Please send a photo of your loom.")
    application.refresh_from_db()
    assert application.state == State.INFO_REQUESTED
    email = OutgoingEmail.objects.get(to=applicant.email)
    assert "Please send a photo of your loom." in email.body
    applications.answer_question(applicant, application.pk, "Photo attached to my documents.")
    application.refresh_from_db()
    assert application.state == State.SUBMITTED and application.answer == "Photo attached to my documents."


def test_the_applicant_is_emailed_in_their_language(applicant, curator):
    from django.utils import translation

    applicant.language = "ur"
    applicant.save()
    application = submitted_application(applicant)
    with translation.override("en"):
        decisions.decline_application(curator, application.pk, "Not a Pakistani business.")
    email = OutgoingEmail.objects.get(to=applicant.email)
    application.refresh_from_db()
    reapply_from = applications.may_reapply_from(application)
    # The date is written with Django's Urdu month names, whatever language the curator's request was in.
    with translation.override("ur"):
        in_urdu = emails.when(reapply_from)
        sentence = translation.gettext("A curator has declined your application, for this reason:")
    with translation.override("en"):
        assert emails.when(reapply_from) != in_urdu
    assert in_urdu in email.body and sentence in email.body


def test_a_question_needs_a_submitted_application(applicant, curator):
    application = draft_application(applicant)
    with pytest.raises(TransitionError):
        decisions.ask_for_information(curator, application.pk, "Anything?")


def test_an_empty_answer_or_reason_is_refused(applicant, curator):
    application = submitted_application(applicant)
    with pytest.raises(ApplicationError):
        decisions.decline_application(curator, application.pk, "  ")
    decisions.ask_for_information(curator, application.pk, "Where?")
    with pytest.raises(ApplicationError):
        applications.answer_question(applicant, application.pk, "")


def test_a_declined_applicant_may_not_reapply_before_30_days(applicant, curator):
    application = submitted_application(applicant)
    decisions.decline_application(curator, application.pk, "Blurry photos.")
    with pytest.raises(ApplicationError) as refused:
        applications.reapply(applicant, application.supplier_id)
    assert refused.value.code == "too_soon"
    assert SupplierApplication.objects.count() == 1


def test_a_declined_applicant_reapplies_after_30_days_as_a_new_application(applicant, curator):
    application = submitted_application(applicant)
    decisions.decline_application(curator, application.pk, "Blurry photos.")
    SupplierApplication.objects.filter(pk=application.pk).update(
        decided_at=timezone.now() - timedelta(days=30, minutes=1)
    )
    again = applications.reapply(applicant, application.supplier_id)
    assert again.pk != application.pk and again.state == State.DRAFT
    assert again.supplier_id == application.supplier_id and again.what_they_make == application.what_they_make
    # Asking again (a double click) returns the same draft.
    assert applications.reapply(applicant, application.supplier_id).pk == again.pk
    assert applications.latest_application_of(applicant).pk == again.pk


def test_a_stranger_cannot_reapply_for_a_declined_supplier(applicant, curator, other_artisan):
    application = submitted_application(applicant)
    decisions.decline_application(curator, application.pk, "No.")
    with pytest.raises(ApplicationError):
        applications.reapply(other_artisan, application.supplier_id)


def test_documents_are_checked_and_only_the_applicant_reaches_them(applicant, other_artisan):
    application = draft_application(applicant)
    document = applications.add_document(applicant, application, "registration", pdf())
    assert document.name == "registration.pdf"
    assert list(applications.documents_of(applicant)) == [document]
    assert not applications.documents_of(other_artisan).exists()
    with pytest.raises(ApplicationError):
        applications.add_document(other_artisan, application, "registration", pdf())


def test_a_document_that_is_neither_pdf_nor_photo_is_refused(applicant):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = draft_application(applicant)
    page = SimpleUploadedFile("cert.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ValidationError):
        applications.add_document(applicant, application, "certificate", page)
    assert not ApplicationDocument.objects.exists()


def test_documents_are_the_curators_record_once_decided(applicant, curator):
    application = submitted_application(applicant)
    document = applications.add_document(applicant, application, "registration", pdf())
    approve(curator, application)
    assert not applications.documents_of(applicant).exists()
    with pytest.raises(ApplicationDocument.DoesNotExist):
        applications.delete_document(applicant, document.pk)


def test_queue_counts(curator):
    submitted_application()
    submitted_application()
    asked = submitted_application()
    decisions.ask_for_information(curator, asked.pk, "Where?")
    draft_application()
    assert applications.queue_counts() == {"waiting": 2, "info_requested": 1}


def test_emails_of_the_decisions_are_delivered(applicant, curator, django_capture_on_commit_callbacks):
    application = submitted_application(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        approve(curator, application)
    assert any(applicant.email in message.to for message in mail.outbox)


def test_two_applicants_get_two_suppliers_with_distinct_slugs():
    first = draft_application(ApplicantFactory())
    second = draft_application(ApplicantFactory())
    assert first.supplier.slug != second.supplier.slug
