"""The curators' events in the Wagtail admin, under "Programme": each event (name, dates, city, venue) and its
exhibitors (a supplier at a booth), listed on their own and filtered by event; the event list links each
event to its exhibitors. Only curators see or change them (CuratorsOnlyPolicy, as for coordinators).

Registered from catalog/wagtail_hooks.py by importing this module.
"""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from ..coordinator_admin import CuratorsOnlyPolicy
from .models import Event, Exhibitor


class EventCreateView(CreateView):
    def save_instance(self):
        event = self.form.save(commit=False)
        event.created_by = self.request.user
        event.save()
        return event


def exhibitors_link(event):
    url = reverse("programme_exhibitors:index") + f"?event={event.pk}"
    return format_html('<a href="{}">{}</a>', url, _("Exhibitors"))


class EventViewSet(ModelViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    copy_view_enabled = False
    add_to_reference_index = False
    add_view_class = EventCreateView
    list_display = [
        "name",
        "starts_on",
        "ends_on",
        "city",
        Column("exhibitors", label="", accessor=exhibitors_link),
    ]
    search_fields = ["name", "city", "venue"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("city"),
        FieldPanel("venue"),
        FieldPanel("description"),
    ]

    def get_permissions_to_register(self):
        return Permission.objects.none()


class ExhibitorViewSet(ModelViewSet):
    model = Exhibitor
    icon = "group"
    menu_label = _("Exhibitors")
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["supplier", "booth", "event"]
    list_filter = ["event", "supplier__clusters"]
    search_fields = ["supplier__name", "booth"]
    list_per_page = 100
    panels = [FieldPanel("event"), FieldPanel("supplier"), FieldPanel("booth")]

    def get_queryset(self, request):
        return Exhibitor.objects.select_related("supplier", "event")

    def get_permissions_to_register(self):
        return Permission.objects.none()


class ProgrammeGroup(ModelViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "date"
    menu_order = 320
    items = (EventViewSet("programme_events"), ExhibitorViewSet("programme_exhibitors"))


for _model in (Event, Exhibitor):
    register_permission_policy(_model, CuratorsOnlyPolicy(_model))


@hooks.register("register_admin_viewset")
def register_programme_viewsets():
    return ProgrammeGroup()
