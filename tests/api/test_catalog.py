"""Catalog endpoints: what the public pages show (visible products, active suppliers), with their filters,
money as strings with currency, cursor pages, and a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.product_summaries import summary_key, summary_rows
from catalog.models import Product
from catalog.wagtail_overrides import CARD_RENDITIONS
from tests.factories import (
    CategoryFactory,
    CertificationFactory,
    CertificationTypeFactory,
    ClusterFactory,
    MaterialFactory,
    ProductFactory,
    ProductImageFactory,
    SupplierFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_client_for, buyer):
    return api_client_for(buyer, scope="read")


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def products(api, **params):
    return ids(api.get(reverse("api:product-list"), params))


# --- what is shown ---------------------------------------------------------------------------------------
def test_the_product_list_shows_only_what_buyers_may_see(api):
    shown = ProductFactory()
    ProductFactory(status=Product.Status.DRAFT)
    ProductFactory(hidden_by_curator=True)
    ProductFactory(supplier=SupplierFactory(is_active=False))

    assert products(api) == [shown.pk]


def test_a_draft_products_detail_is_404(api):
    draft = ProductFactory(status=Product.Status.DRAFT)

    response = api.get(reverse("api:product-detail", args=[draft.pk]))

    assert response.status_code == 404


def test_prices_are_decimal_strings_with_their_currency(api):
    product = ProductFactory(supplier=SupplierFactory(currency="EUR"), tiers=[(10, "12.50"), (50, "10.8")])

    body = api.get(reverse("api:product-detail", args=[product.pk])).json()

    assert body["price_tiers"] == [
        {"min_quantity": 10, "unit_price": {"amount": "12.50", "currency": "EUR"}},
        {"min_quantity": 50, "unit_price": {"amount": "10.80", "currency": "EUR"}},
    ]
    assert body["from_price"] == {"amount": "10.80", "currency": "EUR"}


def test_the_product_detail_has_the_product_pages_facts(api):
    product = ProductFactory(hs_code="691390", lead_time_days=21, moq=10, incoterms=["FOB", "CIF"])
    product.materials.add(MaterialFactory(name="Clay"))
    ProductImageFactory(product=product)

    body = api.get(reverse("api:product-detail", args=[product.pk])).json()

    assert (body["hs_code"], body["lead_time_days"], body["moq"]) == ("691390", 21, 10)
    assert body["incoterms"] == ["FOB", "CIF"]
    assert body["materials"][0]["slug"] == "clay"
    assert body["supplier"]["slug"] == product.supplier.slug
    assert body["photos"][0]["renditions"][0]["url"].startswith("/")


def test_timestamps_carry_their_offset(api):
    product = ProductFactory()

    published = api.get(reverse("api:product-detail", args=[product.pk])).json()["published_at"]

    assert published[-6] in "+-" and published[-3] == ":"


# --- filters ---------------------------------------------------------------------------------------------
def test_category_includes_its_subcategories_but_not_a_sibling_with_a_longer_slug(api):
    home = CategoryFactory(slug="home")
    rugs = CategoryFactory(slug="rugs", parent=home)
    sibling = CategoryFactory(slug="home-textiles")
    in_home, in_rugs = ProductFactory(category=home), ProductFactory(category=rugs)
    ProductFactory(category=sibling)

    assert set(products(api, category="home")) == {in_home.pk, in_rugs.pk}


def test_an_unknown_category_gives_no_products(api):
    ProductFactory()

    assert products(api, category="no-such-category") == []


def test_cluster_supplier_material_and_region_filter(api):
    cluster = ClusterFactory()
    clustered = ProductFactory(supplier=SupplierFactory(clusters=[cluster]))
    other = ProductFactory(origin_region="sindh")
    other.materials.add(MaterialFactory(name="Brass"))

    assert products(api, cluster=cluster.slug) == [clustered.pk]
    assert products(api, supplier=other.supplier.slug) == [other.pk]
    assert products(api, material="brass") == [other.pk]
    assert products(api, region="sindh") == [other.pk]


def test_certification_counts_only_valid_certificates(api):
    gots = CertificationTypeFactory(name="GOTS")
    certified = ProductFactory()
    CertificationFactory(supplier=certified.supplier, type=gots)
    lapsed = ProductFactory()
    yesterday = timezone.localdate() - timedelta(days=1)
    CertificationFactory(supplier=lapsed.supplier, type=gots, expires_on=yesterday)

    assert products(api, certification="gots") == [certified.pk]


def test_moq_max_keeps_products_orderable_at_that_quantity(api):
    small = ProductFactory(moq=10)
    ProductFactory(moq=500)

    assert products(api, moq_max=100) == [small.pk]


def test_price_range_compares_the_lowest_tier_in_the_given_currency(api):
    cheap = ProductFactory(tiers=[(10, "4.00")])
    ProductFactory(tiers=[(10, "40.00")])
    ProductFactory(supplier=SupplierFactory(currency="PKR"), tiers=[(10, "4.00")])

    assert products(api, currency="USD", price_max="5") == [cheap.pk]


def test_a_price_range_without_currency_is_refused(api):
    response = api.get(reverse("api:product-list"), {"price_min": "5"})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["currency"]


# --- pages and queries -----------------------------------------------------------------------------------
def test_the_list_comes_in_cursor_pages_newest_first(api):
    made = [ProductFactory().pk for _ in range(5)]

    first = api.get(reverse("api:product-list"), {"page_size": 2}).json()
    second = api.get(first["next"]).json()

    assert [row["id"] for row in first["results"]] == made[::-1][:2]
    assert [row["id"] for row in second["results"]] == made[::-1][2:4]
    assert "count" not in first


def test_page_size_is_capped_at_100(api):
    ProductFactory()

    response = api.get(reverse("api:product-list"), {"page_size": 5000})

    assert response.status_code == 200


def test_a_made_up_cursor_is_a_400_not_a_500(api):
    import base64

    cursor = base64.b64encode(b"p=not-a-number&r=0").decode()

    response = api.get(reverse("api:product-list"), {"cursor": cursor})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def count_queries(api, url, cold=False):
    api.get(url)  # warm: the token's last use is stamped, renditions made and cached
    if cold:  # the summaries are forgotten; renditions stay cached
        products = summary_rows(Product.objects.visible())
        cache.delete_many([summary_key(product, CARD_RENDITIONS) for product in products])
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_product_list_takes_the_same_few_queries_for_3_or_20_products(api):
    for _ in range(3):
        ProductImageFactory(product=ProductFactory())
    few = count_queries(api, reverse("api:product-list"))
    for _ in range(17):
        ProductImageFactory(product=ProductFactory())

    many = count_queries(api, reverse("api:product-list"))

    # token, products (with supplier, level, category): each product's summary comes from the cache.
    assert few == many == 2


def test_a_cold_product_list_loads_tiers_and_photos_in_two_queries_whatever_its_length(api):
    for _ in range(3):
        ProductImageFactory(product=ProductFactory())
    few = count_queries(api, reverse("api:product-list"), cold=True)
    for _ in range(17):
        ProductImageFactory(product=ProductFactory())

    many = count_queries(api, reverse("api:product-list"), cold=True)

    # token, products, tiers, photos: renditions come from Wagtail's rendition cache, kept here.
    assert few == many == 4


def test_a_changed_price_tier_shows_in_the_list_at_once(api):
    product = ProductFactory()
    api.get(reverse("api:product-list"))  # the summary is cached
    tier = product.price_tiers.order_by("min_quantity").first()
    tier.unit_price = Decimal("3.21")
    tier.save()

    body = api.get(reverse("api:product-list")).json()

    assert body["results"][0]["price_tiers"][0]["unit_price"]["amount"] == "3.21"


def test_a_renamed_category_shows_in_the_list_at_once(api):
    product = ProductFactory()
    api.get(reverse("api:product-list"))
    product.category.name = "Hand-knotted rugs"
    product.category.save()

    assert (
        api.get(reverse("api:product-list")).json()["results"][0]["category"]["name"] == "Hand-knotted rugs"
    )


def test_the_supplier_list_takes_the_same_queries_whatever_its_length(api):
    SupplierFactory(clusters=[ClusterFactory()])
    few = count_queries(api, reverse("api:supplier-list"))
    for _ in range(6):
        supplier = SupplierFactory(clusters=[ClusterFactory()])
        CertificationFactory(supplier=supplier)

    assert count_queries(api, reverse("api:supplier-list")) == few


# --- suppliers, clusters, categories ---------------------------------------------------------------------
def test_suppliers_show_verification_clusters_and_valid_certifications_only(api):
    supplier = SupplierFactory(clusters=[ClusterFactory(slug="sialkot-gloves")])
    CertificationFactory(supplier=supplier, type=CertificationTypeFactory(name="ISO 13485"))
    expired = timezone.localdate() - timedelta(days=1)
    CertificationFactory(supplier=supplier, type=CertificationTypeFactory(name="CE"), expires_on=expired)

    body = api.get(reverse("api:supplier-detail", args=[supplier.pk])).json()

    assert body["verification_level"] == {"name": "Documents checked", "rank": 1}
    assert [c["slug"] for c in body["clusters"]] == ["sialkot-gloves"]
    assert [c["type"] for c in body["certifications"]] == ["iso-13485"]
    assert "document" not in body["certifications"][0]


def test_an_inactive_supplier_is_404(api):
    supplier = SupplierFactory(is_active=False)

    assert api.get(reverse("api:supplier-detail", args=[supplier.pk])).status_code == 404


def test_suppliers_filter_by_women_led(api):
    women_led = SupplierFactory(women_led=True)
    SupplierFactory(women_led=False)

    assert ids(api.get(reverse("api:supplier-list"), {"women_led": "true"})) == [women_led.pk]


def test_clusters_are_listed_with_their_page(api):
    cluster = ClusterFactory(slug="hala-ajrak")

    body = api.get(reverse("api:cluster-detail", args=[cluster.pk])).json()

    assert body["url"] == cluster.get_absolute_url()


def test_categories_come_as_one_tree(api):
    home = CategoryFactory(slug="home", name="Home")
    CategoryFactory(slug="rugs", name="Rugs", parent=home)
    CategoryFactory(slug="apparel", name="Apparel")

    tree = api.get(reverse("api:category-list")).json()

    assert [(node["slug"], [c["slug"] for c in node["children"]]) for node in tree] == [
        ("apparel", []),
        ("home", ["rugs"]),
    ]


def test_an_anonymous_caller_gets_no_catalog(anonymous_api_client):
    assert anonymous_api_client.get(reverse("api:product-list")).status_code == 401


def test_unit_price_amounts_are_never_floats(api):
    ProductFactory(tiers=[(10, "0.10")])

    tier = api.get(reverse("api:product-list")).json()["results"][0]["price_tiers"][0]

    assert tier["unit_price"]["amount"] == "0.10"
    assert Decimal(tier["unit_price"]["amount"]) == Decimal("0.10")
