"""A supplier's application to sell, from the first save to a curator's decision.

The life of an application, in one table (TRANSITIONS, read with marketplace.workflow.transition):

    draft ──submit──▶ submitted ──ask──▶ info_requested ──answer──▶ submitted
                          │                    │
                          ├──approve / decline─┘──▶ approved | declined

Saving the form the first time creates the business as an inactive Supplier (nothing of it is public while
`is_active` is False: catalog's `visible()` and the storefront index filter on it), its owner membership and
a draft application. Approval activates the supplier, records the verification evidence and sends
`catalog.signals.supplier_approved` (the cms makes the storefront). A declined applicant may apply again
REAPPLY_AFTER the decision, as a new application of the same supplier.

The curators' decisions are in `decisions`. Every change is locked, idempotent and audited by `transition`;
emails are queued in the same transaction (catalog.onboarding.emails), so a rolled-back change tells no one.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalog.documents import check_document
from catalog.models import (
    ApplicationDocument,
    Supplier,
    SupplierApplication,
    SupplierMembership,
)
from catalog.permissions import may
from marketplace.workflow import TransitionError, transition

from . import emails

State = SupplierApplication.State
OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.INFO_REQUESTED)
# What the applicant may still change: a draft, and an application a curator asked a question about.
EDITABLE_STATES = (State.DRAFT, State.INFO_REQUESTED)
TRANSITIONS = {
    State.SUBMITTED: {State.DRAFT, State.INFO_REQUESTED},
    State.INFO_REQUESTED: {State.SUBMITTED},
    State.APPROVED: {State.SUBMITTED, State.INFO_REQUESTED},
    State.DECLINED: {State.SUBMITTED, State.INFO_REQUESTED},
}
REAPPLY_AFTER = timedelta(days=30)
MAX_DOCUMENTS = 10

# The supplier's facts the form sets (the rest of an application's facts are its own fields).
SUPPLIER_FIELDS = ("name", "region", "city", "phone", "size", "women_led", "women_led_by")
APPLICATION_FIELDS = (
    "phone",
    "women_led_by",
    "years_active",
    "what_they_make",
    "export_experience",
    "export_experience_notes",
)


class ApplicationError(TransitionError):
    """Something the applicant or curator asked that the rules refuse; `message` is for people."""


# --- Who may -----------------------------------------------------------------------------------------------
def may_apply_for(user, supplier) -> bool:
    """The application speaks for the business: whoever may change its members may (its owner, or the
    coordinator who onboarded it)."""
    return may(user, "manage_members", supplier)


# --- Reading -----------------------------------------------------------------------------------------------
def latest_application_of(user):
    """The latest application `user` made (for any supplier), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        SupplierApplication.objects.filter(applicant=user)
        .select_related("supplier")
        .order_by("-created_at", "-id")
        .first()
    )


def pending_application_for_member(user):
    """The latest application of a supplier `user` is a member of, unless it was approved (then there is
    nothing left to show about it): what /sell/ shows at the top."""
    if not getattr(user, "is_authenticated", False):
        return None
    application = (
        SupplierApplication.objects.filter(supplier__memberships__user=user)
        .select_related("supplier")
        .prefetch_related("documents")
        .order_by("-created_at", "-id")
        .first()
    )
    if application is None or application.state == State.APPROVED:
        return None
    return application


def may_reapply_from(application):
    """When a declined application's supplier may apply again (None for any other state)."""
    if application.state != State.DECLINED or application.decided_at is None:
        return None
    return application.decided_at + REAPPLY_AFTER


def queue_counts() -> dict:
    """How many applications wait for a curator, and how many wait for the applicant's answer."""
    counts = {State.SUBMITTED: 0, State.INFO_REQUESTED: 0}
    rows = SupplierApplication.objects.filter(state__in=list(counts)).values_list("state", flat=True)
    for state in rows:
        counts[state] += 1
    return {"waiting": counts[State.SUBMITTED], "info_requested": counts[State.INFO_REQUESTED]}


# --- The applicant's side ----------------------------------------------------------------------------------
def _unique_supplier_slug(name):
    base = slugify(name)[:190] or "supplier"
    slug, n = base, 2
    while Supplier.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _year_established(years_active):
    return timezone.localdate().year - years_active if years_active is not None else None


def _set_facts(supplier, application, facts):
    for field in SUPPLIER_FIELDS:
        setattr(supplier, field, facts.get(field, getattr(supplier, field)))
    if not supplier.women_led:
        supplier.women_led_by = ""
    supplier.year_established = _year_established(facts.get("years_active"))
    supplier.save()
    supplier.clusters.set(facts.get("clusters", []))
    supplier.categories.set(facts.get("categories", []))
    for field in APPLICATION_FIELDS:
        setattr(application, field, facts.get(field, getattr(application, field)))
    application.women_led_by = supplier.women_led_by
    application.save()


def save_application(applicant, facts: dict) -> SupplierApplication:
    """Save the applicant's form: the first time, create the inactive supplier, its owner membership and a
    draft application; afterwards, update the open application (while it is editable).

    Safe against double clicks and two tabs: the applicant's own row is locked first, so their saves run one
    after the other, and the second finds the application the first made instead of making a second supplier.
    """
    User = get_user_model()
    with transaction.atomic():
        User.objects.select_for_update().get(pk=applicant.pk)
        application = latest_application_of(applicant)
        if application is None:
            supplier = Supplier(
                slug=_unique_supplier_slug(facts["name"]), is_active=False, name=facts["name"]
            )
            _set_supplier_only(supplier, facts)
            SupplierMembership.objects.create(
                user=applicant, supplier=supplier, role=SupplierMembership.Role.OWNER
            )
            application = SupplierApplication(supplier=supplier, applicant=applicant)
        else:
            _require_editable(applicant, application)
        _set_facts(application.supplier, application, facts)
        return application


