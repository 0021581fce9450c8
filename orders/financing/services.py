"""An advance's life, as data and one function per step: the supplier asks (or withdraws), the lender's
officer approves or declines and records the disbursement; the release of the order's escrow repays it
(orders/financing/ledger.py).

    requested ──approve──▶ approved ──disburse──▶ disbursed ──release──▶ repaid
        │  └──decline──▶ declined      │
        └──────withdraw──▶ withdrawn ◀─┘

Who: only the supplier's owners ask and withdraw (`may(user, "change_payout_details", supplier)`: an advance
is a debt of the business and shares its record, which is the owner's call, as payout details are; staff and
coordinators may not). Only officers of the advance's lender decide on it. Every change goes through
`marketplace.workflow.transition`, which locks the advance and records who did it.
"""

from decimal import ROUND_DOWN, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from catalog.permissions import may
from marketplace.currency import format_money
from marketplace.money import CURRENCIES, Money
from marketplace.workflow import TransitionError, lock, record, transition

from ..ledger import book
from ..models import Account, Dispute, Fulfilment, LedgerEntry, Order
from . import ledger
from .models import Advance, Lender, LenderOfficer
from .record import order_facts, supplier_record

A = Advance.State
# The order's states in which its money is held and may still be released to the supplier.
ADVANCEABLE_ORDER_STATES = (
    Order.State.PAID,
    Order.State.IN_PRODUCTION,
    Order.State.SHIPPED,
    Order.State.DELIVERED,
)
# SQLite sums decimals as floats; an escrow balance under half a cent is nothing held.
HALF_A_CENT = Decimal("0.005")
ADVANCE_TRANSITIONS = {
    A.APPROVED: {A.REQUESTED},
    A.DECLINED: {A.REQUESTED},
    A.WITHDRAWN: {A.REQUESTED, A.APPROVED},
    A.DISBURSED: {A.APPROVED},
    A.REPAID: {A.DISBURSED},
}

# The supplier's consent, stored word for word with each request (the translation they read is stored).
CONSENT_TEXT = gettext_noop(
    "I agree that the marketplace shares with %(lender)s, and with no one else, this order's facts (number, "
    "date, state, the buyer's country, my part's value and what is held in escrow) and my record: orders "
    "fulfilled, on-time rate, disputes, months on the marketplace, whether my business is women-led, and "
    "its size. I agree that %(lender)s is repaid the advance and its fee first from this order's escrow "
    "when it is released to me, and that I owe %(lender)s any part the escrow does not cover."
)


def consent_text(lender) -> str:
    return _(CONSENT_TEXT) % {"lender": lender.name}


def require_owner(actor, supplier):
    if not may(actor, "change_payout_details", supplier):
        raise TransitionError(_("Only the business's owners may ask for an advance."), code="not_owner")


def require_officer(actor, advance):
    if not LenderOfficer.objects.filter(lender=advance.lender_id, user=getattr(actor, "pk", None)).exists():
        raise TransitionError(_("Only the lender's officers decide on this advance."), code="not_officer")


def lenders_for(order):
    """Active lenders lending in the order's currency."""
    return [lender for lender in Lender.objects.filter(is_active=True) if order.currency in lender.currencies]


def currencies_lent() -> set[str]:
    """Every currency some active lender lends in."""
    return {
        code
        for codes in Lender.objects.filter(is_active=True).values_list("currencies", flat=True)
        for code in codes
    }


def advance_limit(lender, order, supplier) -> Decimal:
    """The most `lender` advances on this part now: its share of what is held in escrow, rounded down."""
    held = book.held_in_escrow(order, supplier)
    exponent = Decimal(1).scaleb(-CURRENCIES[order.currency])
    return max(held * lender.max_advance_percent / 100, Decimal("0")).quantize(exponent, rounding=ROUND_DOWN)


