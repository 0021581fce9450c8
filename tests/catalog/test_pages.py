import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from tests.factories import ClusterFactory, ProductFactory, ProductImageFactory, SupplierFactory

pytestmark = pytest.mark.django_db


# Warm: cards, page fragments and renditions cached, as on a busy site. Cold: the cache emptied (a restart),
# renditions already generated. Neither grows with the number of products or photos. Cold includes the one
# query of the footer's and header's curated links (cms.navigation), cached afterwards.
PRODUCT_LIST_QUERIES = {"warm": 4, "cold": 8}
PRODUCT_PAGE_QUERIES = {"warm": 1, "cold": 12}


def count_queries(client, url, cache_state="warm"):
    client.get(url)  # renditions are made once, on the first view
    client.get(url)
    if cache_state == "cold":
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_product_list_shows_visible_products_only(client):
    shown = ProductFactory(title="Ajrak block print bedsheet")
    ProductFactory(title="Draft thing", status=Product.Status.DRAFT)
    ProductFactory(title="Hidden thing", hidden_by_curator=True)
    ProductFactory(title="Inactive supplier thing", supplier=SupplierFactory(is_active=False))
    html = client.get("/products/").content.decode()
    assert shown.title in html
    assert "Draft thing" not in html and "Hidden thing" not in html and "Inactive supplier thing" not in html


def test_product_list_filters_by_cluster(client):
    cluster = ClusterFactory()
    inside = ProductFactory(supplier=SupplierFactory(clusters=[cluster]))
    outside = ProductFactory()
    html = client.get(f"/products/?cluster={cluster.slug}").content.decode()
    assert inside.title in html and outside.title not in html


def test_product_list_filter_by_parent_category_includes_children(client):
    child = ProductFactory().category
    parent = type(child).objects.create(name="Home", slug="home-decor")
    child.parent = parent
    child.save()
    product = Product.objects.get(category=child)
    assert product.title in client.get("/products/?category=home-decor").content.decode()


def test_product_list_sorts_by_lead_time(client):
    ProductFactory(title="Slow one", lead_time_days=90)
    ProductFactory(title="Quick one", lead_time_days=7)
    html = client.get("/products/?sort=lead_time").content.decode()
    assert html.index("Quick one") < html.index("Slow one")


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
def test_product_list_query_count_does_not_grow_with_results(client, cache_state):
    for _ in range(2):
        ProductImageFactory()
    assert count_queries(client, "/products/", cache_state) == PRODUCT_LIST_QUERIES[cache_state]
    for _ in range(10):
        ProductImageFactory()
    assert count_queries(client, "/products/", cache_state) == PRODUCT_LIST_QUERIES[cache_state]


def test_product_page_shows_tiers_facts_and_supplier_card(client):
    product = ProductFactory(stock_on_hand=120, sample_available=True, sample_price="25.00")
    html = client.get(product.get_absolute_url()).content.decode()
    for text in [
        "12.50 USD",
        "10.80 USD",
        "691390",
        "FOB",
        "120",
        "25.00",
        product.supplier.name,
        product.supplier.storefront_url,
    ]:
        assert text in html


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
def test_product_page_query_count_does_not_grow_with_photos(client, cache_state):
    product = ProductFactory()
    ProductImageFactory(product=product)
    url = product.get_absolute_url()
    assert count_queries(client, url, cache_state) == PRODUCT_PAGE_QUERIES[cache_state]
    for position in range(1, 6):
        ProductImageFactory(product=product, position=position)
    assert count_queries(client, url, cache_state) == PRODUCT_PAGE_QUERIES[cache_state]


@pytest.mark.parametrize("change", [{"status": "draft"}, {"hidden_by_curator": True}])
def test_a_draft_or_hidden_product_page_is_not_found(client, change):
    product = ProductFactory(**change)
    assert client.get(product.get_absolute_url()).status_code == 404
