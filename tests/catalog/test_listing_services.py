"""The rules of saving a listing and its photos (catalog.services), whoever calls them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog import services
from catalog.models import Product, ProductImage
from marketplace.workflow import history
from tests.factories import (
    CategoryFactory,
    MaterialFactory,
    ProductFactory,
    ProductImageFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db

TIERS = [(10, Decimal("12.50")), (50, Decimal("10.80"))]


def new_listing(supplier, **fields):
    """An unsaved listing as the artisan's form leaves it."""
    fields.setdefault("category", CategoryFactory())
    return ProductFactory.build(supplier=supplier, **fields)


def save(product, actor, status="draft", **kwargs):
    kwargs.setdefault("materials", [])
    kwargs.setdefault("tiers", TIERS)
    return services.save_listing(product, actor=actor, status=status, **kwargs)


def test_only_a_member_of_the_supplier_saves_its_listing(other_artisan, supplier):
    with pytest.raises(PermissionDenied):
        save(new_listing(supplier), other_artisan)
    assert not Product.objects.exists()


def test_a_new_listing_gets_a_slug_of_its_own_from_its_title(artisan, supplier):
    ProductFactory(slug="brass-tray")
    saved = save(new_listing(supplier, title="Brass tray"), artisan)
    assert saved.slug == "brass-tray-2"


def test_a_new_listing_saved_as_draft_has_no_publication_time(artisan, supplier):
    saved = save(new_listing(supplier, published_at=None), artisan, status="draft")
    assert saved.status == "draft" and saved.published_at is None


def test_a_new_listing_saved_as_published_is_published_now_and_recorded(artisan, supplier):
    saved = save(new_listing(supplier, published_at=None), artisan, status="published")
    assert saved.status == "published" and saved.published_at is not None
    assert [(c.from_state, c.to_state, c.actor) for c in history(saved)] == [("draft", "published", artisan)]


def test_saving_a_listing_replaces_its_price_tiers(artisan, supplier):
    product = ProductFactory(supplier=supplier, moq=10, tiers=[(10, "9.00"), (20, "8.00"), (30, "7.00")])
    save(product, artisan, status="published", tiers=[(10, Decimal("11.00")), (100, Decimal("9.50"))])
    assert [(t.min_quantity, t.unit_price) for t in product.tiers()] == [
        (10, Decimal("11.00")),
        (100, Decimal("9.50")),
    ]


def test_saving_a_listing_sets_its_materials(artisan, supplier):
    cotton, wool = MaterialFactory(name="Cotton"), MaterialFactory(name="Wool")
    saved = save(new_listing(supplier), artisan, materials=[cotton, wool])
    assert set(saved.materials.all()) == {cotton, wool}


def test_the_first_photo_of_a_listing_becomes_its_main_photo(artisan, supplier):
    saved = save(new_listing(supplier), artisan, photos=[image_upload("a.jpg"), image_upload("b.jpg")])
    assert [image.position for image in saved.images.order_by("position")] == [0, 1]


def test_new_photos_come_after_those_the_listing_has(artisan, supplier):
    product = ProductFactory(supplier=supplier)
    main = ProductImageFactory(product=product, position=0)
    save(product, artisan, status="published", photos=[image_upload("c.jpg")])
    assert product.images.order_by("position").first() == main and product.images.count() == 2


def test_a_listing_a_curator_hid_stays_hidden_when_its_artisan_publishes_it(artisan, supplier, curator):
    product = ProductFactory(supplier=supplier, status="draft")
    product = services.hide_product(product.pk, curator, "Counterfeit brand logo")
    product.status = "published"  # what the artisan's form sets
    saved = save(product, artisan, status="published")
    assert saved.hidden_by_curator and not Product.objects.visible().filter(pk=saved.pk).exists()


def test_removing_the_main_photo_makes_the_next_one_main(artisan, supplier):
    product = ProductFactory(supplier=supplier)
    main = ProductImageFactory(product=product, position=0)
    second = ProductImageFactory(product=product, position=1)
    services.remove_photo(product, main.pk, artisan)
    assert list(product.images.values_list("pk", "position")) == [(second.pk, 0)]


def test_removing_a_photo_of_another_listing_finds_nothing(artisan, supplier):
    product = ProductFactory(supplier=supplier)
    elsewhere = ProductImageFactory()
    with pytest.raises(ProductImage.DoesNotExist):
        services.remove_photo(product, elsewhere.pk, artisan)
    assert ProductImage.objects.filter(pk=elsewhere.pk).exists()


def test_only_a_member_of_the_supplier_removes_a_listings_photo(other_artisan, supplier):
    image = ProductImageFactory(product=ProductFactory(supplier=supplier))
    with pytest.raises(PermissionDenied):
        services.remove_photo(image.product, image.pk, other_artisan)
    assert ProductImage.objects.filter(pk=image.pk).exists()


def test_publishing_a_draft_by_editing_it_sets_its_publication_time_and_records_it(artisan, supplier):
    product = ProductFactory(supplier=supplier, status="draft", published_at=None)
    product.status = "published"  # what the artisan's form sets
    saved = save(product, artisan, status="published")
    assert saved.published_at is not None
    assert [(c.from_state, c.to_state) for c in history(saved)] == [("draft", "published")]


def test_an_edit_from_a_page_loaded_before_a_curator_hid_the_listing_keeps_it_hidden(
    artisan, supplier, curator
):
    loaded = ProductFactory(supplier=supplier)
    services.hide_product(loaded.pk, curator, "Counterfeit brand logo")
    loaded.title = "Brass tray, new photos"
    save(loaded, artisan, status="published")
    loaded.refresh_from_db()
    assert loaded.title == "Brass tray, new photos"
    assert loaded.hidden_by_curator and loaded.hidden_reason == "Counterfeit brand logo"


def test_saving_a_listing_with_tiers_that_rise_in_price_is_refused_and_saves_nothing(artisan, supplier):
    with pytest.raises(ValidationError):
        save(new_listing(supplier, moq=10), artisan, tiers=[(10, Decimal("12.50")), (50, Decimal("13.00"))])
    assert not Product.objects.exists()
