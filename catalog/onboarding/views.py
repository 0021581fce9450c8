"""/sell/join/: an account first (anonymous visitors), then the application form; the answer to a curator's
question, applying again after a decline, and the applicant's own documents. The rules are in
`applications`; these views parse, call one service and render."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import ApplicationDocument, Supplier
from marketplace.downloads import private_file_response
from marketplace.files import content_type_for
from marketplace.workflow import TransitionError

from . import applications
from .applications import State
from .forms import AnswerForm, ApplicationForm


@dataclass
class JoinStatus:
    """What /sell/ shows about a member's application that is not approved yet."""

    application: object
    reapply_from: object = None
    answer_form: AnswerForm | None = None

    @property
    def may_reapply_now(self):
        return self.reapply_from is not None and timezone.now() >= self.reapply_from


def join_status(user, answer_form=None):
    application = applications.pending_application_for_member(user)
    if application is None:
        return None
    status = JoinStatus(application, reapply_from=applications.may_reapply_from(application))
    if application.state == State.INFO_REQUESTED:
        status.answer_form = answer_form or AnswerForm()
    return status


def join(request):
    if not request.user.is_authenticated:
        return render(request, "catalog/sell/join/start.html", {"next": reverse("sell:join")})
    application = applications.latest_application_of(request.user)
    if application is None and Supplier.objects.for_member(request.user).exists():
        return redirect("sell:dashboard")  # they sell already
    if application is not None and application.state not in applications.EDITABLE_STATES:
        return redirect("sell:dashboard")  # with the curators, decided, or declined: /sell/ says which
    initial = ApplicationForm.initial_from(application) if application else {}
    form = ApplicationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = _save(request.user, form)
        except TransitionError as error:
            messages.error(request, error.message)
        except ValidationError as refused:
            form.add_error("document", refused)
        else:
            if "submit" in request.POST and application.state == State.DRAFT:
                applications.submit_application(request.user, application.pk)
                messages.success(request, _("Thank you. Your application is with our curators."))
                return redirect("sell:dashboard")
            messages.success(request, _("Saved. Submit it for review when you are ready."))
            return redirect("sell:join")
    if request.method == "POST" and form.errors:
        messages.error(request, _("Please correct the marked fields; nothing you typed was lost."))
    documents = application.documents.all() if application else []
    return render(
        request,
        "catalog/sell/join/form.html",
        {"form": form, "application": application, "documents": documents, "join": join_status(request.user)},
    )


def _save(user, form):
    """The facts and the optional document in one transaction: a refused document saves nothing."""
    facts = {k: v for k, v in form.cleaned_data.items() if k not in ("document", "document_kind")}
    with transaction.atomic():
        application = applications.save_application(user, facts)
        upload = form.cleaned_data.get("document")
        if upload:
            kind = form.cleaned_data.get("document_kind") or ApplicationDocument.Kind.OTHER
            applications.add_document(user, application, kind, upload)
    return application


@login_required
def answer(request):
    """The answer to a curator's question: posted from /sell/; shown here again only if it needs fixing."""
    status = join_status(request.user)
    if status is None or status.answer_form is None:
        return redirect("sell:dashboard")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            applications.answer_question(request.user, status.application.pk, form.cleaned_data["answer"])
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. Your answer is with our curators."))
            return redirect("sell:dashboard")
    status.answer_form = form
    return render(request, "catalog/sell/join/answer.html", {"join": status})


@login_required
@require_POST
def reapply(request):
    status = join_status(request.user)
    if status is None or status.application.state != State.DECLINED:
        return redirect("sell:dashboard")
    try:
        applications.reapply(request.user, status.application.supplier_id)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect("sell:dashboard")
    return redirect("sell:join")


def _own_document(user, pk):
    try:
        return applications.documents_of(user).get(pk=pk)
    except ApplicationDocument.DoesNotExist as missing:
        raise Http404 from missing


@login_required
def document(request, pk):
    """One of the applicant's own documents (private: only the business's owner, and curators in the
    admin, download it)."""
    document = _own_document(request.user, pk)
    return private_file_response(
        document.file, filename=document.name, content_type=content_type_for(document.file.name)
    )


@login_required
@require_POST
def document_delete(request, pk):
    document = _own_document(request.user, pk)
    applications.delete_document(request.user, document.pk)
    messages.success(request, _("Removed “%(name)s”.") % {"name": document.name})
    return redirect("sell:join")
