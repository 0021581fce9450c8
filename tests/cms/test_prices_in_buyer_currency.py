"""Storefronts, cluster pages, collections and the home page show product prices in the buyer's currency,
and a grid cached for one currency is never served in another."""

import pytest
from django.test import Client

from cms import services
from cms.models import CollectionIndexPage, CollectionItem, CollectionPage
from marketplace.currency import COOKIE_NAME
from tests.currency.helpers import store_rates
from tests.factories import ClusterFactory, ProductFactory, SupplierFactory

from .factories import FeaturedProductFactory

# 2,800 PKR = 10.00 USD = 7.50 GBP = 8.00 EUR
IN_GBP = "from 7.50 GBP (2,800.00 PKR)"


@pytest.fixture
def pkr_supplier(home):
    store_rates()
    supplier = SupplierFactory(currency="PKR", clusters=[ClusterFactory(slug="hala-ajrak")])
    supplier.product = ProductFactory(supplier=supplier, tiers=[(10, "2800")])
    return supplier


def html_in(currency, url):
    client = Client()
    client.cookies[COOKIE_NAME] = currency
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_storefront_shows_featured_prices_in_the_buyers_currency(pkr_supplier):
    page = services.ensure_storefront(pkr_supplier)
    FeaturedProductFactory(page=page, product=pkr_supplier.product)
    assert IN_GBP in html_in("GBP", pkr_supplier.storefront_url)


def test_the_cluster_page_shows_prices_in_the_buyers_currency(pkr_supplier):
    services.ensure_cluster_page(pkr_supplier.clusters.get())
    assert IN_GBP in html_in("GBP", "/clusters/hala-ajrak/")


def test_a_collection_shows_prices_in_the_buyers_currency(pkr_supplier):
    index = CollectionIndexPage.objects.get()
    page = index.add_child(instance=CollectionPage(title="Gifts", slug="gifts"))
    CollectionItem.objects.create(page=page, product=pkr_supplier.product, sort_order=0)
    assert IN_GBP in html_in("GBP", "/collections/gifts/")


def test_the_home_page_grid_cached_for_one_currency_is_never_served_in_another(pkr_supplier):
    assert IN_GBP in html_in("GBP", "/")
    html = html_in("EUR", "/")
    assert "from 8.00 EUR (2,800.00 PKR)" in html and "7.50 GBP" not in html
