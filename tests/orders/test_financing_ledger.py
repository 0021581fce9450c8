"""An advance in the ledger: booked on disbursement, repaid first on release, capped by refunds, frozen by
disputes and pending refunds, and every account reconciled whatever the order of events.

The arithmetic: an order of 125.00 USD held for `supplier`; commission 5 % (6.25) on release.
"""

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.jobs.models import OutgoingEmail
from marketplace.money import Money
from marketplace.workflow import TransitionError
from orders.disputes import open_dispute, resolve_dispute
from orders.financing.figures import exposure, lender_figures
from orders.financing.ledger import pay_lender, still_due
from orders.financing.models import Advance
from orders.ledger import book
from orders.ledger.escrow import release_fulfilment
from orders.ledger.models import Account
from orders.ledger.reconcile import ledger_problems
from orders.models import Dispute, Refund
from orders.payments.refunds import apply_refund

from .conftest import make_order
from .financing_helpers import disbursed
from .helpers import paid

pytestmark = pytest.mark.django_db
A = Advance.State


@pytest.fixture
def paid_order(order):
    paid(order)
    return order


def lender_payable(lender, currency="USD"):
    return -book.total(
        book.LedgerEntry.objects.filter(account=Account.LENDER_PAYABLE, lender=lender, currency=currency),
        currency,
    )


def test_the_release_repays_the_lender_first_and_the_rest_reaches_the_supplier(
    paid_order, artisan, supplier, lender, officer
):
    advance = disbursed(paid_order, artisan, lender, officer, "50.00")  # due 51.00 with the fee
    assert book.supplier_balances(supplier)["USD"]["owed_to_lenders"].amount == Decimal("51.00")

    release_fulfilment(paid_order.fulfilments.get())

    advance.refresh_from_db()
    assert (advance.state, advance.repaid_amount) == (A.REPAID, Decimal("51.00"))
    balances = book.supplier_balances(supplier)["USD"]
    assert balances["available"].amount == Decimal("67.75")  # 125.00 - 6.25 commission - 51.00 to the lender
    assert balances["owed_to_lenders"].amount == 0
    assert lender_payable(lender) == Decimal("51.00")
    assert still_due(advance) == 0
    assert ledger_problems() == []


def test_releasing_twice_repays_once(paid_order, artisan, lender, officer):
    advance = disbursed(paid_order, artisan, lender, officer, "50.00")
    fulfilment = paid_order.fulfilments.get()
    release_fulfilment(fulfilment)
    release_fulfilment(fulfilment)

    advance.refresh_from_db()
    assert advance.repaid_amount == Decimal("51.00")
    assert lender_payable(lender) == Decimal("51.00")
    assert ledger_problems() == []


def test_a_partial_refund_first_caps_the_repayment_and_leaves_a_shortfall(
    paid_order, artisan, supplier, lender, officer
):
    advance = disbursed(paid_order, artisan, lender, officer, "75.00")  # due 76.50
    apply_refund("re_partial", Money(Decimal("100.00"), "USD"), paid_order)  # escrow first: 25.00 left

    release_fulfilment(paid_order.fulfilments.get())  # 25.00 - 1.25 commission = 23.75, all to the lender

    advance.refresh_from_db()
    assert advance.state == A.DISBURSED  # not repaid in full: the shortfall is the supplier's debt
    assert advance.repaid_amount == Decimal("23.75")
    balances = book.supplier_balances(supplier)["USD"]
    assert balances["available"].amount == 0
    assert balances["owed_to_lenders"].amount == Decimal("52.75")  # 76.50 - 23.75
    assert [row["advance"] for row in exposure(lender)] == [advance]
    assert ledger_problems() == []


def test_a_refund_tells_the_lenders_officers_once(paid_order, artisan, lender, officer):
    disbursed(paid_order, artisan, lender, officer)
    apply_refund("re_1", Money(Decimal("10.00"), "USD"), paid_order)
    apply_refund("re_1", Money(Decimal("10.00"), "USD"), paid_order)  # Stripe's webhook, again

    emails = OutgoingEmail.objects.filter(to=officer.email)
    assert emails.count() == 1
    assert "refund" in emails.get().body.lower()


def test_a_dispute_freezes_the_release_tells_the_lender_and_shows_the_exposure(
    paid_order, buyer, artisan, lender, officer
):
    advance = disbursed(paid_order, artisan, lender, officer)
    open_dispute(paid_order, buyer, reason="Colours are wrong")

    with pytest.raises(TransitionError) as error:
        release_fulfilment(paid_order.fulfilments.get(), artisan)
    assert error.value.code == "disputed"
    assert OutgoingEmail.objects.filter(to=officer.email, subject__contains="at risk").exists()
    assert exposure(lender)[0]["outstanding"].amount == Decimal("51.00")
    assert ledger_problems() == []
    advance.refresh_from_db()
    assert advance.state == A.DISBURSED


def test_a_dispute_resolved_by_release_repays_the_lender(
    paid_order, buyer, artisan, operator, lender, officer
):
    advance = disbursed(paid_order, artisan, lender, officer)
    paid_order.state = "shipped"  # a dispute resolved by release completes the order
    paid_order.save(update_fields=["state"])
    dispute = open_dispute(paid_order, buyer, reason="Late")

    resolve_dispute(dispute, operator, resolution=Dispute.Resolution.RELEASE)

    advance.refresh_from_db()
    assert advance.state == A.REPAID
    assert exposure(lender) == []
    assert ledger_problems() == []


