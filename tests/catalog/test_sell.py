import pytest

from catalog import services
from catalog.models import Product
from tests.factories import CategoryFactory, ProductFactory, ProductImageFactory, image_upload

pytestmark = pytest.mark.django_db


def product_form(category, **overrides):
    data = {
        "title": "Khussa leather jutti",
        "description": "Hand-stitched khussa.",
        "category": category.pk,
        "origin_region": "punjab",
        "hs_code": "640399",
        "moq": "20",
        "unit": "pair",
        "lead_time_days": "30",
        "monthly_capacity": "500",
        "incoterms": ["FOB"],
        "status": "published",
        "tiers-TOTAL_FORMS": "3",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "3",
        "tiers-MAX_NUM_FORMS": "8",
        "tiers-0-min_quantity": "20",
        "tiers-0-unit_price": "18.00",
        "tiers-1-min_quantity": "100",
        "tiers-1-unit_price": "15.50",
    }
    data.update(overrides)
    return data


def test_anonymous_visitor_is_sent_to_login_from_sell(client):
    response = client.get("/sell/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_buyer_who_is_not_a_member_is_sent_to_apply_from_sell(client_for, buyer):
    # Issue 19: /sell/ is where a new seller starts; without a supplier it leads to the application.
    response = client_for(buyer).get("/sell/")
    assert response.status_code == 302 and response["Location"] == "/sell/join/"


def test_dashboard_lists_own_products_with_status(client_for, artisan, supplier):
    ProductFactory(supplier=supplier, title="Mine published")
    ProductFactory(
        supplier=supplier, title="Mine hidden", hidden_by_curator=True, hidden_reason="Blurry photos"
    )
    ProductFactory(title="Someone else's")
    html = client_for(artisan).get("/sell/").content.decode()
    assert "Mine published" in html and "Hidden by curator" in html and "Blurry photos" in html
    assert "Someone else" not in html


def test_artisan_creates_a_product_with_tiers_and_a_photo(client_for, artisan, supplier):
    category = CategoryFactory()
    data = product_form(
        category, supplier=supplier.pk, photos=[image_upload("a.jpg"), image_upload("b.png", "PNG")]
    )
    response = client_for(artisan).post("/sell/products/new/", data)
    assert response.status_code == 302
    product = Product.objects.get(title="Khussa leather jutti")
    assert product.supplier == supplier and product.status == "published" and product.published_at
    assert [(t.min_quantity, str(t.unit_price)) for t in product.tiers()] == [(20, "18.00"), (100, "15.50")]
    assert product.images.count() == 2


def test_tiers_not_starting_at_moq_are_refused_and_the_form_keeps_what_was_typed(
    client_for, artisan, supplier
):
    data = product_form(CategoryFactory(), supplier=supplier.pk, **{"tiers-0-min_quantity": "25"})
    response = client_for(artisan).post("/sell/products/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "must start at the minimum order quantity" in html
    assert "Khussa leather jutti" in html and "Hand-stitched khussa." in html and 'value="25"' in html
    assert not Product.objects.exists()


def test_a_non_image_upload_is_a_form_error_not_a_500(client_for, artisan, supplier):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("evil.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = client_for(artisan).post(
        "/sell/products/new/", product_form(CategoryFactory(), supplier=supplier.pk, photos=[bad])
    )
    assert response.status_code == 200 and "not a photo we can read" in response.content.decode()


def test_a_decompression_bomb_upload_is_a_form_error(client_for, artisan, supplier, settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    bomb = image_upload("bomb.png", "PNG", size=(500, 500))
    response = client_for(artisan).post(
        "/sell/products/new/", product_form(CategoryFactory(), supplier=supplier.pk, photos=[bomb])
    )
    assert response.status_code == 200 and "too many pixels" in response.content.decode()


def test_a_member_cannot_open_another_suppliers_product(client_for, artisan):
    other = ProductFactory()
    assert client_for(artisan).get(f"/sell/products/{other.pk}/").status_code == 404


def test_a_member_cannot_edit_another_suppliers_product(client_for, artisan):
    other = ProductFactory(title="Not yours")
    response = client_for(artisan).post(
        f"/sell/products/{other.pk}/", product_form(other.category, title="Stolen")
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.title == "Not yours"


def test_a_member_cannot_reorder_another_suppliers_photos(client_for, artisan):
    image = ProductImageFactory()
    url = f"/sell/products/{image.product.pk}/photos/{image.pk}/main/"
    assert client_for(artisan).post(url).status_code == 404


def test_publishing_a_curator_hidden_listing_keeps_it_hidden(client_for, artisan, supplier, curator):
    product = ProductFactory(supplier=supplier, status="draft")
    services.hide_product(product.pk, curator, "Counterfeit brand logo")
    data = product_form(product.category, title=product.title, moq="10", **{"tiers-0-min_quantity": "10"})
    client_for(artisan).post(f"/sell/products/{product.pk}/", data)
    product.refresh_from_db()
    assert product.status == "published" and product.hidden_by_curator
    assert not Product.objects.visible().filter(pk=product.pk).exists()


def test_make_main_photo_puts_the_chosen_photo_first(client_for, artisan, supplier):
    product = ProductFactory(supplier=supplier)
    first = ProductImageFactory(product=product, position=0)
    second = ProductImageFactory(product=product, position=1)
    client_for(artisan).post(f"/sell/products/{product.pk}/photos/{second.pk}/main/")
    assert list(product.images.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_only_curators_hide_products(artisan, supplier):
    from django.core.exceptions import PermissionDenied

    product = ProductFactory(supplier=supplier)
    with pytest.raises(PermissionDenied):
        services.hide_product(product.pk, artisan, "no")


def test_hiding_needs_a_reason(curator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.hide_product(ProductFactory().pk, curator, "  ")


def test_tiers_whose_unit_price_rises_with_quantity_are_refused_on_sell(client_for, artisan, supplier):
    data = product_form(
        CategoryFactory(),
        supplier=supplier.pk,
        **{"tiers-0-unit_price": "18.50", "tiers-1-unit_price": "19.00"},
    )
    response = client_for(artisan).post("/sell/products/new/", data)
    assert response.status_code == 200
    assert "cannot cost more per unit" in response.content.decode()
    assert not Product.objects.exists()


def test_an_hs_code_typed_with_dots_and_spaces_is_saved_as_digits(client_for, artisan, supplier):
    data = product_form(CategoryFactory(), supplier=supplier.pk, hs_code="6403.99 00")
    assert client_for(artisan).post("/sell/products/new/", data).status_code == 302
    assert Product.objects.get().hs_code == "64039900"


def test_the_hs_code_box_lets_a_dotted_ten_digit_code_be_typed_in_full(client_for, artisan):
    html = client_for(artisan).get("/sell/products/new/").content.decode()
    assert 'name="hs_code" maxlength="20"' in html


def test_a_product_saved_with_a_sku_is_found_by_it(client_for, artisan, supplier):
    data = product_form(CategoryFactory(), supplier=supplier.pk, sku="KH-001")
    assert client_for(artisan).post("/sell/products/new/", data).status_code == 302
    assert Product.objects.get().sku == "KH-001"


def test_a_second_product_with_the_same_sku_is_a_form_error_that_keeps_the_typing(
    client_for, artisan, supplier
):
    ProductFactory(supplier=supplier, sku="KH-001")
    data = product_form(CategoryFactory(), supplier=supplier.pk, sku="KH-001", title="Second jutti")
    response = client_for(artisan).post("/sell/products/new/", data)
    assert response.status_code == 200
    assert "Another of your products already has this SKU." in response.text
    assert 'value="Second jutti"' in response.text


def test_editing_a_product_to_another_products_sku_is_a_form_error_not_a_500(client_for, artisan, supplier):
    ProductFactory(supplier=supplier, sku="KH-001")
    product = ProductFactory(supplier=supplier, sku="KH-002")
    data = product_form(
        product.category, sku="KH-001", moq=str(product.moq), **{"tiers-0-min_quantity": str(product.moq)}
    )
    data["tiers-1-min_quantity"] = ""
    data["tiers-1-unit_price"] = ""
    response = client_for(artisan).post(f"/sell/products/{product.pk}/", data)
    assert response.status_code == 200
    assert "Another of your products already has this SKU." in response.text
    product.refresh_from_db()
    assert product.sku == "KH-002"


def test_the_same_sku_at_another_supplier_is_allowed(client_for, artisan, supplier):
    ProductFactory(sku="KH-001")  # another supplier's
    data = product_form(CategoryFactory(), supplier=supplier.pk, sku="KH-001")
    assert client_for(artisan).post("/sell/products/new/", data).status_code == 302
