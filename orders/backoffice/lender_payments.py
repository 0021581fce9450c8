"""What the platform owes partner lenders, and recording that an operator paid them.

When an order's escrow is released, the lender of its advance is repaid first: the release books the money
on LENDER_PAYABLE (orders.financing.ledger), where it stays until an operator transfers it to the lender and
records the transfer here (`pay_lender`). The list shows each lender's balance per currency; a lender's
page shows, per currency, what is owed with the releases that booked it, the last payments, and the form.

Operators only, like the rest of the Operations menu: this is the ledger's cash side (the lender-side twin
of payout batches), and curators, who manage lenders in the "Lenders" menu, see neither the ledger nor
payouts.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Max, Q, Sum
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.currency import format_money
from marketplace.money import CURRENCIES, Money, quantize
from marketplace.workflow import TransitionError, history

from ..financing.ledger import owed_to_lender, pay_lender, recorded_payment
from ..models import Account, Advance, LedgerEntry, LedgerTransaction, Lender
from .forms import PayLenderForm

RECENT_PAYMENTS = 10


@dataclass
class Balance:
    """One row of the list: what the platform owes `lender` in `currency`, and when it last paid it."""

    lender: Lender
    currency: str
    owed: Money
    last_paid_at: object = None


def balances() -> list[Balance]:
    """Every lender the ledger ever owed, per currency, largest debt first. One query for the sums."""
    rows = (
        LedgerEntry.objects.filter(account=Account.LENDER_PAYABLE)
        .values("lender", "currency")
        .annotate(
            total=Sum("amount"),
            last_paid_at=Max(
                "transaction__created_at", filter=Q(transaction__kind=LedgerTransaction.Kind.LENDER_PAID)
            ),
        )
    )
    lenders = Lender.objects.in_bulk({row["lender"] for row in rows})
    result = [
        Balance(
            lender=lenders[row["lender"]],
            currency=row["currency"],
            owed=Money(-quantize(row["total"], row["currency"]), row["currency"]),
            last_paid_at=row["last_paid_at"],
        )
        for row in rows
    ]
    return sorted(result, key=lambda b: (-b.owed.amount, b.lender.name, b.currency))


@dataclass
class LenderAccount:
    """A lender's page, for one currency: what is owed, the releases that booked it, the last payments."""

    currency: str
    owed: Money
    form: PayLenderForm
    repayments: list = field(default_factory=list)
    payments: list = field(default_factory=list)


def repayments_since_last_payment(lender, currency) -> list[dict]:
    """The releases that repaid `lender` since the platform last paid it, newest first: what the balance is
    made of (each payment clears the whole balance, so everything booked after it is still owed). Each row:
    order, supplier, advance, amount."""
    entries = LedgerEntry.objects.filter(account=Account.LENDER_PAYABLE, lender=lender, currency=currency)
    last_payment = (
        entries.filter(transaction__kind=LedgerTransaction.Kind.LENDER_PAID)
        .order_by("-transaction_id")
        .values_list("transaction_id", flat=True)
        .first()
    )
    released = entries.filter(transaction__kind=LedgerTransaction.Kind.RELEASE).select_related(
        "order", "supplier", "transaction"
    )
    if last_payment is not None:
        released = released.filter(transaction_id__gt=last_payment)
    released = list(released.order_by("-transaction_id"))
    advances = {
        (advance.order_id, advance.supplier_id): advance
        for advance in Advance.objects.filter(
            lender=lender, order__in={entry.order_id for entry in released}
        ).exclude(state__in=[Advance.State.DECLINED, Advance.State.WITHDRAWN])
    }
    return [
        {
            "order": entry.order,
            "supplier": entry.supplier,
            "advance": advances.get((entry.order_id, entry.supplier_id)),
            "amount": Money(-entry.amount, currency),
            "at": entry.transaction.created_at,
        }
        for entry in released
    ]


