"""The public cms pages: what they show, what they must never show, and how many queries they run."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from catalog.models import Product
from cms import services
from cms.models import CollectionIndexPage, CollectionItem, CollectionPage, StoryIndexPage, StoryPage
from tests.factories import (
    CertificationFactory,
    CertificationTypeFactory,
    ClusterFactory,
    ProductFactory,
    SupplierFactory,
)

from .conftest import get_twice
from .factories import FeaturedProductFactory, GalleryPhotoFactory, with_photo

pytestmark = pytest.mark.django_db


def _story(text):
    return [
        {"type": "heading", "value": "Our workshop"},
        {"type": "paragraph", "value": f"<p>{text}</p>"},
        {"type": "quote", "value": {"text": "We answer every buyer the same day.", "attribution": "Founder"}},
        {"type": "fact", "value": {"figure": "38", "label": "women artisans"}},
    ]


def _feature(page, products):
    for product in products:
        FeaturedProductFactory(page=page, product=product)


# --- Storefront ------
def test_storefront_shows_story_gallery_featured_products_and_facts(client, storefront, supplier):
    supplier.women_led = True
    supplier.save()
    storefront.story = _story("Forty women crochet through the winter.")
    storefront.save()
    GalleryPhotoFactory(page=storefront, caption="Drying the wool")
    product = with_photo(ProductFactory(supplier=supplier, title="Crochet wool beanie"))
    _feature(storefront, [product])

    response = client.get(f"/suppliers/{supplier.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert supplier.name in html
    assert "Forty women crochet through the winter." in html
    assert "We answer every buyer the same day." in html
    assert "Drying the wool" in html
    assert "Crochet wool beanie" in html
    assert "Women-led" in html
    assert supplier.verification_level.name in html
    assert 'srcset="' in html and ".webp" in html


def test_storefront_links_to_an_inquiry_for_its_supplier(client, storefront, supplier):
    response = client.get(f"/suppliers/{supplier.slug}/")

    assert f'href="/inbox/new/?supplier={supplier.slug}"' in response.content.decode()


def test_storefront_shows_valid_certifications_but_not_expired_ones(client, storefront, supplier):
    CertificationFactory(
        supplier=supplier,
        type=CertificationTypeFactory(name="GOTS"),
        expires_on=date.today() + timedelta(days=200),
    )
    CertificationFactory(
        supplier=supplier,
        type=CertificationTypeFactory(name="OEKO-TEX"),
        expires_on=date.today() - timedelta(days=1),
    )

    html = client.get(f"/suppliers/{supplier.slug}/").content.decode()

    assert "GOTS" in html
    assert "OEKO-TEX" not in html


def test_storefront_never_shows_hidden_or_draft_featured_products(client, storefront, supplier):
    visible = ProductFactory(supplier=supplier, title="Visible ajrak stole")
    draft = ProductFactory(supplier=supplier, title="Draft ajrak stole", status=Product.Status.DRAFT)
    hidden = ProductFactory(supplier=supplier, title="Hidden ajrak stole", hidden_by_curator=True)
    _feature(storefront, [visible, draft, hidden])

    html = client.get(f"/suppliers/{supplier.slug}/").content.decode()

    assert "Visible ajrak stole" in html
    assert "Draft ajrak stole" not in html
    assert "Hidden ajrak stole" not in html


def test_featuring_another_suppliers_product_is_a_validation_error(storefront):
    foreign = ProductFactory(supplier=SupplierFactory())
    featured = FeaturedProductFactory.build(page=storefront, product=foreign)

    with pytest.raises(ValidationError):
        featured.clean()


def test_storefront_ignores_another_suppliers_product_even_if_stored(client, storefront, supplier):
    foreign = ProductFactory(supplier=SupplierFactory(), title="Someone else's lamp")
    _feature(storefront, [foreign])

    html = client.get(f"/suppliers/{supplier.slug}/").content.decode()

    assert "Someone else&#x27;s lamp" not in html and "Someone else's lamp" not in html


def test_storefront_slug_must_be_the_suppliers_slug(storefront):
    storefront.slug = "another-slug"

    with pytest.raises(ValidationError):
        storefront.full_clean()


def test_unknown_storefront_is_404(client, home):
    assert client.get("/suppliers/nobody-here/").status_code == 404


def test_unpublished_storefront_is_404(client, storefront, supplier):
    storefront.unpublish()

    assert client.get(f"/suppliers/{supplier.slug}/").status_code == 404


def test_supplier_index_lists_storefronts(client, storefront, supplier):
    response = client.get("/suppliers/")

    assert response.status_code == 200
    assert supplier.storefront_url in response.content.decode()


# --- Cluster page ------
@pytest.fixture
def cluster_page(home):
    cluster = ClusterFactory(
        name="Hala ajrak block printing",
        sector="Block-printed textiles",
        region="sindh",
        city="Hala",
        slug="hala-ajrak",
    )
    page = services.ensure_cluster_page(cluster)
    page.story = _story("Printed by hand with carved wooden blocks.")
    page.save()
    return page


def test_cluster_page_shows_sector_region_story_suppliers_and_products(client, cluster_page):
    supplier = SupplierFactory(name="Hala Ajrak House", clusters=[cluster_page.cluster])
    ProductFactory(supplier=supplier, title="Ajrak block print cotton bedsheet")

    response = client.get("/clusters/hala-ajrak/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Block-printed textiles" in html and "Sindh" in html
    assert "Printed by hand with carved wooden blocks." in html
    assert "Hala Ajrak House" in html and supplier.storefront_url in html
    assert "Ajrak block print cotton bedsheet" in html
    assert 'href="/clusters/hala-ajrak/subcontract/"' in html


def test_cluster_page_never_shows_hidden_draft_or_inactive_suppliers_products(client, cluster_page):
    supplier = SupplierFactory(clusters=[cluster_page.cluster])
    inactive = SupplierFactory(clusters=[cluster_page.cluster], is_active=False, name="Closed Workshop")
    ProductFactory(supplier=supplier, title="Published ajrak")
    ProductFactory(supplier=supplier, title="Draft ajrak", status=Product.Status.DRAFT)
    ProductFactory(supplier=supplier, title="Hidden ajrak", hidden_by_curator=True)
    ProductFactory(supplier=inactive, title="Inactive ajrak")

    html = client.get("/clusters/hala-ajrak/").content.decode()

    assert "Published ajrak" in html
    for title in ["Draft ajrak", "Hidden ajrak", "Inactive ajrak", "Closed Workshop"]:
        assert title not in html


def test_cluster_page_leaves_out_other_clusters_products(client, cluster_page):
    ProductFactory(supplier=SupplierFactory(clusters=[ClusterFactory()]), title="Sialkot football")

    assert "Sialkot football" not in client.get("/clusters/hala-ajrak/").content.decode()


# --- Home, collections, stories ------
def test_home_shows_intro_clusters_collections_and_newest_products(client, home, cluster_page):
    home.intro = "Buy directly from Pakistan's artisans."
    home.save()
    collection = CollectionPage(title="Expo 2026 follow-up", slug="expo-2026")
    CollectionIndexPage.objects.get().add_child(instance=collection)
    with_photo(ProductFactory(title="Camel skin lamp"))
    ProductFactory(title="Secret draft lamp", status=Product.Status.DRAFT)

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Buy directly from Pakistan&#x27;s artisans." in html
    assert "Hala ajrak block printing" in html
    assert "Expo 2026 follow-up" in html
    assert "Camel skin lamp" in html
    assert "Secret draft lamp" not in html


def test_collection_page_lists_visible_items_in_curated_order_with_notes(client, home):
    page = CollectionIndexPage.objects.get().add_child(
        instance=CollectionPage(title="Women-led workshops", slug="women-led")
    )
    second = ProductFactory(title="Embroidered cushion cover")
    first = ProductFactory(title="Pashmina shawl")
    hidden = ProductFactory(title="Hidden khussa", hidden_by_curator=True)
    CollectionItem.objects.create(page=page, product=first, sort_order=0, note="Hand-spun in Chitral")
    CollectionItem.objects.create(page=page, product=second, sort_order=1)
    CollectionItem.objects.create(page=page, product=hidden, sort_order=2)

    html = client.get("/collections/women-led/").content.decode()

    assert html.index("Pashmina shawl") < html.index("Embroidered cushion cover")
    assert "Hand-spun in Chitral" in html
    assert "Hidden khussa" not in html


def test_story_page_and_the_index_pages_render(client, home, cluster_page):
    story = StoryPage(
        title="From Expo stall to first export",
        slug="first-export",
        summary="How it went.",
        body=_story("They shipped FOB Karachi in May."),
    )
    StoryIndexPage.objects.get().add_child(instance=story)

    for url, text in [
        ("/stories/first-export/", "They shipped FOB Karachi in May."),
        ("/stories/", "From Expo stall to first export"),
        ("/clusters/", "Hala ajrak block printing"),
        ("/collections/", "Collections"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


# --- Query counts (anonymous visitor) ------
# Warm: every cached fragment, rendition, page type and the Site are in the cache, as on a busy site.
# Cold: the cache emptied (a restart), renditions already generated. Neither grows with the rows shown.
# Cold includes the one query of the header's and footer's curated links (cms.navigation); warm, none.
STOREFRONT_QUERIES = {"warm": 5, "cold": 14}  # +1: the "See all N products" count (issue 22)
CLUSTER_QUERIES = {"warm": 4, "cold": 10}
HOME_QUERIES = {"warm": 5, "cold": 11}
COLLECTION_QUERIES = {"warm": 3, "cold": 9}


def count_queries(client, url, cache_state, django_assert_num_queries, expected):
    get_twice(client, url)
    if cache_state == "cold":
        cache.clear()
    with django_assert_num_queries(expected[cache_state]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
@pytest.mark.parametrize("featured", [2, 8])
def test_storefront_query_count_does_not_grow_with_featured_products(
    client, storefront, supplier, featured, cache_state, django_assert_num_queries
):
    storefront.story = _story("Our story.")
    storefront.save()
    CertificationFactory(supplier=supplier)
    supplier.clusters.add(ClusterFactory())
    for _ in range(featured // 2):
        GalleryPhotoFactory(page=storefront)
    _feature(storefront, [with_photo(ProductFactory(supplier=supplier)) for _ in range(featured)])

    count_queries(
        client, f"/suppliers/{supplier.slug}/", cache_state, django_assert_num_queries, STOREFRONT_QUERIES
    )


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
@pytest.mark.parametrize("products", [2, 10])
def test_cluster_page_query_count_does_not_grow_with_products(
    client, cluster_page, products, cache_state, django_assert_num_queries
):
    for _ in range(products):
        with_photo(ProductFactory(supplier=SupplierFactory(clusters=[cluster_page.cluster])))

    count_queries(client, "/clusters/hala-ajrak/", cache_state, django_assert_num_queries, CLUSTER_QUERIES)


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
@pytest.mark.parametrize("products", [2, 10])
def test_home_query_count_does_not_grow_with_products(
    client, home, cluster_page, products, cache_state, django_assert_num_queries
):
    for _ in range(products):
        with_photo(ProductFactory())

    count_queries(client, "/", cache_state, django_assert_num_queries, HOME_QUERIES)


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
@pytest.mark.parametrize("products", [2, 8])
def test_collection_query_count_does_not_grow_with_items(
    client, home, products, cache_state, django_assert_num_queries
):
    page = CollectionIndexPage.objects.get().add_child(instance=CollectionPage(title="Gifts", slug="gifts"))
    for position in range(products):
        CollectionItem.objects.create(page=page, product=with_photo(ProductFactory()), sort_order=position)

    count_queries(client, "/collections/gifts/", cache_state, django_assert_num_queries, COLLECTION_QUERIES)
