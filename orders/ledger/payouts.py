"""Payout batches: operators pay suppliers their available balance by bank transfer or mobile wallet.

Creating a batch moves each included balance from supplier_payable to payout_in_transit (so the same money
cannot be batched twice); settling an item moves it from payout_in_transit to cash out. Both postings are
keyed by the item, so settling twice (by hand or from a settlement file) changes nothing.
"""

import csv
import io
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Supplier
from marketplace import csv_export
from marketplace.money import Money, quantize
from marketplace.workflow import lock

from ..access import require_operator
from ..models import Account, LedgerTransaction, PayoutBatch, PayoutItem
from . import book


def create_payout_batch(*, currency, actor) -> PayoutBatch | None:
    """A batch of every supplier whose available balance in `currency` reaches PAYOUT_THRESHOLD and who has
    payout details; None when nobody qualifies. Suppliers without details are skipped (they stay available).
    """
    require_operator(actor)
    threshold = Decimal(str(settings.PAYOUT_THRESHOLD))
    with transaction.atomic():
        suppliers = Supplier.objects.filter(payout_account__isnull=False).select_related("payout_account")
        due = []
        for supplier in suppliers.select_for_update(of=("self",)).order_by("pk"):
            available = -book.balance(Account.SUPPLIER_PAYABLE, currency=currency, supplier=supplier)
            if available >= threshold and available > 0:
                due.append((supplier, available))
        if not due:
            return None
        batch = PayoutBatch.objects.create(currency=currency, created_by=actor)
        for supplier, available in due:
            account = supplier.payout_account
            item = PayoutItem.objects.create(
                batch=batch,
                supplier=supplier,
                amount=available,
                rail=account.rail,
                account_name=account.account_name,
                destination=account.destination,
            )
            book.post(
                kind=LedgerTransaction.Kind.PAYOUT,
                reference=f"payout:item:{item.pk}",
                currency=currency,
                legs=[
                    book.Leg(Account.SUPPLIER_PAYABLE, available, supplier=supplier),
                    book.Leg(Account.PAYOUT_IN_TRANSIT, -available, supplier=supplier),
                ],
                memo=f"Payout batch {batch.pk}",
            )
    return batch


def export_csv(batch, rail) -> str:
    """The file the bank or wallet provider takes for one rail: reference, name, destination, amount.

    Names and destinations are the suppliers' own words: written through marketplace.csv_export, so one typed
    as a formula ("=HYPERLINK(...)") reaches the operator's spreadsheet as text."""
    out = io.StringIO()
    writer = csv_export.writer(out)
    writer.writerow(
        ["reference", "account_name", "iban" if rail == "bank" else "mobile_number", "amount", "currency"]
    )
    for item in batch.items.filter(rail=rail).order_by("pk"):
        writer.writerow(
            [
                item.reference,
                item.account_name,
                item.destination,
                quantize(item.amount, batch.currency),
                batch.currency,
            ]
        )
    return out.getvalue()


def settle_item(item, actor) -> bool:
    """Mark one payout item paid and book the money out; returns False when it already was."""
    require_operator(actor)
    with transaction.atomic():
        item = lock(PayoutItem, item.pk)
        if item.state == PayoutItem.State.PAID:
            return False
        item.state, item.paid_at = PayoutItem.State.PAID, timezone.now()
        item.save(update_fields=["state", "paid_at"])
        book.post(
            kind=LedgerTransaction.Kind.PAYOUT_SETTLED,
            reference=f"payout-settled:item:{item.pk}",
            currency=item.batch.currency,
            legs=[
                book.Leg(Account.PAYOUT_IN_TRANSIT, item.amount, supplier=item.supplier),
                book.Leg(Account.CASH, -item.amount, supplier=item.supplier),
            ],
            memo=f"Paid out {Money(item.amount, item.batch.currency)}",
        )
        _close_if_settled(item.batch_id)
    return True


def settle_batch(batch, actor) -> int:
    """Settle every item of a batch by hand; returns how many changed (0 the second time)."""
    return sum(settle_item(item, actor) for item in batch.items.all())


class SettlementFileError(ValueError):
    pass


def settle_from_file(batch, uploaded, actor) -> int:
    """Settle the items a provider's settlement CSV (columns reference,status) reports as "paid".

    Rows for other batches or unknown references are refused before anything changes; rows with another
    status are left pending. Idempotent: an already settled item is not booked again.
    """
    require_operator(actor)
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SettlementFileError(_("The settlement file must be UTF-8 CSV.")) from error
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"reference", "status"} <= {f.strip() for f in reader.fieldnames}:
        raise SettlementFileError(_("The settlement file needs the columns reference and status."))
    items = {item.reference: item for item in batch.items.all()}
    paid = []
    for line_no, row in enumerate(reader, start=2):
        reference = (row.get("reference") or "").strip()
        if reference not in items:
            raise SettlementFileError(
                _("Line %(line)s: %(ref)s is not in this batch.") % {"line": line_no, "ref": reference}
            )
        if (row.get("status") or "").strip().lower() == "paid":
            paid.append(items[reference])
    with transaction.atomic():
        return sum(settle_item(item, actor) for item in paid)


def _close_if_settled(batch_id):
    batch = lock(PayoutBatch, batch_id)
    if (
        batch.state == PayoutBatch.State.OPEN
        and not batch.items.exclude(state=PayoutItem.State.PAID).exists()
    ):
        batch.state, batch.settled_at = PayoutBatch.State.SETTLED, timezone.now()
        batch.save(update_fields=["state", "settled_at"])
