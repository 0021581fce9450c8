"""The URLs the cms gives the catalog's suppliers and clusters are where Wagtail serves them."""

import pytest
from django.test import Client

from cms import services
from cms.models import ClusterIndexPage
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def test_a_suppliers_url_is_its_storefront_page(storefront, supplier):
    assert supplier.get_absolute_url() == supplier.storefront_url == storefront.url
    assert Client().get(supplier.storefront_url).status_code == 200


def test_a_clusters_url_is_its_cluster_page(home):
    cluster = ClusterFactory(slug="hala-ajrak")
    page = services.ensure_cluster_page(cluster)

    assert cluster.get_absolute_url() == page.url == "/clusters/hala-ajrak/"


def test_the_headers_clusters_link_is_the_cluster_index_page(home):
    html = Client().get("/").content.decode()
    assert f'<a href="{ClusterIndexPage.objects.get().url}">Clusters</a>' in html