def test_a_refund_waiting_for_stripe_freezes_the_release(paid_order, artisan, lender, officer):
    disbursed(paid_order, artisan, lender, officer)
    payment = paid_order.payments.get()
    Refund.objects.create(order=paid_order, payment=payment, amount=Decimal("5"), currency="USD")

    with pytest.raises(TransitionError) as error:
        release_fulfilment(paid_order.fulfilments.get())
    assert error.value.code == "refunding"


def test_paying_the_lender_clears_what_the_platform_owes_once(paid_order, artisan, operator, lender, officer):
    disbursed(paid_order, artisan, lender, officer)
    release_fulfilment(paid_order.fulfilments.get())

    pay_lender(lender, "USD", reference="IBFT-77", actor=operator)
    pay_lender(lender, "USD", reference="IBFT-77", actor=operator)

    assert lender_payable(lender) == 0
    assert ledger_problems() == []


def test_the_lenders_figures(paid_order, artisan, supplier, lender, officer):
    supplier.women_led = True
    supplier.save(update_fields=["women_led"])
    disbursed(paid_order, artisan, lender, officer)
    release_fulfilment(paid_order.fulfilments.get())

    figures = lender_figures(lender)

    assert (figures["requests"], figures["approvals"], figures["disbursed"], figures["repaid"]) == (
        1,
        1,
        1,
        1,
    )
    assert (figures["women_led_percent"], figures["micro_percent"]) == (100, 100)
    assert figures["average_days_to_repay"] is not None
    [amounts] = figures["amounts"]
    assert (amounts["disbursed"].amount, amounts["repaid"].amount) == (Decimal("50.00"), Decimal("51.00"))
    assert amounts["outstanding"].amount == 0


def test_check_ledger_sees_an_advance_without_its_posting(paid_order, artisan, lender, officer):
    advance = disbursed(paid_order, artisan, lender, officer)
    book.LedgerEntry.objects.filter(transaction__reference=f"advance:{advance.pk}").delete()
    book.LedgerTransaction.objects.filter(reference=f"advance:{advance.pk}").delete()

    assert f"advance {advance.pk} is disbursed without its posting" in ledger_problems()


EVENTS = ("disburse", "refund", "dispute", "release")


def _happen(event, order, *, owner, buyer, operator, lender, officer, advance):
    """One event on `order`; a refusal (the order of events made it impossible) is part of the story."""
    try:
        if event == "disburse":
            return disbursed(order, owner, lender, officer, "50.00")
        if event == "refund":
            apply_refund(f"re_{order.pk}", Money(Decimal("40.00"), "USD"), order)
        if event == "dispute":
            dispute = open_dispute(order, buyer, reason="Broken")
            resolve_dispute(dispute, operator, resolution=Dispute.Resolution.RELEASE)
        if event == "release":
            release_fulfilment(order.fulfilments.get())
    except TransitionError:
        pass
    return advance


@pytest.mark.parametrize("events", list(itertools.permutations(EVENTS)), ids="-".join)
def test_every_order_of_events_leaves_every_account_reconciled(
    events, buyer, supplier, product, artisan, operator, lender, officer
):
    order = make_order(buyer, supplier, product)
    paid(order, intent_id=f"pi_{'_'.join(events)}")
    order.state = "shipped"
    order.save(update_fields=["state"])
    advance = None
    for event in events:
        advance = _happen(
            event,
            order,
            owner=artisan,
            buyer=buyer,
            operator=operator,
            lender=lender,
            officer=officer,
            advance=advance,
        )
        assert ledger_problems() == [], (event, events)

    if advance is not None:
        advance.refresh_from_db()
        due = advance.approved_amount + advance.fee_amount
        # Repaid plus still due is always the whole debt, and the repayment is never above it.
        assert advance.repaid_amount + still_due(advance) == due
        assert advance.repaid_amount <= due
        assert (advance.state == A.REPAID) == (advance.repaid_amount == due)
    # Nothing leaks: what the buyer paid is held, refunded, released (to supplier or lender) or commission.
    entries = book.LedgerEntry.objects.filter(order=order)
    moved = {
        account: -book.total(entries.filter(account=account), "USD")
        for account in (Account.ESCROW, Account.SUPPLIER_PAYABLE, Account.LENDER_PAYABLE, Account.COMMISSION)
    }
    refunded = book.total(Refund.objects.filter(order=order), "USD")
    assert sum(moved.values()) + refunded == Decimal("125.00")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    events=st.permutations(EVENTS),
    advanced=st.integers(min_value=1, max_value=7500),  # cents, up to 60 % of 125.00
    refunded=st.integers(min_value=1, max_value=12500),
)
def test_any_amounts_in_any_order_reconcile(
    events, advanced, refunded, buyer, supplier, product, artisan, operator, lender, officer
):
    order = make_order(buyer, supplier, product)
    paid(order, intent_id=f"pi_{order.pk}")
    order.state = "shipped"
    order.save(update_fields=["state"])
    advance = None
    for event in events:
        try:
            if event == "disburse":
                advance = disbursed(order, artisan, lender, officer, str(Decimal(advanced) / 100))
            elif event == "refund":
                held = book.held_in_escrow(order)
                if held > 0:
                    apply_refund(f"re_{order.pk}", Money(min(Decimal(refunded) / 100, held), "USD"), order)
            else:
                _happen(
                    event,
                    order,
                    owner=artisan,
                    buyer=buyer,
                    operator=operator,
                    lender=lender,
                    officer=officer,
                    advance=advance,
                )
        except TransitionError:
            pass
    assert ledger_problems() == []
    if advance is not None:
        advance.refresh_from_db()
        assert advance.repaid_amount + still_due(advance) == advance.approved_amount + advance.fee_amount
