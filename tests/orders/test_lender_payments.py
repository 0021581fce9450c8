"""Paying lenders in the operators' back office (/admin/operations/lender-payments/), through HTTP: what the
platform owes each lender after a release repaid it, where that came from, and recording the bank transfer.

The arithmetic: an order of 125.00 USD held for `supplier`; an advance of 50.00 with the lender's 2 % fee,
so 51.00 due; on release (commission 6.25) the lender is repaid 51.00 first, which the platform then owes it
on LENDER_PAYABLE until an operator records the transfer.
"""

import re
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from orders.financing.ledger import owed_to_lender
from orders.ledger.escrow import release_fulfilment
from orders.ledger.models import Account, LedgerEntry, LedgerTransaction
from orders.ledger.reconcile import ledger_problems

from .financing_helpers import disbursed, make_lender
from .helpers import paid

pytestmark = pytest.mark.django_db

PAYMENTS = "/admin/operations/lender-payments/"
ADMIN_LOGIN = "/admin/login/"
DASHBOARD = "/admin/"


@pytest.fixture
def repaid(order, artisan, lender, officer):
    """`order` paid, its 50.00 advance disbursed, and released: the platform owes `lender` 51.00 USD."""
    paid(order)
    advance = disbursed(order, artisan, lender, officer, "50.00")
    release_fulfilment(order.fulfilments.get())
    return advance


def in_usd(page):
    """The lender's page's USD section (the lender also lends in PKR: its section comes first)."""
    return page.split('id="lender-account-USD"', 1)[1]


def lender_page(lender):
    return f"{PAYMENTS}{lender.pk}/"


def pay_url(lender):
    return f"{PAYMENTS}{lender.pk}/pay/"


def payment_form(reference="IBFT-2026-0042", amount="51.00", currency="USD", confirm=True):
    form = {
        f"{currency}-amount": amount,
        f"{currency}-reference": reference,
        "currency": currency,
    }
    if confirm:
        form[f"{currency}-confirm"] = "on"
    return form


def lender_payments():
    return LedgerTransaction.objects.filter(kind=LedgerTransaction.Kind.LENDER_PAID)


def assert_refused(response, who):
    """Wagtail's two refusals: to its login page without admin access, to the dashboard without the right."""
    expected = DASHBOARD if who == "curator" else ADMIN_LOGIN
    assert response.status_code == 302, who
    assert response["Location"].split("?")[0] == expected, who


# --- The list and the lender's page ------------------------------------------------------------------------
def test_the_list_shows_what_the_platform_owes_each_lender_with_a_link_to_its_page(
    client_for, operator, lender, repaid
):
    page = client_for(operator).get(PAYMENTS).content.decode()

    row = page.split('class="listing lender-balances"', 1)[1].split("</table>", 1)[0]
    assert f'href="{lender_page(lender)}"' in row
    assert "51.00 USD" in row
    assert "Never" in row  # never paid yet


def test_the_lenders_page_shows_the_balance_and_the_order_whose_release_repaid_it(
    client_for, operator, lender, repaid, order
):
    page = in_usd(client_for(operator).get(lender_page(lender)).content.decode())

    assert "Record the payment of 51.00 USD" in page
    repayments = page.split('class="listing lender-repayments"', 1)[1].split("</table>", 1)[0]
    assert f'href="/admin/operations/orders/{order.pk}/"' in repayments
    assert f"Advance {repaid.pk}: 50.00 USD, Repaid" in repayments
    assert "51.00 USD" in repayments


def test_a_lender_owed_nothing_has_no_payment_form(client_for, operator, lender):
    page = client_for(operator).get(lender_page(lender)).content.decode()

    assert f"Nothing is owed to {lender.name} in USD." in page
    assert 'class="record-payment"' not in page


# --- Recording a payment ------------------------------------------------------------------------------------
def test_recording_the_transfer_posts_a_balanced_payment_and_clears_what_is_owed(
    client_for, operator, lender, repaid
):
    response = client_for(operator).post(pay_url(lender), payment_form(), follow=True)

    assert response.redirect_chain == [(lender_page(lender), 302)]
    assert "Payment of 51.00 USD to Akhuwat recorded (transfer IBFT-2026-0042)." in response.content.decode()
    payment = lender_payments().get()
    entries = {entry.account: entry.amount for entry in payment.entries.all()}
    assert entries == {Account.LENDER_PAYABLE: Decimal("51.00"), Account.CASH: Decimal("-51.00")}
    assert owed_to_lender(lender, "USD") == 0
    assert ledger_problems() == []


