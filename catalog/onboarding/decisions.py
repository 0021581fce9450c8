"""The curators' decisions on a submitted application: approve (with the verification evidence), ask for more
information, decline with a reason. Each refuses anyone but a curator, goes through
`marketplace.workflow.transition` (locked, idempotent, audited with who and when) and tells the applicant by
email in the same transaction. The application's life is drawn in `applications`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Supplier, SupplierApplication, VerificationEvidence
from catalog.signals import supplier_approved
from marketplace.workflow import transition

from . import emails
from .applications import TRANSITIONS, ApplicationError, State


def require_curator(user):
    if not getattr(user, "is_curator", False):
        raise ApplicationError(_("Only curators decide on applications."), code="not_curator")


def approve_application(curator, application_id, *, level, method, checked_on, observed="", visited_by=""):
    """Approve: the supplier becomes active with `level`, backed by a VerificationEvidence row (who checked,
    how, when, what was seen); the applicant is emailed; `supplier_approved` is sent in the same transaction
    (the storefront is made with the approval or not at all). Approving twice changes nothing."""
    require_curator(curator)

    def apply(application):
        application.decided_at = timezone.now()
        application.decided_by = curator

    with transaction.atomic():
        result = transition(
            SupplierApplication, application_id, State.APPROVED, TRANSITIONS, actor=curator, apply=apply
        )
        if not result.changed:
            return result
        application = result.obj
        supplier = Supplier.objects.select_for_update().get(pk=application.supplier_id)
        supplier.is_active = True
        supplier.verification_level = level
        supplier.save(update_fields=["is_active", "verification_level", "updated_at"])
        VerificationEvidence.objects.create(
            supplier=supplier,
            level=level,
            method=method,
            checked_by=curator,
            checked_on=checked_on,
            visited_by=visited_by,
            observed=observed,
        )
        supplier_approved.send(sender=Supplier, supplier=supplier, actor=curator)
        emails.tell_applicant(application, "approved")
        return result


def ask_for_information(curator, application_id, question):
    """Submitted → info requested, with the curator's question, which the applicant sees on /sell/."""
    require_curator(curator)
    question = (question or "").strip()
    if not question:
        raise ApplicationError(_("Write the question for the applicant."), code="empty_question")

    def apply(application):
        application.question = question
        application.answer = ""

    with transaction.atomic():
        result = transition(
            SupplierApplication,
            application_id,
            State.INFO_REQUESTED,
            TRANSITIONS,
            actor=curator,
            note=question[:500],
            apply=apply,
        )
        if result.changed:
            emails.tell_applicant(result.obj, "info_requested")
        return result


def decline_application(curator, application_id, reason):
    """Decline with a reason the applicant reads; they may apply again REAPPLY_AFTER from now."""
    require_curator(curator)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason; the applicant will read it."), code="empty_reason")

    def apply(application):
        application.decline_reason = reason
        application.decided_at = timezone.now()
        application.decided_by = curator

    with transaction.atomic():
        result = transition(
            SupplierApplication,
            application_id,
            State.DECLINED,
            TRANSITIONS,
            actor=curator,
            note=reason[:500],
            apply=apply,
        )
        if result.changed:
            emails.tell_applicant(result.obj, "declined")
        return result
