"""A supplier's whole catalog on /products/?supplier=<slug>, the filters folded behind one control with
chips for what is chosen, and the storefront's "See all N products" link (issue 22)."""

import pytest
from django.urls import reverse

from catalog import views
from catalog.models import Product
from cms import services
from tests.factories import ClusterFactory, ProductFactory, ProductImageFactory, SupplierFactory

from .test_pages import PRODUCT_LIST_QUERIES, count_queries

pytestmark = pytest.mark.django_db

LIST = reverse("catalog:product-list")


@pytest.fixture
def potters():
    return SupplierFactory(name="Naqsh Potters of Multan", slug="naqsh-potters")


def test_the_supplier_filter_lists_only_that_suppliers_visible_products(client, potters):
    mine = ProductFactory(supplier=potters, title="Cobalt planter")
    ProductFactory(supplier=potters, title="Draft vase", status=Product.Status.DRAFT)
    ProductFactory(supplier=potters, title="Hidden bowl", hidden_by_curator=True)
    ProductFactory(title="Someone else's carpet")
    response = client.get(LIST, {"supplier": "naqsh-potters"})
    html = response.content.decode()
    assert [card.title for card in response.context["page"]] == [mine.title]
    assert "All products from Naqsh Potters of Multan" in html
    assert "Draft vase" not in html and "Hidden bowl" not in html and "carpet" not in html


def test_the_suppliers_catalog_is_paginated_with_the_same_cards(client, potters, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for n in range(5):
        ProductFactory(supplier=potters, title=f"Planter number {n}")
    ProductFactory(title="Not theirs")
    first = client.get(LIST, {"supplier": "naqsh-potters"})
    assert first.context["page"].paginator.num_pages == 3
    # The pager keeps the supplier: page 3 holds the fifth of their products, not someone else's.
    assert "supplier=naqsh-potters&amp;page=2" in first.content.decode()
    last = client.get(LIST, {"supplier": "naqsh-potters", "page": 3})
    assert [p.supplier_id for p in last.context["page"]] == [potters.pk]
    assert first.content.decode().count('<article class="card">') == 2


@pytest.mark.parametrize("slug", ["no-such-supplier", "x" * 5000, "naqsh potters\x00"])
def test_an_unknown_supplier_lists_nothing_with_a_clear_message(client, potters, slug):
    ProductFactory(supplier=potters)
    response = client.get(LIST, {"supplier": slug})
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert "No supplier has this address: there are no products to show." in response.content.decode()


def test_a_closed_suppliers_catalog_is_empty_not_listed(client):
    closed = SupplierFactory(is_active=False)
    ProductFactory(supplier=closed, title="Closed shop planter")
    response = client.get(LIST, {"supplier": closed.slug})
    assert "Closed shop planter" not in response.content.decode()
    assert response.context["unknown_supplier"]


def test_the_filters_sit_behind_one_control_counting_the_chosen_ones(client, potters):
    cluster = ClusterFactory(slug="multan-blue-pottery")
    ProductFactory(supplier=SupplierFactory(clusters=[cluster]))
    html = client.get(LIST).content.decode()
    assert '<details class="filter-panel">' in html and "Filters (0 chosen)" in html
    html = client.get(LIST, {"supplier": "naqsh-potters", "cluster": "multan-blue-pottery"}).content.decode()
    assert "Filters (2 chosen)" in html
    # The folded form keeps the supplier when another filter is applied.
    assert '<input type="hidden" name="supplier" value="naqsh-potters">' in html


def test_each_chip_is_a_link_removing_its_filter_and_nothing_else(client, potters):
    cluster = ClusterFactory(slug="multan-blue-pottery", name="Multan blue pottery")
    response = client.get(
        LIST, {"supplier": "naqsh-potters", "cluster": "multan-blue-pottery", "sort": "moq", "page": "2"}
    )
    chips = {chip["value"]: chip["url"] for chip in response.context["chips"]}
    assert chips == {
        potters.name: "?cluster=multan-blue-pottery&sort=moq",
        cluster.name: "?supplier=naqsh-potters&sort=moq",
    }
    html = response.content.decode()
    assert 'href="?cluster=multan-blue-pottery&amp;sort=moq"' in html


def test_an_unknown_filter_value_makes_no_chip(client):
    response = client.get(LIST, {"cluster": "nowhere", "category": "nothing"})
    assert response.context["chips"] == []
    assert "Filters (0 chosen)" in response.content.decode()


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
def test_a_suppliers_catalog_costs_one_query_more_whatever_its_size(client, potters, cache_state):
    url = f"{LIST}?supplier=naqsh-potters"
    ProductImageFactory(product__supplier=potters)
    # The whole list (only this supplier's products on it) is the pinned baseline; the supplier's row: 1 more.
    assert count_queries(client, LIST, cache_state) == PRODUCT_LIST_QUERIES[cache_state]
    assert count_queries(client, url, cache_state) == PRODUCT_LIST_QUERIES[cache_state] + 1
    for _ in range(6):
        ProductImageFactory(product__supplier=potters)
    assert count_queries(client, url, cache_state) == PRODUCT_LIST_QUERIES[cache_state] + 1


def test_the_storefront_links_to_all_of_its_suppliers_products(client, potters):
    services.ensure_home()
    services.ensure_storefront(potters)
    for _ in range(3):
        ProductFactory(supplier=potters)
    ProductFactory(supplier=potters, status=Product.Status.DRAFT)
    ProductFactory()
    html = client.get(potters.get_absolute_url()).content.decode()
    assert f'href="{LIST}?supplier=naqsh-potters"' in html
    assert "See all 3 products" in html


def test_a_storefront_without_visible_products_has_no_empty_link(client, potters):
    services.ensure_home()
    services.ensure_storefront(potters)
    ProductFactory(supplier=potters, hidden_by_curator=True)
    assert f"{LIST}?supplier=" not in client.get(potters.get_absolute_url()).content.decode()