def test_the_pages_own_form_records_the_amount_it_shows(client_for, operator, lender, repaid):
    """What a browser sends: the page's hidden fields (which currency, the amount shown) and what is typed."""
    client = client_for(operator)
    section = in_usd(client.get(lender_page(lender)).content.decode())
    form = section.split('class="record-payment"', 1)[1].split("</form>", 1)[0]
    hidden = dict(re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', form))
    assert hidden["currency"] == "USD" and hidden["USD-amount"] == "51.00"

    client.post(pay_url(lender), hidden | {"USD-reference": "IBFT-9", "USD-confirm": "on"})

    assert lender_payments().get().reference == "lender_paid:IBFT-9"
    assert owed_to_lender(lender, "USD") == 0


def test_a_currency_the_page_does_not_know_is_a_bad_request(client_for, operator, lender, repaid):
    form = payment_form() | {"currency": "XXX"}

    assert client_for(operator).post(pay_url(lender), form).status_code == 400
    assert not lender_payments().exists()


def test_the_lenders_page_then_lists_the_payment_with_who_recorded_it(client_for, operator, lender, repaid):
    client = client_for(operator)
    client.post(pay_url(lender), payment_form())

    page = in_usd(client.get(lender_page(lender)).content.decode())

    paid_rows = page.split('class="listing lender-paid"', 1)[1].split("</table>", 1)[0]
    assert "IBFT-2026-0042" in paid_rows and "51.00 USD" in paid_rows
    assert str(operator) in paid_rows
    assert "No release since the last payment." in page


def test_submitting_the_same_transfer_twice_records_one_payment(client_for, operator, lender, repaid):
    client = client_for(operator)
    client.post(pay_url(lender), payment_form())

    response = client.post(pay_url(lender), payment_form(), follow=True)

    assert "Transfer IBFT-2026-0042 was already recorded: nothing changed." in response.content.decode()
    assert lender_payments().count() == 1
    assert owed_to_lender(lender, "USD") == 0
    assert ledger_problems() == []


def test_nothing_owed_says_so_and_posts_nothing(client_for, operator, lender):
    response = client_for(operator).post(pay_url(lender), payment_form(amount="10.00"), follow=True)

    assert "Nothing is owed to Akhuwat in USD: no payment was recorded." in response.content.decode()
    assert not lender_payments().exists()


def test_a_balance_changed_since_the_page_was_shown_is_not_recorded(client_for, operator, lender, repaid):
    response = client_for(operator).post(pay_url(lender), payment_form(amount="40.00"), follow=True)

    assert "What is owed to Akhuwat is now 51.00 USD, not 40.00 USD" in response.content.decode()
    assert not lender_payments().exists()
    assert owed_to_lender(lender, "USD") == Decimal("51.00")


def test_a_reference_already_used_for_another_lender_is_refused(client_for, operator, lender, repaid):
    other = make_lender("Bank SME desk")
    LedgerTransaction.objects.create(kind=LedgerTransaction.Kind.LENDER_PAID, reference="lender_paid:X-1")

    response = client_for(operator).post(pay_url(lender), payment_form(reference="X-1"), follow=True)

    assert "Transfer X-1 is already recorded for another payment." in response.content.decode()
    assert owed_to_lender(lender, "USD") == Decimal("51.00")
    assert owed_to_lender(other, "USD") == 0


@pytest.mark.parametrize(
    ("form", "error"),
    [
        (payment_form(reference=""), "This field is required."),
        (payment_form(confirm=False), "This field is required."),
    ],
    ids=["no reference", "not confirmed"],
)
def test_a_payment_needs_a_reference_and_a_confirmation(client_for, operator, lender, repaid, form, error):
    response = client_for(operator).post(pay_url(lender), form)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not lender_payments().exists()


def test_check_ledger_passes_after_a_payment(client_for, operator, lender, repaid, capsys):
    client_for(operator).post(pay_url(lender), payment_form())

    call_command("check_ledger")

    assert "Ledger reconciles" in capsys.readouterr().out


# --- Who may ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["buyer", "artisan", "curator", "officer"])
def test_no_one_but_an_operator_sees_the_list_or_a_lenders_page(request, client, lender, repaid, who):
    assert_refused(client.get(PAYMENTS), "anonymous")
    assert_refused(client.get(lender_page(lender)), "anonymous")
    client.force_login(request.getfixturevalue(who))

    assert_refused(client.get(PAYMENTS), who)
    assert_refused(client.get(lender_page(lender)), who)


@pytest.mark.parametrize("who", ["anonymous", "buyer", "artisan", "curator", "officer"])
def test_no_one_but_an_operator_records_a_payment(request, client, lender, repaid, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    assert_refused(client.post(pay_url(lender), payment_form()), who)

    assert not lender_payments().exists()
    assert owed_to_lender(lender, "USD") == Decimal("51.00")


def test_the_service_refuses_anyone_but_an_operator(curator, lender, repaid):
    from marketplace.workflow import TransitionError
    from orders.financing.ledger import pay_lender

    with pytest.raises(TransitionError) as error:
        pay_lender(lender, "USD", reference="IBFT-1", actor=curator)

    assert error.value.code == "not_operator"
    assert not LedgerEntry.objects.filter(transaction__kind=LedgerTransaction.Kind.LENDER_PAID).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_operators_recording_different_transfers_at_once_pay_the_debt_once(
    on_postgres, operator, lender, repaid
):
    from marketplace.workflow import TransitionError
    from orders.financing.ledger import pay_lender

    outcomes, barrier = [], threading.Barrier(2)

    def record(reference):
        try:
            barrier.wait()
            txn = pay_lender(lender, "USD", reference=reference, actor=operator, amount=Decimal("51.00"))
            outcomes.append("paid" if txn else "nothing owed")
        except TransitionError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(f"IBFT-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["nothing owed", "paid"]
    assert lender_payments().count() == 1
    assert owed_to_lender(lender, "USD") == 0
    assert ledger_problems() == []
