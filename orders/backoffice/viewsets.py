"""The "Operations" menu and its viewsets under /admin/operations/: orders, ledger, payouts, lender payments,
commissions, emails.

Each viewset lists only the URLs it uses (Wagtail's ModelViewSet would add edit, delete, copy, history and
usage views that mean nothing for an order or a ledger posting), and wraps every one in `operator_required`.
"""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.utils.urlpatterns import decorate_urlpatterns

from marketplace.jobs.models import OutgoingEmail

from ..ledger.forms import CategoryCommissionForm
from ..models import CategoryCommission, LedgerTransaction, Order, PayoutBatch
from . import commissions, emails, ledger, lender_payments, orders, payouts
from .permissions import operator_required


class OperationsViewSet(ModelViewSet):
    """A ModelViewSet for operators. The rule is the `OperatorPolicy` registered for the model (see
    orders/wagtail_hooks.py); nothing here feeds Wagtail's reference index or the group permission screen,
    because the Operators group, not a model permission, is what lets someone in.

    The overrides below are ModelViewSet's documented hooks (Wagtail 8.0); if Wagtail renames one, the pages
    stop rendering or the refusals stop holding, and tests/orders/test_backoffice_access.py fails.
    """

    add_to_reference_index = False  # no rich text or page links to track, and no index writes on each save
    copy_view_enabled = False
    edit_view_enabled = False  # only commission rates are edited in place

    def get_common_view_kwargs(self, **kwargs):
        # Replaces the history and usage URL names Wagtail passes to every view: those views are not routed,
        # because the services keep the audit trail (marketplace.audit), not Wagtail's log.
        return super().get_common_view_kwargs(history_url_name=None, usage_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return decorate_urlpatterns(self.operations_urlpatterns(), operator_required)

    def operations_urlpatterns(self):
        """The viewset's URLs, the index first (it is the menu item's link)."""
        raise NotImplementedError

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def register_admin_url_finder(self):
        # Wagtail's finder links an object to its edit view (search results, logs); most of these have none.
        if self.edit_view_enabled:
            super().register_admin_url_finder()

    def listing_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class OrderViewSet(OperationsViewSet):
    model = Order
    name = "operations_orders"
    url_prefix = "operations/orders"
    menu_label = _("Orders")
    icon = "clipboard-list"
    index_view_class = orders.OrderIndexView
    inspect_view_enabled = True  # the order's page; the listing links each order to it
    inspect_view_class = orders.OrderView
    list_display = [
        "__str__",
        Column("buyer", label=_("Buyer"), accessor="buyer.email"),
        "state",
        "source",
        Column("total", label=_("Total"), accessor=orders.total_text),
        DateColumn("created_at", label=_("Placed"), sort_key="created_at"),
    ]
    list_filter = ["state", "source", "currency", "created_at"]
    # Support is asked by buyer (email, name, company) or by supplier; a number finds the order itself.
    search_fields = [
        "buyer__email",
        "buyer__full_name",
        "buyer__buyer_company__name",
        "shipping_name",
        "fulfilments__supplier__name",
    ]
    list_per_page = 50

    def operations_urlpatterns(self):
        page = self.get_inspect_view_kwargs()
        return self.listing_urlpatterns() + [
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/refund/", self.construct_view(orders.RefundView, **page), name="refund"),
            path(
                "<int:pk>/resolve-dispute/",
                self.construct_view(orders.ResolveDisputeView, **page),
                name="resolve_dispute",
            ),
            path(
                "<int:pk>/refund-late-payment/",
                self.construct_view(orders.RefundLatePaymentView),
                name="refund_late_payment",
            ),
        ]


class LedgerViewSet(OperationsViewSet):
    model = LedgerTransaction
    name = "operations_ledger"
    url_prefix = "operations/ledger"
    menu_label = _("Ledger")
    icon = "table"
    index_view_class = ledger.LedgerIndexView
    list_display = [
        DateColumn("created_at", label=_("When"), sort_key="created_at"),
        Column("kind", label=_("What"), accessor="get_kind_display", sort_key="kind"),
        Column("reference", label=_("Reference")),
        ledger.OrderLinkColumn("order", label=_("Order")),
        ledger.EntriesColumn("entries", label=_("Entries (debit +, credit −)")),
    ]
    list_filter = ["kind", "currency", "created_at"]
    search_fields = ["reference", "memo"]
    list_per_page = 50

    def operations_urlpatterns(self):
        return self.listing_urlpatterns()


class PayoutBatchViewSet(OperationsViewSet):
    model = PayoutBatch
    name = "operations_payouts"
    url_prefix = "operations/payouts"
    menu_label = _("Payouts")
    icon = "upload"
    index_view_class = payouts.PayoutBatchIndexView
    inspect_view_enabled = True
    inspect_view_class = payouts.PayoutBatchView
    list_display = [
        "__str__",
        "state",
        Column("supplier_count", label=_("Suppliers"), sort_key="supplier_count"),
        Column("created_by", label=_("Created by")),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    list_filter = ["state", "currency"]

    def operations_urlpatterns(self):
        page = self.get_inspect_view_kwargs()
        return self.listing_urlpatterns() + [
            path("new/", self.construct_view(payouts.CreatePayoutBatchView), name="add"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/settle/", self.construct_view(payouts.SettleBatchView), name="settle"),
            path(
                "<int:pk>/items/<int:item_pk>/settle/",
                self.construct_view(payouts.SettleItemView),
                name="settle_item",
            ),
            path(
                "<int:pk>/settlement-file/",
                self.construct_view(payouts.SettlementFileView, **page),
                name="settlement_file",
            ),
            path("<int:pk>/<str:rail>.csv", self.construct_view(payouts.PayoutCSVView), name="csv"),
        ]


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request.user, "is_operator", False)


class LenderPaymentsViewSet(ViewSet):
    """What the platform owes each lender and recording its transfers. A plain ViewSet, not a ModelViewSet of
    Lender: its rows are balances, not lenders, and the Lender model's permission policy (curators too,
    orders/financing/admin.py) must not decide who sees this menu item; `OperatorMenuItem` does, and
    `operator_required` guards every URL as for the other Operations viewsets."""

    name = "operations_lender_payments"
    url_prefix = "operations/lender-payments"
    menu_label = _("Lender payments")
    icon = "site"
    menu_item_class = OperatorMenuItem

    def get_urlpatterns(self):
        index, inspect = self.get_url_name("index"), self.get_url_name("inspect")
        return decorate_urlpatterns(
            [
                path("", lender_payments.LenderPaymentsIndexView.as_view(), name="index"),
                path(
                    "<int:pk>/",
                    lender_payments.LenderPaymentsView.as_view(index_url_name=index),
                    name="inspect",
                ),
                path(
                    "<int:pk>/pay/",
                    lender_payments.RecordLenderPaymentView.as_view(
                        index_url_name=index, inspect_url_name=inspect
                    ),
                    name="pay",
                ),
            ],
            operator_required,
        )


class CategoryCommissionViewSet(OperationsViewSet):
    model = CategoryCommission
    name = "operations_commissions"
    url_prefix = "operations/commissions"
    menu_label = _("Commissions")
    icon = "decimal"
    index_view_class = commissions.CommissionIndexView
    add_view_class = commissions.CommissionCreateView
    edit_view_class = commissions.CommissionEditView
    delete_view_class = commissions.CommissionDeleteView
    edit_view_enabled = True
    list_display = [
        "category",  # the title column: links to the rate's edit form
        Column("percent", label=_("Commission"), accessor=commissions.percent_sign, sort_key="percent"),
    ]
    ordering = "category__path"
    list_per_page = 100

    def get_form_class(self, for_update=False):
        return CategoryCommissionForm

    def operations_urlpatterns(self):
        return self.listing_urlpatterns() + [
            path("new/", self.add_view, name="add"),
            path("<int:pk>/", self.edit_view, name="edit"),
            path("<int:pk>/delete/", self.delete_view, name="delete"),
        ]


class OutgoingEmailViewSet(OperationsViewSet):
    """Every email the site queued; a failed one (after EMAIL_MAX_ATTEMPTS) can be sent again."""

    model = OutgoingEmail
    name = "operations_emails"
    url_prefix = "operations/emails"
    menu_label = _("Emails")
    icon = "mail"
    index_view_class = emails.EmailIndexView
    inspect_view_enabled = True
    inspect_view_class = emails.EmailView
    list_display = [
        "subject",
        Column("to", label=_("To")),
        "status",
        Column("attempts", label=_("Attempts")),
        DateColumn("created_at", label=_("Queued"), sort_key="created_at"),
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["to", "subject"]
    list_per_page = 50

    def operations_urlpatterns(self):
        return self.listing_urlpatterns() + [
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/resend/", self.construct_view(emails.ResendEmailView), name="resend"),
        ]


class OperationsGroup(ModelViewSetGroup):
    """The operators' menu; Wagtail shows it when at least one item is shown, i.e. to operators."""

    menu_label = _("Operations")
    menu_name = "operations"
    menu_icon = "tasks"
    menu_order = 300
    items = (
        OrderViewSet,
        LedgerViewSet,
        PayoutBatchViewSet,
        LenderPaymentsViewSet,
        CategoryCommissionViewSet,
        OutgoingEmailViewSet,
    )
