"""The relevance order computed in memory from each clause's postings (search.backends.database_postings)
is the order the SQL statement gives, page by page, with filters, full and partial matches alike; and the
postings never outlive the index generation they were read in."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import Product
from search import services
from search.backends import database_postings
from search.backends.database import DatabaseBackend
from search.query import SearchQuery
from tests.factories import SupplierFactory, VerificationLevelFactory

from .factories import catalog, product

pytestmark = pytest.mark.django_db

QUERIES = [
    "blue pottery vase",
    "wool carpets",
    "hand bag",
    "embroidered cushion cover",
    "block print bedsheet",
    "leather gloves for winter",
    "potery vase",
    "vase",
]


@pytest.fixture
def backend(settings):
    settings.SEARCH_BACKEND = "database"
    return DatabaseBackend()


@pytest.fixture
def varied(backend):
    """The search catalog plus sixty products sharing words in every mix, from verified and unverified
    suppliers, some published at the same moment (ties broken by id, as SQL does)."""
    catalog()
    rng = random.Random(7)
    suppliers = [
        SupplierFactory(verification_level=None),
        SupplierFactory(verification_level=VerificationLevelFactory(name="Visited", rank=2)),
    ]
    words = ["blue", "pottery", "vase", "wool", "carpet", "rug", "hand", "bag", "handbag", "cushion", "cover"]
    same_moment = timezone.now() - timedelta(days=3)
    for n in range(60):
        title = " ".join(rng.sample(words, 3)).capitalize()
        product(
            title,
            f"{title}. {' '.join(rng.sample(words, 4))} made by hand.",
            supplier=suppliers[n % 2],
            published_at=same_moment if n % 4 == 0 else timezone.now() - timedelta(hours=n),
        )
    services.rebuild_index(backend)


def in_sql(backend, query, monkeypatch):
    """The same search with the in-memory ranking switched off (the SQL statement ranks)."""
    with monkeypatch.context() as patch:
        patch.setattr(DatabaseBackend, "_ranked_in_memory", lambda *args: None)
        return backend.search(query)


def facet_counts(result):
    return {name: sorted((fc.value, fc.count) for fc in values) for name, values in result.facets.items()}


def test_the_in_memory_order_is_the_sql_order(backend, varied, monkeypatch):
    # One catalog for every query (building it is most of the test's time).
    for text in QUERIES:
        for page in (1, 2, 3):
            query = SearchQuery(text=text, page=page, page_size=7)
            ours, theirs = backend.search(query), in_sql(backend, query, monkeypatch)
            assert ours.ids == theirs.ids, (text, page)
            assert (ours.total, ours.full_match_count) == (theirs.total, theirs.full_match_count), text
            assert facet_counts(ours) == facet_counts(theirs), text


def test_the_in_memory_order_is_the_sql_order_with_filters(backend, varied, monkeypatch):
    for text in ["blue pottery vase", "wool carpets", "vase"]:
        query = SearchQuery(text=text, filters={"women_led": ["yes"]}, page_size=50)
        ours, theirs = backend.search(query), in_sql(backend, query, monkeypatch)
        assert ours.ids == theirs.ids, text
        assert ours.total == theirs.total and facet_counts(ours) == facet_counts(theirs), text


def test_the_top_of_many_ties_is_cut_exactly(backend, varied, monkeypatch):
    # Fewer candidates than this are sorted whole: with 1, every page goes through the partial selection.
    monkeypatch.setattr(database_postings, "EXACT_SORT_BELOW", 1)
    for text in QUERIES:
        for page in (1, 2, 4):
            query = SearchQuery(text=text, page=page, page_size=5)
            assert backend.search(query).ids == in_sql(backend, query, monkeypatch).ids, (text, page)


def test_a_product_indexed_after_a_search_is_found_by_the_next(backend, varied):
    assert backend.search(SearchQuery(text="kilim")).ids == []
    kilim = product("Kilim runner", "A flat-woven kilim.")
    services.update_index([kilim.pk])
    assert backend.search(SearchQuery(text="kilim")).ids == [kilim.pk]


def test_after_a_write_only_the_changed_products_are_read_again_and_the_order_is_the_sql_order(
    backend, varied, monkeypatch
):
    query = SearchQuery(text="blue pottery vase", page_size=40)
    before = backend.search(query)
    cache = database_postings.cached()
    first, second = before.ids[0], before.ids[1]
    # The best match leaves, the second is renamed (its category may still hold a word), a new one arrives.
    Product.objects.filter(pk=first).update(hidden_by_curator=True)
    Product.objects.filter(pk=second).update(title="Walnut tray", description="A tray.")
    newcomer = product("Blue pottery vase, large", "A blue pottery vase.")
    services.update_index([first, second, newcomer.pk])
    after = backend.search(query)
    assert database_postings.cached() is cache  # brought up to date, not read again whole
    assert first not in after.ids and newcomer.pk in after.ids and second not in after.ids[:5]
    theirs = in_sql(backend, query, monkeypatch)
    assert after.ids == theirs.ids and after.total == theirs.total


def test_a_rebuild_reads_every_postings_again(backend, varied):
    backend.search(SearchQuery(text="vase"))
    cache = database_postings.cached()
    services.rebuild_index(backend)
    backend.search(SearchQuery(text="vase"))
    assert database_postings.cached() is not cache


def test_many_changes_read_every_postings_again(backend, varied, monkeypatch):
    monkeypatch.setattr(database_postings, "REFRESH_AT_MOST", 2)
    monkeypatch.setattr(database_postings, "REFRESH_SHARE", 0)
    backend.search(SearchQuery(text="vase"))
    cache = database_postings.cached()
    services.update_index(list(Product.objects.values_list("pk", flat=True)[:3]))
    backend.search(SearchQuery(text="vase"))
    assert database_postings.cached() is not cache


def test_postings_beyond_the_cache_limit_are_read_again_not_lost(backend, varied, settings, monkeypatch):
    settings.SEARCH_POSTINGS_CACHE_MB = 0  # room for the one clause being read, no more
    for text in QUERIES:
        query = SearchQuery(text=text, page_size=30)
        assert backend.search(query).ids == in_sql(backend, query, monkeypatch).ids
    assert len(database_postings.cached().postings) == 1
