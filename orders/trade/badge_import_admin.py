"""The curators' badge-scan import in the Wagtail admin (/admin/leads/badge-import/): choose the event,
upload the organiser's CSV, read the row-level report (orders.trade.leads.badge_import does the work).

Registered from orders/trade/wagtail_hooks.py by importing this module.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from catalog.models import Event

from .leads.badge_import import BADGE_COLUMNS, MAX_BYTES, import_badge_scans


class BadgeImportForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.order_by("-starts_on"))
    file = forms.FileField(label=_("Badge scans (CSV, UTF-8)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB: split it."))
        return upload


def badge_import_view(request):
    if not request.user.is_curator:
        raise PermissionDenied
    initial = {}
    if (event_id := request.GET.get("event", "")).isdigit():
        initial["event"] = Event.objects.filter(pk=event_id).first()
    form = BadgeImportForm(request.POST or None, request.FILES or None, initial=initial)
    report = None
    if request.method == "POST" and form.is_valid():
        event = form.cleaned_data["event"]
        report = import_badge_scans(event=event, data=form.cleaned_data["file"].read(), curator=request.user)
        if report.error:
            form.add_error("file", report.error)
    context = {"form": form, "report": report, "columns": BADGE_COLUMNS}
    return render(request, "trade/admin/badge_import.html", context, status=400 if form.errors else 200)


class CuratorMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request.user, "is_curator", False)


@hooks.register("register_admin_urls")
def register_badge_import_url():
    return [path("leads/badge-import/", badge_import_view, name="trade_badge_import")]


@hooks.register("register_admin_menu_item")
def register_badge_import_menu_item():
    return CuratorMenuItem(
        _("Import badge scans"), reverse("trade_badge_import"), icon_name="upload", order=330
    )
