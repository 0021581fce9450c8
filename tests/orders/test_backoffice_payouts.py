"""Payout batches in the operators' back office, through HTTP: create one per currency, export a CSV per rail,
settle one payout, the whole batch, or from the provider's settlement file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orders.ledger.payouts import create_payout_batch
from orders.ledger.reconcile import ledger_problems
from orders.models import PayoutBatch, PayoutItem

pytestmark = pytest.mark.django_db

PAYOUTS = "/admin/operations/payouts/"


@pytest.fixture
def batch(released, iban_account, operator):
    """An open batch with one payout: 118.75 USD to `supplier` by bank transfer."""
    return create_payout_batch(currency="USD", actor=operator)


def batch_page(batch):
    return f"{PAYOUTS}{batch.pk}/"


def test_an_operator_creates_a_batch_and_lands_on_its_page(client_for, operator, released, iban_account):
    response = client_for(operator).post(f"{PAYOUTS}new/", {"currency": "USD"}, follow=True)

    batch = PayoutBatch.objects.get()
    assert response.redirect_chain == [(batch_page(batch), 302)]
    page = response.content.decode()
    assert batch.items.get().reference in page
    assert "118.75 USD" in page


def test_creating_a_batch_when_nobody_is_due_says_so_and_creates_nothing(client_for, operator, released):
    response = client_for(operator).post(f"{PAYOUTS}new/", {"currency": "USD"}, follow=True)

    assert response.redirect_chain == [(PAYOUTS, 302)]
    assert "No supplier with payout details is above the payout threshold." in response.content.decode()
    assert not PayoutBatch.objects.exists()


def test_the_list_shows_each_batch_with_its_state_and_supplier_count(client_for, operator, batch):
    page = client_for(operator).get(PAYOUTS).content.decode()

    assert f'href="{batch_page(batch)}"' in page
    assert "Exported, waiting for settlement" in page


def test_the_batch_page_offers_a_csv_for_each_rail_it_uses_only(client_for, operator, batch):
    page = client_for(operator).get(batch_page(batch)).content.decode()

    exports = page.split('class="payout-exports"', 1)[1].split("</ul>", 1)[0]
    assert f"{batch_page(batch)}bank.csv" in exports
    assert "jazzcash" not in exports and "easypaisa" not in exports


def test_the_bank_csv_lists_each_payouts_reference_iban_and_amount(client_for, operator, batch):
    response = client_for(operator).get(f"{batch_page(batch)}bank.csv")

    item = batch.items.get()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="payout-{batch.pk}-bank.csv"'
    assert f"{item.reference},Workshop,PK36SCBL0000001123456702,118.75,USD" in response.content.decode()


def test_an_unknown_rail_is_404(client_for, operator, batch):
    assert client_for(operator).get(f"{batch_page(batch)}paypal.csv").status_code == 404


def test_an_operator_marks_one_payout_paid(client_for, operator, batch):
    item = batch.items.get()

    response = client_for(operator).post(f"{batch_page(batch)}items/{item.pk}/settle/", follow=True)

    item.refresh_from_db()
    batch.refresh_from_db()
    assert item.state == PayoutItem.State.PAID
    assert batch.state == PayoutBatch.State.SETTLED  # its only payout
    assert f"{item.reference} marked paid." in response.content.decode()
    assert ledger_problems() == []


def test_a_payout_is_settled_only_through_its_own_batch(client_for, operator, batch):
    item = batch.items.get()
    other = PayoutBatch.objects.create(currency="USD")

    response = client_for(operator).post(f"{PAYOUTS}{other.pk}/items/{item.pk}/settle/")

    assert response.status_code == 404
    item.refresh_from_db()
    assert item.state == PayoutItem.State.PENDING


def test_marking_the_whole_batch_paid_by_hand_twice_pays_once(client_for, operator, batch):
    client = client_for(operator)

    first = client.post(f"{batch_page(batch)}settle/", follow=True)
    second = client.post(f"{batch_page(batch)}settle/", follow=True)

    assert "1 payout(s) marked paid." in first.content.decode()
    assert "0 payout(s) marked paid." in second.content.decode()
    assert batch.items.get().state == PayoutItem.State.PAID
    assert ledger_problems() == []


def test_an_operator_settles_from_the_providers_file(client_for, operator, batch):
    item = batch.items.get()
    upload = SimpleUploadedFile("settlement.csv", f"reference,status\n{item.reference},paid\n".encode())

    response = client_for(operator).post(f"{batch_page(batch)}settlement-file/", {"file": upload})

    assert response.status_code == 302 and response["Location"] == batch_page(batch)
    item.refresh_from_db()
    assert item.state == PayoutItem.State.PAID


def test_a_settlement_file_naming_another_batch_is_a_form_error_and_pays_nothing(client_for, operator, batch):
    upload = SimpleUploadedFile("settlement.csv", b"reference,status\nPAYOUT-999-1,paid\n")

    response = client_for(operator).post(f"{batch_page(batch)}settlement-file/", {"file": upload})

    assert response.status_code == 200
    assert "Line 2: PAYOUT-999-1 is not in this batch." in response.content.decode()
    assert batch.items.get().state == PayoutItem.State.PENDING
