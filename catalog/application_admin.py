"""The curators' queue of supplier applications in the Wagtail admin: "Suppliers › Applications", the counts
on the admin's dashboard, an application's page (its facts, documents and history) and the three decisions
(approve with the verification evidence, ask for more information, decline with a reason).

Every decision is a call to catalog.onboarding.applications, which refuses anyone but a curator, locks,
audits and emails; these views check `is_curator` first only so that a non-curator gets a 403, not a form.
The menu is a "Suppliers" submenu with its own hook (`register_suppliers_menu_item`), so other supplier
pages of the admin can join it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from marketplace.downloads import private_file_response
from marketplace.files import content_type_for
from marketplace.workflow import TransitionError, history

from .models import ApplicationDocument, SupplierApplication
from .onboarding import applications, decisions
from .onboarding.applications import State
from .onboarding.forms import ApproveForm, AskForm, DeclineForm

# The tabs of the queue, in the order a curator works through them.
QUEUE_TABS = [
    (State.SUBMITTED, gettext_lazy("Waiting for review")),
    (State.INFO_REQUESTED, gettext_lazy("More information asked")),
    (State.DRAFT, gettext_lazy("Drafts")),
    (State.APPROVED, gettext_lazy("Approved")),
    (State.DECLINED, gettext_lazy("Declined")),
]
DECISION_FORMS = {"approve": ApproveForm, "ask": AskForm, "decline": DeclineForm}


def _require_curator(request):
    if not request.user.is_curator:
        raise PermissionDenied


def queue(request):
    _require_curator(request)
    state = request.GET.get("state", State.SUBMITTED)
    if state not in State.values:
        state = State.SUBMITTED
    rows = (
        SupplierApplication.objects.filter(state=state)
        .select_related("supplier", "applicant")
        .prefetch_related("supplier__clusters")
        .order_by("submitted_at", "created_at")[:200]
    )
    return TemplateResponse(
        request,
        "catalog/admin/applications/index.html",
        {"applications": rows, "state": state, "tabs": QUEUE_TABS, "counts": applications.queue_counts()},
    )


def _application(pk):
    return get_object_or_404(
        SupplierApplication.objects.select_related(
            "supplier", "applicant", "decided_by", "supplier__verification_level"
        ).prefetch_related("documents", "supplier__clusters", "supplier__categories__parent"),
        pk=pk,
    )


def _detail(request, application, bound=None, status=200):
    forms = {name: form_class() for name, form_class in DECISION_FORMS.items()}
    if bound is not None:
        forms[bound[0]] = bound[1]
    evidence = application.supplier.verification_evidence.select_related("level", "checked_by").first()
    return TemplateResponse(
        request,
        "catalog/admin/applications/detail.html",
        {
            "application": application,
            "supplier": application.supplier,
            "documents": application.documents.all(),
            "history": history(application),
            "evidence": evidence,
            "open": application.state in (State.SUBMITTED, State.INFO_REQUESTED),
            "forms": forms,
        },
        status=status,
    )


def detail(request, pk):
    _require_curator(request)
    return _detail(request, _application(pk))


@require_POST
def decide(request, pk, decision):
    """One of the three decisions; a form with errors is shown again as typed, on the application's page."""
    _require_curator(request)
    application = _application(pk)
    form = DECISION_FORMS[decision](request.POST)
    if not form.is_valid():
        return _detail(request, application, bound=(decision, form), status=400)
    data = form.cleaned_data
    try:
        if decision == "approve":
            decisions.approve_application(request.user, application.pk, **data)
            done = _("%(name)s is approved and now visible to buyers.")
        elif decision == "ask":
            decisions.ask_for_information(request.user, application.pk, data["question"])
            done = _("Your question was sent to %(name)s.")
        else:
            decisions.decline_application(request.user, application.pk, data["reason"])
            done = _("The application of %(name)s is declined.")
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect("catalog_applications:detail", pk=application.pk)
    messages.success(request, done % {"name": application.supplier.name})
    return redirect("catalog_applications:queue")


def document(request, pk):
    _require_curator(request)
    document = get_object_or_404(ApplicationDocument, pk=pk)
    return private_file_response(
        document.file, filename=document.name, content_type=content_type_for(document.file.name)
    )


@hooks.register("register_admin_urls")
def register_application_urls():
    urls = [
        path("", queue, name="queue"),
        path("<int:pk>/", detail, name="detail"),
        path("<int:pk>/approve/", decide, {"decision": "approve"}, name="approve"),
        path("<int:pk>/ask/", decide, {"decision": "ask"}, name="ask"),
        path("<int:pk>/decline/", decide, {"decision": "decline"}, name="decline"),
        path("documents/<int:pk>/", document, name="document"),
    ]
    return [path("catalog/applications/", (urls, "catalog_applications", "catalog_applications"))]


class CuratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_curator


suppliers_menu = Menu(register_hook_name="register_suppliers_menu_item", construct_hook_name=None)


@hooks.register("register_suppliers_menu_item")
def register_applications_menu_item():
    return CuratorMenuItem(
        gettext_lazy("Applications"),
        reverse("catalog_applications:queue"),
        icon_name="form",
        name="supplier-applications",
        order=100,
    )


@hooks.register("register_admin_menu_item")
def register_suppliers_menu():
    return SubmenuMenuItem(gettext_lazy("Suppliers"), suppliers_menu, icon_name="group", order=190)


class ApplicationsPanel(Component):
    """The dashboard's counts: applications waiting for a curator, and those waiting for an answer."""

    name = "supplier_applications"
    template_name = "catalog/admin/applications/panel.html"
    order = 90

    def get_context_data(self, parent_context):
        return {**applications.queue_counts(), "queue_url": reverse("catalog_applications:queue")}


@hooks.register("construct_homepage_panels")
def add_applications_panel(request, panels):
    if request.user.is_curator:
        panels.append(ApplicationsPanel())
