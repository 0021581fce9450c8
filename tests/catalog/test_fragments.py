"""Cached fragments of catalog pages never show stale data: every change a page shows gives it a new key.

Each test first views the page (so its fragments are cached), changes something the way the application
does, then views it again.
"""

import re
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from catalog import fragments, services
from catalog.models import PriceTier, Product
from marketplace.accounts.models import CURATORS_GROUP
from marketplace.currency import BuyerCurrency
from tests.factories import (
    CertificationFactory,
    CertificationTypeFactory,
    ClusterFactory,
    MaterialFactory,
    ProductFactory,
    ProductImageFactory,
    SupplierFactory,
    UserFactory,
)

from .test_sell import product_form

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def product():
    return ProductFactory(title="Multani blue pottery vase", stock_on_hand=120)


@pytest.fixture
def page_url(product, client):
    url = product.get_absolute_url()
    html_of(client, url)  # cached from here on
    return url


# --- Prices, stock and the listing's own rows ------
def test_artisan_edits_a_tier_price_and_the_product_page_shows_it(client_for, artisan, supplier):
    product = ProductFactory(supplier=supplier)
    visitor = Client()
    assert "12.50 USD" in html_of(visitor, product.get_absolute_url())
    data = product_form(
        product.category,
        supplier=supplier.pk,
        moq="10",
        **{
            "tiers-0-min_quantity": "10",
            "tiers-0-unit_price": "11.75",
            "tiers-1-min_quantity": "50",
            "tiers-1-unit_price": "10.00",
        },
    )

    assert client_for(artisan).post(f"/sell/products/{product.pk}/", data).status_code == 302

    html = html_of(visitor, product.get_absolute_url())
    assert "11.75 USD" in html and "12.50 USD" not in html


def test_replacing_tiers_shows_the_new_prices_on_the_page_and_the_cards(client, product, page_url):
    html_of(client, "/products/")

    services.replace_tiers(product, [(10, Decimal("9.90")), (100, Decimal("8.00"))])

    assert "9.90 USD" in html_of(client, page_url) and "12.50 USD" not in html_of(client, page_url)
    assert "from 8.00 USD" in html_of(client, "/products/")  # the lowest tier


def test_a_tier_saved_on_its_own_shows_on_the_page(client, product, page_url):
    tier = PriceTier.objects.get(product=product, min_quantity=10)
    tier.unit_price = Decimal("13.25")
    tier.save()

    assert "13.25 USD" in html_of(client, page_url)


def test_stock_sold_by_an_order_shows_on_the_page(client, product, page_url):
    # How orders reserve stock: a save of that one column, which does not touch updated_at.
    product.stock_on_hand = 95
    product.save(update_fields=["stock_on_hand"])

    html = html_of(client, page_url)
    assert ">95 " in html and ">120 " not in html


def test_a_queryset_update_of_the_product_row_shows_on_the_page(client, product, page_url):
    Product.objects.filter(pk=product.pk).update(lead_time_days=12)

    assert "12 days" in html_of(client, page_url)


def test_a_hidden_product_is_gone_from_the_list_and_its_page(client, product, page_url):
    assert product.title in html_of(client, "/products/")
    curator = UserFactory(is_staff=True)
    # The group exists from the migrations (cms 0004 gives it the storefront review).
    curator.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])

    services.hide_product(product.pk, curator, "Wrong photos")

    assert product.title not in html_of(client, "/products/")
    assert client.get(page_url).status_code == 404


def test_a_new_main_photo_shows_on_the_card_and_the_page(client_for, artisan, supplier):
    product = ProductFactory(supplier=supplier)
    first = ProductImageFactory(product=product, position=0)
    second = ProductImageFactory(product=product, position=1)
    visitor = Client()
    card_before = html_of(visitor, "/products/")
    assert first.photo.file.name.split("/")[-1].split(".")[0] in card_before

    client_for(artisan).post(f"/sell/products/{product.pk}/photos/{second.pk}/main/")

    stem = second.photo.file.name.split("/")[-1].split(".")[0]
    assert stem in main_image_of(html_of(visitor, "/products/"))
    assert stem in main_image_of(html_of(visitor, product.get_absolute_url()))


def main_image_of(html):
    return re.search(r"<img[^>]*>", html).group(0)


def test_added_material_shows_on_the_page(client, product, page_url):
    product.materials.add(MaterialFactory(name="Cobalt glaze"))

    assert "Cobalt glaze" in html_of(client, page_url)


