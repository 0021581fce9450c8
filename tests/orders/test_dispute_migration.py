"""Migrating to one open dispute per order merges the open disputes an order already holds, losing none."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from orders.models import Dispute, DisputePhoto

from .helpers import paid

BEFORE = [("orders", "0007_disputephoto_private_storage")]


def migrate(targets=None):
    """To `targets`, by default to the latest migrations (through 0008), where later tests need the schema."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_an_order_with_several_open_disputes_keeps_the_oldest_open_with_every_reason(order, buyer):
    paid(order)
    migrate(BEFORE)
    try:
        first = Dispute.objects.create(order=order, opened_by=buyer, reason="Broken vases.")
        second = Dispute.objects.create(order=order, opened_by=buyer, reason="Lids missing.")
        card = Dispute.objects.create(order=order, stripe_id="dp_9", reason="Card dispute: fraudulent")
        DisputePhoto.objects.create(dispute=second, image="disputes/lid.jpg")
    finally:
        migrate()

    first.refresh_from_db(), second.refresh_from_db(), card.refresh_from_db()
    assert Dispute.objects.get(order=order, state="open") == first
    assert "Broken vases." in first.reason and "Lids missing." in first.reason
    assert "Card dispute: fraudulent" in first.reason and first.stripe_id == "dp_9"
    assert list(first.photos.values_list("image", flat=True)) == ["disputes/lid.jpg"]
    assert (second.state, card.state, card.stripe_id) == ("resolved", "resolved", None)
    assert f"Merged into dispute {first.pk}" in second.resolution_note
