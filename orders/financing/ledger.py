"""An advance in the double-entry ledger: booked when the lender disburses it, repaid first from the order's
escrow when that is released.

The lender pays the supplier directly (outside the platform), so disbursing moves no cash of ours: it books
the supplier's debt to the lender, secured on the order's escrow:
    ADVANCE_DUE    +(advance + fee)  supplier, order, lender   what the supplier owes the lender
    LENDER_FUNDING −(advance + fee)  supplier, order, lender   the lender's claim
The fee is booked with the advance because it is due in full whenever the advance is repaid (a flat fee,
not interest: nothing accrues with time).

On release (orders.ledger.escrow.release_fulfilment) the part's escrow less commission pays the lender first,
up to what is still due; only the rest reaches the supplier's payable. In the same posting:
    LENDER_PAYABLE −repaid   the platform now owes the lender that money (until `pay_lender`)
    ADVANCE_DUE    −repaid   the supplier's debt shrinks
    LENDER_FUNDING +repaid   the lender's claim on the escrow becomes a claim on the platform

Order of events when money goes back to the buyer: refunds come out of escrow first (orders.payments.refunds),
so the lender's repayment is capped by what remains at release. What escrow cannot cover stays on ADVANCE_DUE:
the supplier's own debt to the lender (the "shortfall"), shown to both and never taken from other orders.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.currency import format_money
from marketplace.money import Money, quantize
from marketplace.workflow import TransitionError, lock, record, transition

from ..access import require_operator
from ..ledger import book
from ..ledger.models import Account, LedgerEntry, LedgerTransaction
from .models import Advance, Lender

K = LedgerTransaction.Kind


def amount_due(advance) -> Decimal:
    """The advance and its fee: what the lender is owed in all."""
    return (advance.approved_amount or Decimal("0")) + advance.fee_amount


def book_disbursement(advance):
    """Post the disbursed advance (reference "advance:<pk>"); idempotent."""
    due = amount_due(advance)
    txn, _created = book.post(
        kind=K.ADVANCE,
        reference=f"advance:{advance.pk}",
        currency=advance.currency,
        order=advance.order,
        legs=[
            book.Leg(Account.ADVANCE_DUE, due, supplier=advance.supplier, lender=advance.lender),
            book.Leg(Account.LENDER_FUNDING, -due, supplier=advance.supplier, lender=advance.lender),
        ],
        memo=f"Advance {advance.pk} by {advance.lender} (fee {advance.fee_amount})",
    )
    return txn


def still_due(advance) -> Decimal:
    """What the supplier still owes on a disbursed advance: its ADVANCE_DUE balance."""
    entries = LedgerEntry.objects.filter(
        account=Account.ADVANCE_DUE,
        currency=advance.currency,
        order=advance.order_id,
        supplier=advance.supplier_id,
        lender=advance.lender_id,
    )
    return book.total(entries, advance.currency)


def disbursed_advance(order, supplier):
    """The part's disbursed advance not yet repaid in full, locked, or None."""
    advance = Advance.objects.filter(order=order, supplier=supplier, state=Advance.State.DISBURSED).first()
    if advance is None:
        return None
    return Advance.objects.select_for_update().select_related("lender").get(pk=advance.pk)


def repayment_legs(advance, available) -> tuple[list, Decimal]:
    """The legs that repay `advance` out of `available` (the released escrow after commission), and how much
    they repay: what is still due, never more than is available."""
    if advance is None or available <= 0:
        return [], Decimal("0")
    repay = min(still_due(advance), available)
    if repay <= 0:
        return [], Decimal("0")
    who = {"supplier": advance.supplier, "lender": advance.lender}
    return [
        book.Leg(Account.LENDER_PAYABLE, -repay, **who),
        book.Leg(Account.ADVANCE_DUE, -repay, **who),
        book.Leg(Account.LENDER_FUNDING, repay, **who),
    ], repay


