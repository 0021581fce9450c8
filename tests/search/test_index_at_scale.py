"""What keeps the database index fast at a million products without changing a result: the rebuild's
values()-based documents equal the ORM-built ones, many-valued facets (suppliers) are counted per product
exactly as per-value bitmaps count them, stored bitmaps keep sparse values as ids, and vocabulary answers
are remembered per index generation only."""

from datetime import date, timedelta

import pytest

from catalog.models import Product
from search import bitmaps, services
from search.backends.database import DatabaseBackend
from search.backends.database_sql import dialect_for
from search.documents import build_documents, products_for_index, rebuild_batches
from search.query import SearchQuery
from tests.factories import (
    CertificationFactory,
    CertificationTypeFactory,
    ClusterFactory,
    MaterialFactory,
    ProductFactory,
    SupplierFactory,
)

from .factories import catalog, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.SEARCH_BACKEND = "database"
    return DatabaseBackend()


def test_the_rebuild_builds_the_same_documents_as_the_orm(backend):
    items = catalog()
    clusters = [ClusterFactory(name="Multan potters"), ClusterFactory(name="Hala weavers")]
    supplier = SupplierFactory(clusters=clusters, women_led=True, currency="PKR")
    CertificationFactory(supplier=supplier, type=CertificationTypeFactory(name="Fair Trade"))
    CertificationFactory(
        supplier=supplier,
        type=CertificationTypeFactory(name="Expired"),
        expires_on=date.today() - timedelta(days=1),
    )
    woven = ProductFactory(supplier=supplier, title="Ajrak shawl", tiers=[(5, "900"), (50, "800")])
    woven.materials.set([MaterialFactory(name="Wool"), MaterialFactory(name="Cotton")])
    hidden = ProductFactory(title="Hidden vase", hidden_by_curator=True)
    ProductFactory(title="Draft vase", status=Product.Status.DRAFT)
    expected = build_documents(products_for_index())
    for size in (1, 2, 1000):
        built = [document for batch in rebuild_batches(size) for document in batch]
        assert built == expected
    ids = {document.id for document in expected}
    assert woven.pk in ids and items["vase"].pk in ids and hidden.pk not in ids


def test_a_facet_with_many_values_counts_what_one_bitmap_per_value_counts(backend, monkeypatch):
    suppliers = [SupplierFactory(women_led=n % 2 == 0) for n in range(5)]
    products = [ProductFactory(supplier=suppliers[n % 5], title=f"Blue vase {n}") for n in range(12)]
    services.rebuild_index(backend)
    query = SearchQuery(text="vase", filters={"women_led": ["yes"]})
    per_value = backend.search(query)
    assert "supplier" not in bitmaps.current().many
    monkeypatch.setattr(bitmaps, "MANY_VALUES", 2)
    monkeypatch.setattr(bitmaps, "_cached", None)  # load again, now with suppliers as a many-valued facet
    assert "supplier" in bitmaps.current().many
    per_product = backend.search(query)

    def counts(result):
        return {name: sorted((fc.value, fc.count) for fc in values) for name, values in result.facets.items()}

    assert counts(per_product) == counts(per_value)
    assert per_product.ids == per_value.ids and per_product.total == per_value.total
    chosen = SearchQuery(text="vase", filters={"supplier": [suppliers[1].slug, suppliers[3].slug]})
    result = backend.search(chosen)
    assert sorted(result.ids) == sorted(p.pk for p in products if p.supplier in (suppliers[1], suppliers[3]))


def test_stored_bitmaps_keep_sparse_values_as_ids():
    sparse = [3, 70_000, 99_999]
    assert bitmaps.pack_ids(sparse)[:1] == bitmaps.SPARSE
    assert len(bitmaps.pack_ids(sparse)) == 1 + 4 * 3
    assert bitmaps.unpack_ids(bitmaps.pack_ids(sparse)) == sparse
    assert bitmaps.unpack(bitmaps.pack(bitmaps.from_ids(sparse))) == bitmaps.from_ids(sparse)
    dense = list(range(0, 1000, 3))
    assert bitmaps.pack_ids(dense)[:1] == bitmaps.DENSE
    assert bitmaps.unpack_ids(bitmaps.pack_ids(dense)) == dense
    assert bitmaps.unpack(bitmaps.pack(0)) == 0


def test_a_bitmap_and_its_numpy_mask_convert_both_ways():
    bits = bitmaps.from_ids([0, 2, 9])
    assert bitmaps.to_mask(bits, 12).tolist() == [True, False, True] + [False] * 6 + [True, False, False]
    assert bitmaps.from_mask(bitmaps.to_mask(bits, 12)) == bits
    assert bitmaps.to_mask(0, 4).tolist() == [False] * 4


def test_vocabulary_answers_last_as_long_as_the_index_generation(backend, django_assert_num_queries):
    cushion = product("Embroidered cushion cover")
    services.rebuild_index(backend)
    backend.search(SearchQuery(text="cushon"))
    dialect = dialect_for(backend.vendor)
    with django_assert_num_queries(0):
        dialect.word_frequencies(None, ["cushon", "cushion"])
        dialect.close_words(None, "cushon")
    backend.remove([cushion.pk])  # a new generation: the answers are asked again
    assert backend.search(SearchQuery(text="cushon")).corrections == {}


def test_a_facet_with_many_values_offers_its_most_common_values_and_the_chosen_ones(backend, monkeypatch):
    suppliers = [SupplierFactory() for _n in range(4)]
    for supplier, count in zip(suppliers, [3, 2, 1, 1], strict=True):
        for _n in range(count):
            ProductFactory(supplier=supplier, title="Blue vase")
    services.rebuild_index(backend)
    monkeypatch.setattr(bitmaps, "MANY_VALUES", 2)
    monkeypatch.setattr(bitmaps, "TOP_VALUES", 2)
    monkeypatch.setattr(bitmaps, "_cached", None)

    def offered(query):
        return sorted((fc.value, fc.count) for fc in backend.search(query).facets["supplier"])

    first, second, _third, fourth = (s.slug for s in suppliers)
    assert offered(SearchQuery(text="vase")) == sorted([(first, 3), (second, 2)])
    chosen = SearchQuery(text="vase", filters={"supplier": [fourth]})
    assert offered(chosen) == sorted([(first, 3), (second, 2), (fourth, 1)])
