"""The rebuild builds the next batch of documents on a second connection while the first is written
(search.documents.read_ahead): the same index, errors reach the caller, an early stop ends the thread."""

import threading

import pytest

from catalog.models import Product
from search import services
from search.backends.database import DatabaseBackend
from search.documents import read_ahead, rebuild_batches
from search.models import SearchEntry
from search.query import SearchQuery

from .factories import catalog


def test_read_ahead_gives_every_batch_in_order():
    assert list(read_ahead(iter([[1], [2, 3], [4]]))) == [[1], [2, 3], [4]]


def test_an_error_while_building_reaches_the_caller():
    def batches():
        yield [1]
        raise ValueError("a product without a category")

    with pytest.raises(ValueError, match="without a category"):
        list(read_ahead(batches()))


def test_a_caller_stopping_early_ends_the_reading_thread():
    reading = read_ahead(iter([[n] for n in range(100)]), depth=1)
    assert next(reading) == [0]
    reading.close()  # as when the write of a batch fails
    assert not [t for t in threading.enumerate() if t.name == "search-rebuild-reader"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_reads_ahead_and_indexes_every_product(
    on_postgres, settings, monkeypatch
):
    settings.SEARCH_BACKEND = "database"
    items = catalog()
    used = []
    monkeypatch.setattr(services, "read_ahead", lambda batches: used.append(1) or read_ahead(batches))
    monkeypatch.setattr(services, "document_batches", lambda: rebuild_batches(2))  # several batches
    backend = DatabaseBackend()
    count = services.rebuild_index(backend)
    assert used and count == SearchEntry.objects.count() == Product.objects.visible().count() > 2
    assert items["vase"].pk in backend.search(SearchQuery(text="vase")).ids