def test_renamed_material_shows_on_the_page(client, product, page_url):
    material = MaterialFactory(name="Clay")
    product.materials.add(material)
    html_of(client, page_url)
    material.name = "Multani clay"
    material.save()

    assert "Multani clay" in html_of(client, page_url)


def test_renamed_category_shows_on_the_page(client, product, page_url):
    category = product.category
    category.name = "Glazed ceramics"
    category.save()

    assert "Glazed ceramics" in html_of(client, page_url)


# --- The supplier: its row, clusters, certifications ------
def test_renamed_supplier_shows_on_the_page_and_the_cards(client, product, page_url):
    html_of(client, "/products/")
    supplier = product.supplier
    supplier.name = "Kashigar Studio"
    supplier.save()

    assert "Kashigar Studio" in html_of(client, page_url)
    assert "Kashigar Studio" in html_of(client, "/products/")


def test_renamed_verification_level_shows_on_the_page(client, product, page_url):
    level = product.supplier.verification_level
    level.name = "Visited on site"
    level.save()

    assert "Visited on site" in html_of(client, page_url)


def test_new_certification_shows_and_a_deleted_one_goes(client, product, page_url):
    kind = CertificationTypeFactory(name="GOTS")
    certification = CertificationFactory(supplier=product.supplier, type=kind)
    assert "GOTS" in html_of(client, page_url)

    certification.delete()

    assert "GOTS" not in html_of(client, page_url)


def test_renamed_certification_type_shows_on_the_page(client, product, page_url):
    kind = CertificationTypeFactory(name="WFTO")
    certification = CertificationFactory(supplier=product.supplier, type=kind)
    html_of(client, page_url)
    certification.type.name = "WFTO Guaranteed Fair Trade"
    certification.type.save()

    assert "WFTO Guaranteed Fair Trade" in html_of(client, page_url)


def test_a_certificate_expiring_today_is_gone_from_the_page_tomorrow(client, product, page_url):
    CertificationFactory(
        supplier=product.supplier, type=CertificationTypeFactory(name="ISO 9001"), expires_on=date.today()
    )
    assert "ISO 9001" in html_of(client, page_url)

    with mock.patch("django.utils.timezone.localdate", return_value=date.today() + timedelta(days=1)):
        assert "ISO 9001" not in html_of(client, page_url)


def test_supplier_joining_a_cluster_and_its_rename_show_on_the_page(client, product, page_url):
    cluster = ClusterFactory(name="Multan blue pottery")
    product.supplier.clusters.add(cluster)
    assert "Multan blue pottery" in html_of(client, page_url)

    cluster.name = "Multan kashigari"
    cluster.save()
    assert "Multan kashigari" in html_of(client, page_url)

    cluster.suppliers.clear()
    assert "Multan kashigari" not in html_of(client, page_url)


# --- What must never be cached ------
def test_each_visitor_gets_their_own_csrf_token_and_can_add_to_cart(product, page_url, buyer):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    second.force_login(buyer)
    token_first = csrf_token_in(html_of(first, page_url))
    token_second = csrf_token_in(html_of(second, page_url))
    assert token_first != token_second

    response = second.post(
        "/cart/add/", {"product": product.slug, "quantity": "10", "csrfmiddlewaretoken": token_second}
    )

    assert response.status_code == 302 and response["Location"] == "/cart/"


def csrf_token_in(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_the_header_shows_the_visitors_login_state_on_cached_pages(client, page_url, buyer):
    assert "Log out" not in html_of(client, page_url)
    member = Client()
    member.force_login(buyer)

    assert "Log out" in html_of(member, page_url)
    assert "Log out" not in html_of(Client(), page_url)


def test_fragments_of_one_language_are_never_served_in_another():
    product, usd = ProductFactory(), BuyerCurrency("USD")
    with translation.override("en"):
        english = (fragments.listing_version(product, usd), fragments.card_key(product, usd))
    with translation.override("ur"):
        urdu = (fragments.listing_version(product, usd), fragments.card_key(product, usd))
    assert english[0] != urdu[0] and english[1] != urdu[1]


def test_a_product_of_another_supplier_never_reuses_a_card():
    one, other = ProductFactory(), ProductFactory(supplier=SupplierFactory())
    usd = BuyerCurrency("USD")
    assert fragments.card_key(one, usd) != fragments.card_key(other, usd)


def test_photo_changes_bump_the_listing_version(product):
    image = ProductImageFactory(product=product)
    before = Product.objects.get(pk=product.pk).updated_at
    image.photo.focal_point_x = 10
    image.photo.save()

    assert Product.objects.get(pk=product.pk).updated_at > before
