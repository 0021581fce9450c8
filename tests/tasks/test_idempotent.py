"""Every task that moved off the request is idempotent: running it twice changes nothing the first run did
not (a retry after a crash or a duplicate enqueue must be harmless). Stripe's fee: tests/orders/
test_fee_fetch_task.py; emails: test_email.py."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from catalog.tasks import generate_renditions
from marketplace.jobs import tasks as core_tasks
from marketplace.jobs.queue import enqueue
from orders import tasks as order_tasks
from orders.trade import tasks as trade_tasks
from search import tasks as search_tasks
from search.models import SearchEntry
from tests.factories import CategoryFactory, ProductFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def run(task, *args):
    """Run `task` as a worker would (the immediate backend runs it at once); its return value."""
    return enqueue(task, *args).return_value


def twice(task, *args):
    """Run `task` twice; the return values of both runs."""
    return [run(task, *args) for _ in range(2)]


def test_reindexing_a_suppliers_products_twice_indexes_them_once():
    supplier = SupplierFactory()
    products = [ProductFactory(supplier=supplier) for _ in range(3)]
    SearchEntry.objects.all().delete()

    run(search_tasks.reindex_products_of, "supplier", supplier.pk)
    first = sorted(SearchEntry.objects.values_list("product_id", "title", "facet_keys"))
    run(search_tasks.reindex_products_of, "supplier", supplier.pk)

    assert sorted(SearchEntry.objects.values_list("product_id", "title", "facet_keys")) == first
    assert {row[0] for row in first} == {p.pk for p in products if p.is_visible}


def test_a_renamed_category_reindexes_its_products_in_a_task(caplog):
    import logging

    caplog.set_level(logging.INFO, logger="marketplace.tasks")
    category = CategoryFactory()
    ProductFactory(category=category)
    ProductFactory(category=category)

    with TestCase.captureOnCommitCallbacks(execute=True):
        category.name = "Hand-woven rugs"
        category.save()

    runs = [r for r in caplog.records if r.name == "marketplace.tasks"]
    assert [(r.task, r.outcome) for r in runs] == [("search.tasks.reindex_products_of", "success")]


def test_generating_a_photos_renditions_twice_makes_them_once(photo):
    run(generate_renditions, photo.pk)
    first = sorted(photo.renditions.values_list("pk", "filter_spec"))
    run(generate_renditions, photo.pk)

    assert sorted(photo.renditions.values_list("pk", "filter_spec")) == first
    assert len(first) == 6  # card 2, product page 2, thumbnail, the gallery's large photo (issue 22)


def test_a_new_photo_gets_its_renditions_once_its_upload_commits():
    from tests.factories import PhotoFactory

    with TestCase.captureOnCommitCallbacks(execute=True):
        photo = PhotoFactory()

    assert photo.renditions.count() == 6


def test_expiring_rfqs_twice_expires_them_once():
    from orders.trade.models import RFQ
    from tests.trade.factories import RFQFactory

    rfq = RFQFactory()
    RFQ.objects.filter(pk=rfq.pk).update(deadline=timezone.now() - timedelta(days=1))

    first, second = twice(trade_tasks.expire_rfqs)

    assert first["rfqs"] == 1 and second == {"quotes": 0, "rfqs": 0}
    rfq.refresh_from_db()
    assert rfq.state == RFQ.State.EXPIRED


def test_the_order_jobs_run_twice_change_nothing_the_second_time():
    assert twice(order_tasks.expire_unpaid_orders)[1] == {"cancelled": [], "paid": [], "left": []}
    assert twice(order_tasks.release_escrow)[1] == []
    assert twice(order_tasks.check_ledger) == [0, 0]


def test_the_core_jobs_run_twice_change_nothing_the_second_time():
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tests.tasks.test_logging.note_request_id",
        backend_name="default",
        run_after=timezone.now(),
        status="SUCCESSFUL",
        finished_at=timezone.now() - timedelta(days=30),
    )
    assert twice(core_tasks.prune_task_results) == [1, 0]
    assert twice(core_tasks.flush_outbox) == [0, 0]


def test_a_task_called_with_its_bookkeeping_runs_as_enqueued():
    # enqueue() adds the request id and attempt; the immediate backend runs the task at once.
    result = enqueue(order_tasks.check_ledger)
    assert result.return_value == 0


@pytest.fixture
def photo():
    from tests.factories import PhotoFactory

    return PhotoFactory()
