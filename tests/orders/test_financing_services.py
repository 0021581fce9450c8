"""An advance's life through its services: who may ask and decide, the limit, consent, every transition."""

from datetime import date
from decimal import Decimal

import pytest

from marketplace.workflow import TransitionError, history
from orders.financing.models import Advance
from orders.financing.services import (
    approve_advance,
    decline_advance,
    disburse_advance,
    request_advance,
    withdraw_advance,
)
from orders.ledger.models import LedgerTransaction
from orders.ledger.reconcile import ledger_problems
from tests.factories import MembershipFactory

from .financing_helpers import disbursed, make_lender, make_officer, requested
from .helpers import paid

pytestmark = pytest.mark.django_db
A = Advance.State


@pytest.fixture
def paid_order(order):
    paid(order)  # 125.00 USD held in escrow for `supplier`
    return order


def test_an_owner_asks_up_to_the_lenders_share_of_escrow(paid_order, artisan, lender):
    advance = requested(paid_order, artisan, lender, "75.00")  # 60 % of 125.00

    assert advance.state == A.REQUESTED
    assert advance.consent_text.startswith("I agree that the marketplace shares with Akhuwat")
    assert advance.shared_record["order"]["held_in_escrow"] == "125.00"
    assert advance.shared_record["supplier"]["women_led"] is False
    assert set(advance.shared_record["supplier"]) >= {
        "orders_fulfilled",
        "on_time_percent",
        "disputes",
        "months_on_marketplace",
        "size",
    }
    assert [change.to_state for change in history(advance)] == [A.REQUESTED]


def test_asking_above_the_limit_is_refused(paid_order, artisan, lender):
    with pytest.raises(TransitionError) as error:
        requested(paid_order, artisan, lender, "75.01")
    assert error.value.code == "above_limit"


def test_asking_without_consent_is_refused(paid_order, artisan, lender):
    with pytest.raises(TransitionError) as error:
        request_advance(
            paid_order.fulfilments.get(), artisan, lender=lender, amount=Decimal("10"), consent=False
        )
    assert error.value.code == "no_consent"


def test_staff_and_coordinators_and_strangers_cannot_ask(paid_order, supplier, other_artisan, lender):
    staff = MembershipFactory(supplier=supplier, role="staff").user
    coordinator = MembershipFactory(supplier=supplier, role="coordinator").user
    for user in (staff, coordinator, other_artisan):
        with pytest.raises(TransitionError) as error:
            requested(paid_order, user, lender)
        assert error.value.code == "not_owner"


def test_an_unpaid_order_cannot_be_advanced_on(order, artisan, lender):
    with pytest.raises(TransitionError) as error:
        requested(order, artisan, lender)
    assert error.value.code == "not_eligible"


def test_a_lender_not_lending_in_the_currency_is_refused(paid_order, artisan):
    rupees_only = make_lender("Rupee Bank", currencies=["PKR"])
    with pytest.raises(TransitionError) as error:
        requested(paid_order, artisan, rupees_only)
    assert error.value.code == "currency"


def test_one_live_advance_per_order_part(paid_order, artisan, lender):
    requested(paid_order, artisan, lender)
    with pytest.raises(TransitionError):
        requested(paid_order, artisan, make_lender("Other"))


def test_a_declined_advance_may_be_asked_again_elsewhere(paid_order, artisan, lender, officer):
    decline_advance(requested(paid_order, artisan, lender), officer, reason="Too new")

    again = requested(paid_order, artisan, make_lender("Other"))

    assert again.state == A.REQUESTED


def test_the_officer_approves_with_the_lenders_fee(paid_order, artisan, lender, officer):
    advance = approve_advance(requested(paid_order, artisan, lender), officer, amount=Decimal("50.00"))

    assert advance.state == A.APPROVED
    assert (advance.approved_amount, advance.fee_amount) == (Decimal("50.00"), Decimal("1.00"))
    assert advance.decided_by == officer


def test_the_officer_may_lower_the_fee_never_raise_it(paid_order, artisan, lender, officer):
    advance = requested(paid_order, artisan, lender)
    with pytest.raises(TransitionError) as error:
        approve_advance(advance, officer, amount=Decimal("50.00"), fee=Decimal("1.01"))
    assert error.value.code == "fee"

    advance = approve_advance(advance, officer, amount=Decimal("50.00"), fee=Decimal("0"))
    assert advance.fee_amount == 0


def test_approving_more_than_asked_is_refused(paid_order, artisan, lender, officer):
    with pytest.raises(TransitionError) as error:
        approve_advance(requested(paid_order, artisan, lender, "40"), officer, amount=Decimal("41"))
    assert error.value.code == "amount"


def test_an_officer_of_another_lender_cannot_decide(paid_order, artisan, lender):
    stranger = make_officer(make_lender("Other"))
    advance = requested(paid_order, artisan, lender)
    for act in (
        lambda: approve_advance(advance, stranger, amount=Decimal("10")),
        lambda: decline_advance(advance, stranger, reason="no"),
        lambda: disburse_advance(advance, stranger, disbursed_on=date.today(), reference="x", rail="raast"),
    ):
        with pytest.raises(TransitionError) as error:
            act()
        assert error.value.code == "not_officer"


def test_the_supplier_cannot_approve_their_own_advance(paid_order, artisan, lender):
    with pytest.raises(TransitionError):
        approve_advance(requested(paid_order, artisan, lender), artisan, amount=Decimal("10"))


def test_declining_needs_a_reason(paid_order, artisan, lender, officer):
    advance = requested(paid_order, artisan, lender)
    with pytest.raises(TransitionError) as error:
        decline_advance(advance, officer, reason=" ")
    assert error.value.code == "missing_reason"

    advance = decline_advance(advance, officer, reason="Order too small")
    assert (advance.state, advance.decline_reason) == (A.DECLINED, "Order too small")


def test_the_owner_withdraws_before_disbursement(paid_order, artisan, lender, officer):
    advance = approve_advance(requested(paid_order, artisan, lender), officer, amount=Decimal("20"))

    assert withdraw_advance(advance, artisan).state == A.WITHDRAWN


def test_a_disbursed_advance_cannot_be_withdrawn_or_declined(paid_order, artisan, lender, officer):
    advance = disbursed(paid_order, artisan, lender, officer)
    with pytest.raises(TransitionError):
        withdraw_advance(advance, artisan)
    with pytest.raises(TransitionError):
        decline_advance(advance, officer, reason="changed our mind")


def test_disbursing_books_the_advance_and_its_fee_once(paid_order, artisan, lender, officer):
    advance = disbursed(paid_order, artisan, lender, officer)
    disburse_advance(advance, officer, disbursed_on=date(2026, 12, 2), reference="again", rail="raast")

    posting = LedgerTransaction.objects.get(reference=f"advance:{advance.pk}")
    assert sorted((e.account, e.amount) for e in posting.entries.all()) == [
        ("advance_due", Decimal("51.00")),  # 50.00 + 2 % fee
        ("lender_funding", Decimal("-51.00")),
    ]
    assert advance.disbursement_reference == "IBFT-1"
    assert ledger_problems() == []


def test_disbursing_an_unapproved_request_is_refused(paid_order, artisan, lender, officer):
    advance = requested(paid_order, artisan, lender)
    with pytest.raises(TransitionError):
        disburse_advance(advance, officer, disbursed_on=date.today(), reference="x", rail="raast")