def recent_payments(lender, currency) -> list[dict]:
    """The platform's last transfers to `lender` in `currency`, newest first, with who recorded each."""
    entries = list(
        LedgerEntry.objects.filter(
            account=Account.LENDER_PAYABLE,
            lender=lender,
            currency=currency,
            transaction__kind=LedgerTransaction.Kind.LENDER_PAID,
        )
        .select_related("transaction")
        .order_by("-transaction_id")[:RECENT_PAYMENTS]
    )
    references = [entry.transaction.reference.removeprefix("lender_paid:") for entry in entries]
    recorders = {
        change.to_state: change.actor
        for change in history(lender).filter(field="payment", to_state__in=references)
    }
    return [
        {
            "reference": reference,
            "amount": Money(entry.amount, currency),
            "at": entry.transaction.created_at,
            "by": recorders.get(reference),
        }
        for reference, entry in zip(references, entries, strict=True)
    ]


class LenderPaymentsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "orders/admin/lender_payments_index.html"
    page_title = gettext_lazy("Lender payments")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        return super().get_context_data(balances=balances(), **kwargs)


class LenderPaymentsView(WagtailAdminTemplateMixin, TemplateView):
    """A lender's page: per currency, what the platform owes it, where that came from, its last payments
    and the form recording a transfer (which posts to `RecordLenderPaymentView` and comes back here)."""

    template_name = "orders/admin/lender_payments.html"
    header_icon = "site"
    index_url_name = None

    def get(self, request, pk):
        return self.render_page(get_object_or_404(Lender, pk=pk))

    def render_page(self, lender, *, bound_form=None):
        self.lender = lender
        currencies = sorted(
            set(lender.currencies)
            | set(
                LedgerEntry.objects.filter(account=Account.LENDER_PAYABLE, lender=lender)
                .values_list("currency", flat=True)
                .distinct()
            )
        )
        accounts = []
        for currency in currencies:
            owed = Money(owed_to_lender(lender, currency), currency)
            form = PayLenderForm(prefix=currency, initial={"amount": owed.amount})
            if bound_form is not None and bound_form.prefix == currency:
                form = bound_form
            accounts.append(
                LenderAccount(
                    currency=currency,
                    owed=owed,
                    form=form,
                    repayments=repayments_since_last_payment(lender, currency),
                    payments=recent_payments(lender, currency),
                )
            )
        return self.render_to_response(self.get_context_data(lender=lender, accounts=accounts))

    def get_page_title(self):
        return str(self.lender)

    def get_page_subtitle(self):
        return _("Payments")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext_lazy("Lender payments")},
            {"url": "", "label": self.get_page_title()},
        ]


class RecordLenderPaymentView(LenderPaymentsView):
    """Record the operator's bank transfer of what is owed (`pay_lender`); the same reference twice records
    one payment, nothing owed posts nothing; both say so."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        lender = get_object_or_404(Lender, pk=pk)
        currency = request.POST.get("currency", "")  # which of the page's forms: their prefix
        if currency not in CURRENCIES:
            return HttpResponseBadRequest()
        form = PayLenderForm(request.POST, prefix=currency)
        if not form.is_valid():
            return self.render_page(lender, bound_form=form)
        reference = form.cleaned_data["reference"]
        already = recorded_payment(reference) is not None
        try:
            txn = pay_lender(
                lender, currency, reference=reference, actor=request.user, amount=form.cleaned_data["amount"]
            )
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            self.tell(lender, currency, reference, txn, already)
        return redirect(self.inspect_url_name, pk=lender.pk)

    def tell(self, lender, currency, reference, txn, already):
        if already:
            messages.info(
                self.request,
                _("Transfer %(reference)s was already recorded: nothing changed.") % {"reference": reference},
            )
        elif txn is None:
            messages.info(
                self.request,
                _("Nothing is owed to %(lender)s in %(currency)s: no payment was recorded.")
                % {"lender": lender, "currency": currency},
            )
        else:
            paid = txn.entries.get(account=Account.LENDER_PAYABLE).amount
            messages.success(
                self.request,
                _("Payment of %(amount)s to %(lender)s recorded (transfer %(reference)s).")
                % {"amount": format_money(Money(paid, currency)), "lender": lender, "reference": reference},
            )
