"""The database backend's own rules (SQLite, or PostgreSQL when DATABASE_URL points there): which words
count, when partial matches come in, facet bitmaps kept in step with every write."""

import pytest
from django.db import connection

from search import bitmaps, services
from search.backends.database import DatabaseBackend
from search.query import RELAX_BELOW, SearchQuery
from tests.factories import ProductFactory, SupplierFactory

from .factories import catalog, category, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.SEARCH_BACKEND = "database"
    return DatabaseBackend()


def rebuild():
    services.rebuild_index(services.database_backend())


def search(text="", **kwargs):
    return DatabaseBackend().search(SearchQuery(text=text, **kwargs))


def test_words_no_product_holds_do_not_empty_the_results(backend):
    items = catalog()
    rebuild()
    found = search("blue pottery vase qwertyuiop zzxxcc").ids
    assert found[0] == items["vase"].pk


def test_few_full_matches_widen_to_the_best_partial_matches(backend):
    planter = product("Blue pottery planter")
    vase = product("Blue pottery vase")
    cushion = product("Blue cushion cover", "Indigo cotton.")
    rebuild()
    found = search("blue pottery planter").ids
    assert found[0] == planter.pk
    assert found.index(vase.pk) < found.index(cushion.pk)


def test_rare_words_outweigh_common_ones_in_partial_matches(backend):
    for n in range(RELAX_BELOW):
        product(f"Red cushion cover {n}", "Red cotton.")
    khussa = product("Leather khussa shoes", "Handmade in Multan.")
    rebuild()
    assert search("red khussa").ids[0] == khussa.pk


def test_each_facet_count_is_what_choosing_that_value_returns(backend):
    catalog()
    rebuild()
    result = search("pottery cotton wool", facets=("region", "material", "women_led"))
    assert result.facets["region"]
    for name, counts in result.facets.items():
        for facet in counts:
            chosen = search("pottery cotton wool", filters={name: [facet.value]}, facets=())
            assert chosen.total == facet.count, (name, facet.value)


def test_facet_bitmaps_follow_edits_and_deletes(backend, django_capture_on_commit_callbacks):
    items = catalog()
    rebuild()
    assert {f.value: f.count for f in search("").facets["region"]}["gb"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        items["khussa"].origin_region = "gb"
        items["khussa"].save()
    assert {f.value: f.count for f in search("").facets["region"]}["gb"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        items["carpet"].delete()
    regions = {f.value: f.count for f in search("").facets["region"]}
    assert regions["gb"] == 1
    assert search("").total == len(items) - 1


def test_a_process_reloads_its_bitmaps_when_the_index_changes(backend):
    catalog()
    rebuild()
    before = bitmaps.current()
    assert bitmaps.current() is before  # same token: no reload
    extra = ProductFactory(title="Onyx candle holder", origin_region="balochistan")
    backend.index(services.build_documents(services.products_for_index([extra.pk])))
    after = bitmaps.current()
    assert after.token != before.token
    assert after.facets["region"]["balochistan"] == 1 << extra.pk


def test_removing_the_last_product_of_a_value_drops_its_bitmap(backend):
    carpet = product("Hand-knotted wool carpet", origin_region="gb")
    product("Blue pottery vase", origin_region="punjab")
    rebuild()
    backend.remove([carpet.pk])
    assert "gb" not in bitmaps.current().facets["region"]


def test_spelling_fixes_only_offer_words_some_product_holds(backend):
    cushion = product("Embroidered cushion cover")
    product("Blue pottery vase")
    rebuild()
    assert search("cushon").corrections == {"cushon": ["cushion"]}
    backend.remove([cushion.pk])  # "cushion" stays in the vocabulary, but no product holds it now
    assert search("cushon").corrections == {}


def test_browsing_a_narrow_filter_reads_products_by_id(backend):
    women = SupplierFactory(women_led=True)
    chosen = [ProductFactory(supplier=women) for _ in range(3)]
    for _ in range(5):
        ProductFactory()
    rebuild()
    result = search("", filters={"women_led": ["yes"]}, sort="newest")
    newest_first = sorted(chosen, key=lambda p: (p.published_at, p.pk), reverse=True)
    assert result.ids == [p.pk for p in newest_first]
    assert result.total == 3


@pytest.mark.postgres
def test_lexeme_counts_stay_exact_through_edits_and_deletes(on_postgres, backend):
    items = catalog()
    rebuild()
    extra = product("Blue pottery bowl", category_obj=category("Bowls"))
    backend.index(services.build_documents(services.products_for_index([extra.pk])))
    backend.remove([items["vase"].pk, items["carpet"].pk])
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme, docs FROM product_search_lexeme WHERE docs > 0")
        kept = dict(cursor.fetchall())
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM product_search_entry')")
        truth = dict(cursor.fetchall())
    assert kept == truth


def test_bitmap_helpers_round_trip():
    ids = [0, 1, 7, 8, 63, 64, 1000, 123_457]
    bits = bitmaps.from_ids(ids)
    assert bitmaps.ids_of(bits) == ids
    assert bitmaps.from_bytes(bitmaps.to_bytes(bits)) == bits
    # PostgreSQL's bit_or returns signed 64-bit words: bit 63 arrives as a negative number.
    words = [(0, 1 | (1 << 1) | (1 << 7) | (1 << 8) | -(1 << 63)), (1, 1), (15, 1 << 40), (1929, 1 << 1)]
    assert bitmaps.ids_of(bitmaps.from_words(words)) == [0, 1, 7, 8, 63, 64, 1000, 123_457]


def test_suggest_puts_titles_starting_with_the_typed_words_first(backend):
    product("Blue pottery vase")
    starting = product("Pottery planter, blue")
    rebuild()
    assert backend.suggest("pott")[0] == starting.pk
    assert len(backend.suggest("pott")) == 2
