"""The ledger in the back office: whether it reconciles, each account's balance per currency, Stripe's fees,
and every transaction with its entries (filterable by kind and currency, searchable by reference)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.views.generic import IndexView

from ..ledger import book
from ..ledger.reconcile import ledger_problems
from ..models import Account, LedgerTransaction


class EntriesColumn(BaseColumn):
    """A transaction's entries, one per line: account (supplier), debit + or credit −."""

    cell_template_name = "orders/admin/includes/entries_cell.html"


class OrderLinkColumn(BaseColumn):
    """A link to the order's back-office page, when the movement belongs to an order (by its id: no query)."""

    cell_template_name = "orders/admin/includes/order_link_cell.html"


class LedgerIndexView(IndexView):
    template_name = "orders/admin/ledger_index.html"
    page_title = _("Ledger")

    def get_base_queryset(self):
        return LedgerTransaction.objects.prefetch_related("entries__supplier")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only:
            totals = book.account_totals()
            context["totals"] = totals
            context["stripe_fees"] = [money for account, money in totals if account == Account.STRIPE_FEES]
            context["problems"] = ledger_problems()
        return context