def settle_repayment(advance, actor=None):
    """After the release posting: record on the advance what the ledger repaid. Repaid in full, it moves to
    "repaid"; short of that it stays "disbursed" with the part repaid and the shortfall on ADVANCE_DUE.
    Reads the ledger, so running it twice records the same figures."""
    from .services import ADVANCE_TRANSITIONS  # services imports this module

    repaid = quantize(
        -(
            LedgerEntry.objects.filter(
                account=Account.LENDER_PAYABLE,
                order=advance.order_id,
                supplier=advance.supplier_id,
                lender=advance.lender_id,
                transaction__kind=K.RELEASE,
            ).aggregate(t=Sum("amount"))["t"]
            or Decimal("0")
        ),
        advance.currency,
    )
    now = timezone.now()
    if repaid >= amount_due(advance):

        def apply(obj):
            obj.repaid_amount, obj.repaid_at = repaid, now

        transition(
            Advance,
            advance.pk,
            Advance.State.REPAID,
            ADVANCE_TRANSITIONS,
            actor=actor,
            apply=apply,
            note="repaid from escrow on release",
        )
    elif repaid > 0:
        Advance.objects.filter(pk=advance.pk).update(repaid_amount=repaid, repaid_at=now)


def payment_reference(reference) -> str:
    """The ledger reference of the platform's transfer `reference` to a lender (unique across lenders: a bank
    reference names one transfer)."""
    return f"lender_paid:{reference}"


def owed_to_lender(lender, currency) -> Decimal:
    """What the platform owes `lender` in `currency`: its LENDER_PAYABLE balance, as a positive number."""
    entries = LedgerEntry.objects.filter(account=Account.LENDER_PAYABLE, lender=lender, currency=currency)
    return -book.total(entries, currency)


def recorded_payment(reference):
    """The posting of the platform's transfer `reference` to a lender, or None if it was never recorded."""
    return LedgerTransaction.objects.filter(reference=payment_reference(reference)).first()


def pay_lender(lender, currency, *, reference, actor, amount=None):
    """The platform paid a lender what it owed (its LENDER_PAYABLE balance) by bank transfer `reference`.

    Operators only (TransitionError "not_operator"). Idempotent per reference: the same transfer recorded
    again returns its posting and changes nothing; a reference already recorded for another lender or
    currency is refused ("reference_used"). `amount`, when given, is what the operator saw owed and
    transferred: if the balance has changed since (a release repaid more meanwhile), nothing is posted
    ("amount_changed"). Returns the posting, or None when nothing was owed. Locks the lender, so two
    operators recording different transfers for the same debt cannot both post it. The operator is
    recorded in the audit trail (field "payment" of the lender).
    """
    require_operator(actor)
    with transaction.atomic():
        lender = lock(Lender, lender.pk)
        existing = recorded_payment(reference)
        if existing is not None:
            _same_payment_or_refuse(existing, lender, currency, reference)
            return existing
        owed = owed_to_lender(lender, currency)
        if owed <= 0:
            return None
        if amount is not None and quantize(amount, currency) != owed:
            raise TransitionError(
                _(
                    "What is owed to %(lender)s is now %(owed)s, not %(amount)s: check the transfer and "
                    "confirm again."
                )
                % {
                    "lender": lender,
                    "owed": format_money(Money(owed, currency)),
                    "amount": format_money(Money(amount, currency)),
                },
                code="amount_changed",
            )
        txn, _created = book.post(
            kind=K.LENDER_PAID,
            reference=payment_reference(reference),
            currency=currency,
            legs=[
                book.Leg(Account.LENDER_PAYABLE, owed, lender=lender),
                book.Leg(Account.CASH, -owed),
            ],
            memo=f"Paid {lender} {owed} {currency}",
        )
        record(lender, "", reference, actor, field="payment", note=f"{owed} {currency}")
    return txn


def _same_payment_or_refuse(existing, lender, currency, reference):
    paid_lender = existing.entries.filter(account=Account.LENDER_PAYABLE).values_list("lender", flat=True)
    if existing.currency != currency or lender.pk not in paid_lender:
        raise TransitionError(
            _("Transfer %(reference)s is already recorded for another payment.") % {"reference": reference},
            code="reference_used",
        )
