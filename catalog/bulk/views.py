"""The bulk listings pages under /sell/listings/: import (upload, report, apply), template, export.

Who: a supplier's owner or coordinator (catalog.permissions, "import_listings"), for their own suppliers;
staff members and everyone else get a 404 (as for others' listings: never reveal what exists).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import exporting, services
from .columns import COLUMNS, MAX_TIERS, TIER_RULE
from .forms import ApplyForm, ImportForm
from .models import ImportJob

SHOWN_ISSUES = 500
SHOWN_ROWS = 300
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _importer_suppliers(user):
    suppliers = services.suppliers_for_import(user)
    if not suppliers:
        raise Http404(_("You do not import listings for any supplier."))
    return suppliers


def _job_of(user, pk):
    """The job if `user` may import for its supplier; 404 otherwise."""
    job = get_object_or_404(ImportJob.objects.select_related("supplier"), pk=pk)
    if job.supplier not in services.suppliers_for_import(user):
        raise Http404
    return job


@login_required
def import_start(request):
    suppliers = _importer_suppliers(request.user)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None, request.FILES if posted else None, suppliers=suppliers
    )
    if posted and form.is_valid():
        job = services.start_import(
            actor=request.user,
            supplier=form.cleaned_data["supplier"],
            table=form.cleaned_data["table"],
            photos=form.cleaned_data["photos"],
        )
        return redirect("sell:import-job", pk=job.pk)
    if posted:
        messages.error(request, _("Please correct the marked fields."))
    recent = ImportJob.objects.filter(supplier__in=suppliers).select_related("supplier")[:10]
    context = {
        "form": form,
        "columns": COLUMNS,
        "tier_rule": TIER_RULE % {"count": MAX_TIERS},
        "recent": recent,
        "suppliers": suppliers,
    }
    return render(request, "catalog/sell/bulk/import.html", context)


@login_required
def import_job(request, pk):
    job = _job_of(request.user, pk)
    issues = job.report.get("issues", [])
    rows = [row for row in job.report.get("rows", []) if row["action"] != "unchanged"]
    context = {
        "job": job,
        "issues": issues[:SHOWN_ISSUES],
        "more_issues": max(len(issues) - SHOWN_ISSUES, 0),
        "rows": rows[:SHOWN_ROWS],
        "more_rows": max(len(rows) - SHOWN_ROWS, 0),
        "apply_form": ApplyForm(initial={"all_or_nothing": job.all_or_nothing}),
    }
    return render(request, "catalog/sell/bulk/job.html", context)


@login_required
@require_POST
def import_apply(request, pk):
    job = _job_of(request.user, pk)
    form = ApplyForm(request.POST)
    form.is_valid()  # one optional checkbox: always valid
    try:
        services.request_apply(job, actor=request.user, all_or_nothing=form.cleaned_data["all_or_nothing"])
    except services.ImportRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("sell:import-job", pk=job.pk)


def _download(content, kind, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def template_download(request, kind):
    _importer_suppliers(request.user)
    rows = exporting.template_rows()
    content = exporting.as_csv(rows) if kind == "csv" else exporting.as_xlsx(rows)
    return _download(content, kind, "listings-template")


@login_required
def export(request, kind):
    """The listings of one of the user's suppliers (?supplier=<pk> when they have several)."""
    suppliers = _importer_suppliers(request.user)
    wanted = request.GET.get("supplier", "")
    supplier = next((s for s in suppliers if str(s.pk) == wanted), None) if wanted else suppliers[0]
    if supplier is None:
        raise Http404
    rows = exporting.listing_rows(supplier)
    content = exporting.as_csv(rows) if kind == "csv" else exporting.as_xlsx(rows)
    return _download(content, kind, f"listings-{supplier.slug}")