def parts_open_to_advances(user, fulfilments) -> set[int]:
    """Of `fulfilments` (a page of the supplier's orders), the pks of those `user` may ask an advance on now:
    as `can_request` with the owner rule, in a currency some lender lends in; a fixed number of queries
    whatever the page's length (the lenders, the escrow balances, the live advances, the roles)."""
    lent_in = currencies_lent()
    candidates = [
        f
        for f in fulfilments
        if f.order.currency in lent_in
        and f.order.state in ADVANCEABLE_ORDER_STATES
        and f.state != Fulfilment.State.DECLINED
    ]
    if not candidates:
        return set()
    orders = {f.order_id for f in candidates}
    held = {
        (row["order"], row["supplier"]): -row["total"]
        for row in LedgerEntry.objects.filter(account=Account.ESCROW, order__in=orders)
        .values("order", "supplier")
        .annotate(total=Sum("amount"))
    }
    live = set(
        Advance.objects.filter(order__in=orders)
        .exclude(state__in=[A.DECLINED, A.WITHDRAWN])
        .values_list("order", "supplier")
    )
    return {
        f.pk
        for f in candidates
        if held.get((f.order_id, f.supplier_id), 0) > HALF_A_CENT
        and (f.order_id, f.supplier_id) not in live
        and may(user, "change_payout_details", f.supplier)
    }


def can_request(fulfilment) -> bool:
    """Whether the part is one an advance may be asked on: paid, not disputed or refunded, money held for
    this supplier, not declined, and no live advance yet (reads without locking; `request_advance` checks)."""
    order = fulfilment.order
    return (
        order.state in ADVANCEABLE_ORDER_STATES
        and fulfilment.state != Fulfilment.State.DECLINED
        and book.held_in_escrow(order, fulfilment.supplier) > 0
        and not Advance.objects.filter(order=order, supplier=fulfilment.supplier)
        .exclude(state__in=[A.DECLINED, A.WITHDRAWN])
        .exists()
    )


def _refuse_unless_eligible(order, fulfilment, lender, amount):
    if not lender.is_active or order.currency not in lender.currencies:
        raise TransitionError(_("This lender does not lend in the order's currency."), code="currency")
    if not can_request(fulfilment):
        raise TransitionError(
            _(
                "An advance needs a paid order whose money is held in escrow for you, "
                "without another advance."
            ),
            code="not_eligible",
        )
    if order.disputes.filter(state=Dispute.State.OPEN).exists():
        raise TransitionError(_("A dispute freezes this order's escrow."), code="disputed")
    limit = advance_limit(lender, order, fulfilment.supplier)
    if amount <= 0:
        raise TransitionError(_("Enter an amount above zero."), code="amount")
    if amount > limit:
        raise TransitionError(
            _("%(lender)s advances at most %(limit)s on this order.")
            % {"lender": lender.name, "limit": format_money(Money(limit, order.currency))},
            code="above_limit",
        )


def request_advance(fulfilment, actor, *, lender, amount: Decimal, consent: bool) -> Advance:
    """The supplier's owner asks `lender` for `amount` against their part of a paid order held in escrow.

    Refuses without consent, above the lender's limit, in a currency the lender does not lend in, on a part
    not eligible (`can_request`) or disputed. Locks the order so two requests cannot both pass the checks;
    the database's one-live-advance constraint backs that up. Snapshots the shared record with the consent's
    wording and time.
    """
    require_owner(actor, fulfilment.supplier)
    if not consent:
        raise TransitionError(_("Agree to share your record with the lender to ask."), code="no_consent")
    with transaction.atomic():
        order = lock(Order, fulfilment.order_id)
        fulfilment.order = order
        _refuse_unless_eligible(order, fulfilment, lender, amount)
        held = book.held_in_escrow(order, fulfilment.supplier)
        try:
            with transaction.atomic():
                advance = Advance.objects.create(
                    order=order,
                    supplier=fulfilment.supplier,
                    lender=lender,
                    currency=order.currency,
                    requested_amount=amount,
                    consent_text=consent_text(lender),
                    consent_at=timezone.now(),
                    shared_record={
                        "order": order_facts(order, fulfilment.supplier, held),
                        "supplier": supplier_record(fulfilment.supplier),
                    },
                    requested_by=actor,
                )
        except IntegrityError as error:
            raise TransitionError(_("This order already has an advance."), code="not_eligible") from error
        record(advance, "", A.REQUESTED, actor, note=f"{amount} {order.currency} from {lender}")
    return advance


