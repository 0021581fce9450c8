"""Cached parts of the cms pages (storefront facts and gallery, home's cluster cards, product cards) and the
cached Site never show stale data, and view restrictions hold whatever is cached."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from catalog import services as catalog_services
from cms import services
from cms.models import SupplierIndexPage
from marketplace.accounts.models import CURATORS_GROUP
from tests.factories import (
    CertificationFactory,
    CertificationTypeFactory,
    ClusterFactory,
    ProductFactory,
    UserFactory,
)

from .conftest import get_twice
from .factories import FeaturedProductFactory, GalleryPhotoFactory, with_photo

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def storefront_url(storefront, supplier, client):
    url = f"/suppliers/{supplier.slug}/"
    get_twice(client, url)  # cached from here on
    return url


# --- Storefront ------
def test_storefront_shows_a_new_certification_and_cluster(client, supplier, storefront_url):
    CertificationFactory(
        supplier=supplier, type=CertificationTypeFactory(name="GOTS"), expires_on=date.today() + timedelta(9)
    )
    supplier.clusters.add(ClusterFactory(name="Hala ajrak printers"))

    html = html_of(client, storefront_url)
    assert "GOTS" in html and "Hala ajrak printers" in html


def test_storefront_shows_the_suppliers_new_facts(client, supplier, storefront_url):
    supplier.women_led = True
    supplier.city = "Chitral"
    supplier.save()

    html = html_of(client, storefront_url)
    assert "Chitral" in html and "<dd>Yes</dd>" in html


def test_storefront_gallery_shows_new_photos_and_captions(client, storefront, storefront_url):
    item = GalleryPhotoFactory(page=storefront, caption="Carding the wool")
    assert "Carding the wool" in html_of(client, storefront_url)

    item.caption = "Spinning the yarn"
    item.save()

    assert "Spinning the yarn" in html_of(client, storefront_url)


def test_storefront_featured_card_shows_a_new_price_and_goes_when_hidden(
    client, storefront, supplier, storefront_url
):
    product = with_photo(ProductFactory(supplier=supplier, title="Chitrali patti shawl"))
    FeaturedProductFactory(page=storefront, product=product)
    assert "from 10.80 USD" in html_of(client, storefront_url)

    catalog_services.replace_tiers(product, [(10, Decimal("9.50"))])
    assert "from 9.50 USD" in html_of(client, storefront_url)

    curator = UserFactory(is_staff=True)
    curator.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])  # made by cms 0004
    catalog_services.hide_product(product.pk, curator, "Duplicate listing")
    assert "Chitrali patti shawl" not in html_of(client, storefront_url)


# --- Home ------
def test_home_cluster_cards_follow_renames_and_unpublishing(client, home):
    cluster = ClusterFactory(name="Sialkot footballs")
    page = services.ensure_cluster_page(cluster)
    assert "Sialkot footballs" in html_of(client, "/")

    cluster.name = "Sialkot hand-stitched footballs"
    cluster.save()
    assert "Sialkot hand-stitched footballs" in html_of(client, "/")

    page.unpublish()
    assert "Sialkot hand-stitched footballs" not in html_of(client, "/")


def test_home_newest_products_follow_new_and_hidden_products(client, home):
    html_of(client, "/")
    product = with_photo(ProductFactory(title="Camel skin lamp"))
    assert "Camel skin lamp" in html_of(client, "/")

    product.status = product.Status.DRAFT
    product.save()
    assert "Camel skin lamp" not in html_of(client, "/")


# --- The cached Site ------
def test_a_saved_site_is_looked_up_again(client, home, django_assert_num_queries):
    get_twice(client, "/")
    with django_assert_num_queries(5):
        client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Pakistan Crafts Export"
    site.save()

    with django_assert_num_queries(6):  # the Site again, once
        client.get("/")


# --- View restrictions hold with every cache warm ------
@pytest.mark.parametrize("on", ["storefront", "index"])
def test_a_login_restriction_on_a_storefront_or_its_parent_holds(client, storefront, storefront_url, on):
    restricted = storefront if on == "storefront" else SupplierIndexPage.objects.get()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(storefront_url)

    assert response.status_code == 302 and "login" in response["Location"]
    assert Client().get("/").status_code == 200  # the home page is not restricted
