"""Curators' read-only admin lists of trade (threads, messages, RFQs, subcontracting, filterable by cluster)
and the one moderating action: hiding an abusive message."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from . import badge_import_admin  # noqa: F401  (registers the curators' badge-scan import)
from .admin_views import hide_message_view
from .models import RFQ, Message, SubcontractRequest, Thread


class CuratorReadOnlyPolicy(BasePermissionPolicy):
    """Curators may look, never add, edit or delete: the trade records are the parties' own."""

    def user_has_permission(self, user, action):
        return action == "view" and getattr(user, "is_curator", False)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and getattr(user, "is_curator", False)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    # Add/edit views exist in Wagtail but the permission policy refuses them.
    exclude_form_fields = []


class ThreadViewSet(ReadOnlyViewSet):
    model = Thread
    icon = "mail"
    list_display = ["subject", "supplier", "buyer", "state", "created_at"]
    list_filter = ["state", "supplier__clusters"]
    search_fields = ["subject"]


def hide_link(message):
    if message.hidden:
        return _("hidden")
    return format_html('<a href="{}">{}</a>', reverse("trade_hide_message", args=[message.pk]), _("Hide"))


class MessageViewSet(ReadOnlyViewSet):
    model = Message
    icon = "comment"
    list_display = [
        "thread",
        "author",
        "body",
        "created_at",
        Column("moderate", label=_("Moderate"), accessor=hide_link),
    ]
    list_filter = ["hidden", "thread__supplier__clusters"]
    search_fields = ["body"]


class RFQViewSet(ReadOnlyViewSet):
    model = RFQ
    icon = "doc-full"
    list_display = ["title", "buyer", "category", "cluster", "quantity", "state", "deadline"]
    list_filter = ["state", "cluster", "category"]
    search_fields = ["title"]


class SubcontractViewSet(ReadOnlyViewSet):
    model = SubcontractRequest
    icon = "group"
    list_display = ["__str__", "cluster", "requester", "quantity", "state", "deadline"]
    list_filter = ["state", "cluster"]


class TradeGroup(ModelViewSetGroup):
    menu_label = _("Trade")
    menu_icon = "mail"
    items = (
        ThreadViewSet("trade_thread"),
        MessageViewSet("trade_message"),
        RFQViewSet("trade_rfq"),
        SubcontractViewSet("trade_subcontract"),
    )


for _model in (Thread, Message, RFQ, SubcontractRequest):
    register_permission_policy(_model, CuratorReadOnlyPolicy(_model))


@hooks.register("register_admin_viewset")
def register_trade_viewsets():
    return TradeGroup()


@hooks.register("register_admin_urls")
def register_hide_message_url():
    return [path("trade/messages/<int:pk>/hide/", hide_message_view, name="trade_hide_message")]


# The curators' programme dashboard registers its own admin URLs and menu item (orders.trade.programme).
from .programme import admin as programme_admin  # noqa: E402, F401
