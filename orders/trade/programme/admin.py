"""The curators' "Programme" dashboard in the Wagtail admin, its record lists and CSV downloads.

Curators only: a signed-in account without the curator role is refused (Wagtail turns the PermissionDenied
into a redirect to the admin's home with a message), an anonymous visitor is sent to log in. The views parse
the scope (programme.scope), ask programme.figures or programme.records, and render.
"""

import io
from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from catalog.application_admin import CuratorMenuItem
from marketplace import csv_export

from .charts import bar_chart
from .figures import COLUMNS, compute_dashboard
from .records import KINDS, SIZES, records_of
from .scope import ScopeForm

PAGE_SIZE = 50


def _require_curator(request):
    if not request.user.is_curator:
        raise PermissionDenied


def _display(value, unit) -> str:
    if value is None:
        return "—"
    if unit == "percent":
        return number_format(value, 1, use_l10n=True) + " %"
    if unit == "usd":
        return number_format(value, 2, use_l10n=True, force_grouping=True)
    return number_format(value, 0, use_l10n=True, force_grouping=True)


def _records_url(kind, scope, women_led=None, size=None) -> str:
    params = {**scope.query(), "kind": kind.key}
    if women_led is not None:
        params["women_led"] = "1" if women_led else "0"
    if size:
        params["size"] = size
    return reverse("programme:records") + "?" + urlencode(params)


def _rows(board):
    rows = []
    for figure in board.figures:
        cells = [
            {"text": _display(value, figure.unit), "url": _records_url(figure.kind, board.scope, flag, size)}
            for value, (_key, _label, flag, size) in zip(figure.values, COLUMNS, strict=True)
        ]
        chart = bar_chart(
            [
                (label, value)
                for value, (_k, label, _f, _s) in zip(figure.values[1:], COLUMNS[1:], strict=True)
            ]
        )
        bars = [{"bar": bar, "text": _display(bar.value, figure.unit)} for bar in chart.bars]
        rows.append({"figure": figure, "cells": cells, "chart": chart, "bars": bars})
    return rows


def dashboard(request):
    _require_curator(request)
    form = ScopeForm.from_query(request.GET)
    context = {"form": form, "columns": [label for _k, label, _w, _s in COLUMNS]}
    if not form.is_valid():
        return TemplateResponse(request, "trade/programme/dashboard.html", context, status=400)
    scope = form.scope_value()
    board = compute_dashboard(scope)
    context.update(
        scope=scope,
        rows=_rows(board),
        missing_rates=board.missing_rates,
        csv_query=urlencode(scope.query()),
    )
    return TemplateResponse(request, "trade/programme/dashboard.html", context)


def figures_csv(request):
    """Every figure of the scope (or the one named by `figure`) as CSV: one row per figure, one column per
    breakdown cell; shares in percent, values in USD; an empty cell is a share of nothing."""
    _require_curator(request)
    form = ScopeForm.from_query(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Choose a valid scope and period."), status=400, content_type="text/plain")
    scope = form.scope_value()
    board = compute_dashboard(scope)
    only = request.GET.get("figure")
    out = io.StringIO()
    writer = csv_export.writer(out)
    writer.writerow([_("Figure"), _("Unit"), *[str(label) for _k, label, _w, _s in COLUMNS]])
    for figure in board.figures:
        if only and figure.key != only:
            continue
        values = [
            value.quantize(_PLACES[figure.unit]) if value is not None and figure.unit != "count" else value
            for value in figure.values
        ]
        writer.writerow([str(figure.label), figure.unit, *values])
    name = slugify(f"programme-{scope}-{scope.first_day}-{scope.last_day}{'-' + only if only else ''}")
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


_PLACES = {"percent": Decimal("0.1"), "usd": Decimal("0.01")}


def _cell(record, accessor):
    value = record
    for part in accessor.split("."):
        value = getattr(value, part)
    if callable(value):
        value = value()
    return value


def records(request):
    """The records one figure counts, with the dashboard's scope, period and breakdown cell."""
    _require_curator(request)
    kind = KINDS.get(request.GET.get("kind", ""))
    if kind is None:
        raise Http404
    form = ScopeForm.from_query(request.GET)
    if not form.is_valid():
        return TemplateResponse(
            request, "trade/programme/records.html", {"form": form, "kind": kind}, status=400
        )
    scope = form.scope_value()
    women_led = {"1": True, "0": False}.get(request.GET.get("women_led", ""))
    size = request.GET.get("size") if request.GET.get("size") in SIZES else None
    rows = records_of(kind, scope, women_led, size).order_by("-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {**request.GET.dict()}
    filters.pop("page", None)
    return TemplateResponse(
        request,
        "trade/programme/records.html",
        {
            "form": form,
            "kind": kind,
            "scope": scope,
            "women_led": women_led,
            "size": size,
            "page": page,
            "headers": [label for label, _accessor in kind.columns],
            "lines": [[_cell(record, accessor) for _label, accessor in kind.columns] for record in page],
            "query": urlencode(filters),
            "dashboard_query": urlencode(scope.query()),
        },
    )


@hooks.register("register_admin_urls")
def register_programme_urls():
    urls = [
        path("", dashboard, name="dashboard"),
        path("figures.csv", figures_csv, name="csv"),
        path("records/", records, name="records"),
    ]
    return [path("programme/", (urls, "programme", "programme"))]


@hooks.register("register_admin_menu_item")
def register_programme_menu_item():
    return CuratorMenuItem(
        gettext_lazy("Programme"),
        reverse("programme:dashboard"),
        icon_name="table",
        name="programme",
        order=195,
    )
