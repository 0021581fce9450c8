"""The operators' back office in the Wagtail admin: the "Operations" menu (orders, ledger, payouts,
lender payments, commissions, emails) and who may use it. The views live in orders/backoffice/."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from marketplace.jobs.models import OutgoingEmail

from .backoffice.permissions import OperatorPolicy
from .backoffice.viewsets import OperationsGroup
from .financing.admin import CuratorsAndOperatorsPolicy, FinancingGroup
from .models import CategoryCommission, LedgerTransaction, Lender, LenderOfficer, Order, PayoutBatch

# What operators may do with each model through Wagtail's generic views; everyone else may do nothing.
# Orders and ledger postings change only through the services (refunds, disputes, payouts), never by editing.
register_permission_policy(Order, OperatorPolicy(Order, {"view"}))
register_permission_policy(LedgerTransaction, OperatorPolicy(LedgerTransaction, {"view"}))
register_permission_policy(PayoutBatch, OperatorPolicy(PayoutBatch, {"view", "add"}))
register_permission_policy(
    CategoryCommission, OperatorPolicy(CategoryCommission, {"view", "add", "change", "delete"})
)
# Emails are sent again through the service (marketplace.jobs.mail.resend_email), never edited.
register_permission_policy(OutgoingEmail, OperatorPolicy(OutgoingEmail, {"view"}))


@hooks.register("register_admin_viewset")
def register_operations():
    return OperationsGroup()


# Lenders and their officers: curators and operators (orders/financing/admin.py).
register_permission_policy(Lender, CuratorsAndOperatorsPolicy(Lender))
register_permission_policy(LenderOfficer, CuratorsAndOperatorsPolicy(LenderOfficer))


@hooks.register("register_admin_viewset")
def register_lenders():
    return FinancingGroup()