def withdraw_advance(advance, actor, note=""):
    """The supplier's owner withdraws a request not yet disbursed."""
    require_owner(actor, advance.supplier)
    return transition(Advance, advance.pk, A.WITHDRAWN, ADVANCE_TRANSITIONS, actor=actor, note=note).obj


def approve_advance(advance, actor, *, amount: Decimal, fee: Decimal | None = None, note=""):
    """The lender's officer approves `amount` (at most what was asked and the lender's limit now) with a fee
    of at most the lender's fee percent of it (that by default; an officer may lower it, never raise it)."""
    require_officer(actor, advance)
    lender = advance.lender
    exponent = Decimal(1).scaleb(-CURRENCIES[advance.currency])
    most_fee = (amount * lender.fee_percent / 100).quantize(exponent, rounding=ROUND_DOWN)
    fee = most_fee if fee is None else fee

    def check(obj):
        limit = advance_limit(lender, obj.order, obj.supplier)
        if amount <= 0 or amount > obj.requested_amount:
            raise TransitionError(
                _("Approve an amount above zero and no more than was asked."), code="amount"
            )
        if amount > limit:
            raise TransitionError(
                _("At most %(limit)s may be advanced on this order now.")
                % {"limit": format_money(Money(limit, obj.currency))},
                code="above_limit",
            )
        if fee < 0 or fee > most_fee:
            raise TransitionError(
                _("The fee is at most %(fee)s (%(percent)s%% of the amount).")
                % {"fee": format_money(Money(most_fee, obj.currency)), "percent": lender.fee_percent},
                code="fee",
            )

    def apply(obj):
        obj.approved_amount, obj.fee_amount = amount, fee
        obj.decided_by, obj.decided_at = actor, timezone.now()

    return transition(
        Advance, advance.pk, A.APPROVED, ADVANCE_TRANSITIONS, actor=actor, note=note, check=check, apply=apply
    ).obj


def decline_advance(advance, actor, *, reason):
    """The lender's officer declines, saying why (the supplier reads the reason)."""
    require_officer(actor, advance)
    if not reason.strip():
        raise TransitionError(_("Say why the advance is declined."), code="missing_reason")

    def apply(obj):
        obj.decline_reason = reason.strip()[:300]
        obj.decided_by, obj.decided_at = actor, timezone.now()

    return transition(
        Advance, advance.pk, A.DECLINED, ADVANCE_TRANSITIONS, actor=actor, note=reason[:200], apply=apply
    ).obj


def disburse_advance(advance, actor, *, disbursed_on, reference, rail):
    """The lender's officer records that the lender paid the supplier; the ledger books the debt (once).

    Refused once the part's escrow is gone (released or refunded: nothing would repay it), while the order is
    disputed, or when the approved amount is above the limit now (a partial refund since approval)."""
    require_officer(actor, advance)
    if not reference.strip():
        raise TransitionError(_("Enter the transfer's reference."), code="missing_reference")

    def check(obj):
        order = lock(Order, obj.order_id)
        if order.disputes.filter(state=Dispute.State.OPEN).exists():
            raise TransitionError(_("A dispute freezes this order's escrow."), code="disputed")
        if obj.approved_amount > advance_limit(obj.lender, order, obj.supplier):
            raise TransitionError(
                _(
                    "The order's escrow no longer covers this advance; "
                    "decline it or ask the supplier to withdraw."
                ),
                code="above_limit",
            )

    def apply(obj):
        obj.disbursed_on, obj.disbursement_reference, obj.disbursement_rail = disbursed_on, reference, rail
        ledger.book_disbursement(obj)

    return transition(
        Advance, advance.pk, A.DISBURSED, ADVANCE_TRANSITIONS, actor=actor, check=check, apply=apply
    ).obj