def _set_supplier_only(supplier, facts):
    """Give a new supplier the required facts before its first save (region has no default)."""
    for field in SUPPLIER_FIELDS:
        if field in facts:
            setattr(supplier, field, facts[field])
    supplier.save()


def _require_editable(actor, application):
    if not may_apply_for(actor, application.supplier):
        raise ApplicationError(_("Only the business's owner changes its application."), code="not_owner")
    if application.state not in EDITABLE_STATES:
        raise ApplicationError(
            _("This application is with the curators and cannot be changed now."), code="not_editable"
        )


def submit_application(applicant, application_id):
    """Draft → submitted. Idempotent: submitting twice changes nothing the second time and emails once."""

    def check(application):
        if not may_apply_for(applicant, application.supplier):
            raise ApplicationError(_("Only the business's owner submits its application."), code="not_owner")

    def apply(application):
        application.submitted_at = timezone.now()

    with transaction.atomic():
        result = transition(
            SupplierApplication,
            application_id,
            State.SUBMITTED,
            {State.SUBMITTED: {State.DRAFT}},
            actor=applicant,
            check=check,
            apply=apply,
        )
        if result.changed:
            emails.tell_curators_of_new_application(result.obj)
        return result


def answer_question(applicant, application_id, answer):
    """Info requested → submitted, with the applicant's answer to the curator's question."""
    answer = (answer or "").strip()
    if not answer:
        raise ApplicationError(_("Write your answer to the curator's question."), code="empty_answer")

    def check(application):
        if not may_apply_for(applicant, application.supplier):
            raise ApplicationError(_("Only the business's owner answers for it."), code="not_owner")

    def apply(application):
        application.answer = answer

    return transition(
        SupplierApplication,
        application_id,
        State.SUBMITTED,
        {State.SUBMITTED: {State.INFO_REQUESTED}},
        actor=applicant,
        note=answer[:500],
        check=check,
        apply=apply,
    )


def reapply(applicant, supplier_id) -> SupplierApplication:
    """A new draft application for a declined supplier, once REAPPLY_AFTER has passed since the decline. Its
    facts start as the last application's. Calling it again returns the same open draft."""
    with transaction.atomic():
        supplier = Supplier.objects.select_for_update().get(pk=supplier_id)
        if not may_apply_for(applicant, supplier):
            raise ApplicationError(_("Only the business's owner applies for it."), code="not_owner")
        latest = supplier.applications.order_by("-created_at", "-id").first()
        if latest is not None and latest.state in OPEN_STATES:
            return latest
        if latest is None or latest.state != State.DECLINED:
            raise ApplicationError(_("This business does not need to apply again."), code="not_declined")
        allowed_from = may_reapply_from(latest)
        if timezone.now() < allowed_from:
            raise ApplicationError(
                _("You may apply again from %(date)s.") % {"date": emails.when(allowed_from)},
                code="too_soon",
            )
        fields = {field: getattr(latest, field) for field in APPLICATION_FIELDS}
        try:
            with transaction.atomic():
                return SupplierApplication.objects.create(supplier=supplier, applicant=applicant, **fields)
        except IntegrityError:
            # Another request opened it meanwhile (the one-open-application constraint): that one counts.
            return supplier.applications.get(state__in=OPEN_STATES)


def add_document(applicant, application, kind, upload) -> ApplicationDocument:
    """Store a registration or certificate as checked as certification documents are (a PDF as it is, a
    photo re-encoded without its metadata); ValidationError for anything else."""
    if not may_apply_for(applicant, application.supplier):
        raise ApplicationError(_("Only the business's owner adds its documents."), code="not_owner")
    if application.state not in OPEN_STATES:
        raise ApplicationError(_("Documents can no longer be added to this application."), code="closed")
    if application.documents.count() >= MAX_DOCUMENTS:
        raise ApplicationError(
            _("An application holds at most %(count)s documents.") % {"count": MAX_DOCUMENTS},
            code="too_many",
        )
    checked = check_document(upload, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    return ApplicationDocument.objects.create(
        application=application, kind=kind, file=checked, name=checked.original_name[:200]
    )


def documents_of(user):
    """The application documents `user` may download or delete: those of open applications of suppliers
    they may apply for. Approved or declined applications' documents are the curators' record."""
    if not getattr(user, "is_authenticated", False):
        return ApplicationDocument.objects.none()
    return ApplicationDocument.objects.filter(
        application__state__in=OPEN_STATES,
        application__supplier__memberships__user=user,
        application__supplier__memberships__role__in=[
            SupplierMembership.Role.OWNER,
            SupplierMembership.Role.COORDINATOR,
        ],
    ).select_related("application__supplier")


def delete_document(applicant, document_id):
    """Remove one of the applicant's documents (and its file) before a decision; DoesNotExist otherwise."""
    with transaction.atomic():
        document = documents_of(applicant).get(pk=document_id)
        if not may_apply_for(applicant, document.application.supplier):
            raise ApplicationDocument.DoesNotExist
        file = document.file
        document.delete()
        transaction.on_commit(lambda: file.storage.delete(file.name))
