"""A supplier's listings through the API: the /sell/ rules (its forms, its service), the member's own
listings only; refusals for another supplier's listing, a buyer, anonymous callers, read-only and revoked
tokens."""

import pytest
from django.urls import reverse

from api import tokens
from catalog.models import Product
from tests.factories import (
    CategoryFactory,
    MaterialFactory,
    ProductFactory,
    ProductImageFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(supplier):
    return ProductFactory(supplier=supplier, title="Blue pottery vase")


@pytest.fixture
def theirs():
    return ProductFactory(title="Someone else's rug")


def new_listing(**changes):
    body = {
        "title": "Ajrak block-printed shawl",
        "description": "Hand block-printed with natural dyes in Hala.",
        "category": CategoryFactory().pk,
        "origin_region": "sindh",
        "hs_code": "621410",
        "moq": 20,
        "unit": "piece",
        "lead_time_days": 30,
        "monthly_capacity": 400,
        "incoterms": ["FOB"],
        "tiers": [{"min_quantity": 20, "unit_price": "18.00"}, {"min_quantity": 100, "unit_price": "15.50"}],
    }
    return body | changes


# --- reading ---------------------------------------------------------------------------------------------
def test_a_member_lists_their_suppliers_listings_drafts_included(api_client_for, artisan, own, theirs):
    draft = ProductFactory(supplier=own.supplier, status=Product.Status.DRAFT)

    response = api_client_for(artisan).get(reverse("api:listing-list"))

    assert {row["id"] for row in response.json()["results"]} == {own.pk, draft.pk}


def test_a_listing_hidden_by_a_curator_says_so_with_the_reason(api_client_for, artisan, own):
    Product.objects.filter(pk=own.pk).update(hidden_by_curator=True, hidden_reason="Blurry photos")

    body = api_client_for(artisan).get(reverse("api:listing-detail", args=[own.pk])).json()

    assert (body["listing_status"], body["hidden_reason"]) == ("hidden", "Blurry photos")


def test_another_suppliers_listing_is_404(api_client_for, artisan, theirs):
    response = api_client_for(artisan).get(reverse("api:listing-detail", args=[theirs.pk]))

    assert response.status_code == 404


def test_a_buyer_is_refused_the_listings(api_client_for, buyer):
    response = api_client_for(buyer).get(reverse("api:listing-list"))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_a_supplier_member"


def test_an_anonymous_caller_is_401(anonymous_api_client, own):
    response = anonymous_api_client.get(reverse("api:listing-detail", args=[own.pk]))

    assert response.status_code == 401


# --- creating --------------------------------------------------------------------------------------------
def test_a_member_creates_a_draft_listing_with_its_tiers(api_client_for, artisan, supplier):
    response = api_client_for(artisan).post(reverse("api:listing-list"), new_listing())

    assert response.status_code == 201, response.content
    product = Product.objects.get(pk=response.json()["id"])
    assert (product.supplier, product.status) == (supplier, Product.Status.DRAFT)
    assert [(t.min_quantity, str(t.unit_price)) for t in product.tiers()] == [(20, "18.00"), (100, "15.50")]
    assert response.json()["price_tiers"][0]["unit_price"] == {"amount": "18.00", "currency": "USD"}


def test_a_new_listing_may_be_published_at_once(api_client_for, artisan):
    response = api_client_for(artisan).post(reverse("api:listing-list"), new_listing(status="published"))

    product = Product.objects.get(pk=response.json()["id"])
    assert product.status == Product.Status.PUBLISHED
    assert product.published_at is not None


def test_the_sell_forms_rules_apply_first_tier_at_the_moq(api_client_for, artisan):
    body = new_listing(tiers=[{"min_quantity": 50, "unit_price": "18.00"}])

    response = api_client_for(artisan).post(reverse("api:listing-list"), body)

    assert response.status_code == 400
    assert "minimum order quantity" in " ".join(response.json()["error"]["fields"]["tiers"])
    assert not Product.objects.filter(title=body["title"]).exists()


def test_a_listing_without_tiers_is_refused(api_client_for, artisan):
    body = new_listing()
    del body["tiers"]

    response = api_client_for(artisan).post(reverse("api:listing-list"), body)

    assert response.status_code == 400
    assert "tiers" in response.json()["error"]["fields"]


@pytest.mark.parametrize("field", ["category", "materials"])
def test_an_id_past_64_bits_is_a_field_error(api_client_for, artisan, field):
    body = new_listing()
    body[field] = [2**63] if field == "materials" else 2**63

    response = api_client_for(artisan).post(reverse("api:listing-list"), body)

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_bad_fields_are_named_with_the_forms_messages(api_client_for, artisan):
    body = new_listing(hs_code="12", moq="NaN", sample_available=True)

    fields = api_client_for(artisan).post(reverse("api:listing-list"), body).json()["error"]["fields"]

    assert {"hs_code", "moq", "sample_price"} <= set(fields)


def test_a_member_cannot_create_a_listing_for_another_supplier(api_client_for, artisan, theirs):
    body = new_listing(supplier=theirs.supplier.pk)

    response = api_client_for(artisan).post(reverse("api:listing-list"), body)

    assert response.status_code == 400
    assert "supplier" in response.json()["error"]["fields"]
    assert not theirs.supplier.products.filter(title=body["title"]).exists()


def test_a_buyer_cannot_create_a_listing(api_client_for, buyer):
    response = api_client_for(buyer).post(reverse("api:listing-list"), new_listing())

    assert response.status_code == 403
    assert not Product.objects.exists()


def test_a_read_only_token_cannot_create_a_listing(api_client_for, artisan):
    response = api_client_for(artisan, scope="read").post(reverse("api:listing-list"), new_listing())

    assert response.status_code == 403
    assert not Product.objects.exists()


# --- updating --------------------------------------------------------------------------------------------
def test_patch_changes_only_what_it_names(api_client_for, artisan, own):
    clay = MaterialFactory(name="Clay")
    own.materials.add(clay)

    response = api_client_for(artisan).patch(reverse("api:listing-detail", args=[own.pk]), {"moq": 5,
        "tiers": [{"min_quantity": 5, "unit_price": "14.00"}]})  # fmt: skip
    own.refresh_from_db()

    assert response.status_code == 200, response.content
    assert (own.moq, own.title, list(own.materials.all())) == (5, "Blue pottery vase", [clay])


def test_put_replaces_the_listing(api_client_for, artisan, own):
    response = api_client_for(artisan).put(reverse("api:listing-detail", args=[own.pk]), new_listing())
    own.refresh_from_db()

    assert response.status_code == 200
    assert (own.title, own.moq) == ("Ajrak block-printed shawl", 20)


def test_an_edit_keeps_a_curators_hide(api_client_for, artisan, own):
    Product.objects.filter(pk=own.pk).update(hidden_by_curator=True, hidden_reason="Blurry photos")

    api_client_for(artisan).patch(reverse("api:listing-detail", args=[own.pk]), {"status": "published"})
    own.refresh_from_db()

    assert own.hidden_by_curator


def test_a_member_cannot_change_another_suppliers_listing(api_client_for, artisan, theirs):
    response = api_client_for(artisan).patch(
        reverse("api:listing-detail", args=[theirs.pk]), {"title": "Mine now"}
    )
    theirs.refresh_from_db()

    assert response.status_code == 404
    assert theirs.title == "Someone else's rug"


def test_a_revoked_token_cannot_change_a_listing(anonymous_api_client, artisan, own):
    token, secret = tokens.issue_token(artisan, name="ERP", scope="write")
    tokens.revoke_token(artisan, token.pk)

    response = anonymous_api_client.patch(
        reverse("api:listing-detail", args=[own.pk]),
        {"title": "Changed"},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    own.refresh_from_db()

    assert response.status_code == 401
    assert own.title == "Blue pottery vase"


def test_a_body_that_is_not_an_object_is_a_400(api_client_for, artisan, own):
    response = api_client_for(artisan).patch(reverse("api:listing-detail", args=[own.pk]), ["title"])

    assert response.status_code == 400


# --- photos ----------------------------------------------------------------------------------------------
def test_a_member_adds_a_photo_to_their_listing(api_client_for, artisan, own):
    response = api_client_for(artisan).post(
        reverse("api:listing-photos", args=[own.pk]), {"photos": [image_upload()]}, format="multipart"
    )

    assert response.status_code == 201, response.content
    assert own.images.count() == 1
    assert len(response.json()["photos"]) == 1


def test_a_file_that_is_no_photo_is_refused_by_the_pages_photo_check(api_client_for, artisan, own):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")

    response = api_client_for(artisan).post(
        reverse("api:listing-photos", args=[own.pk]), {"photos": [fake]}, format="multipart"
    )

    assert response.status_code == 400
    assert "photos" in response.json()["error"]["fields"]
    assert own.images.count() == 0


def test_a_member_removes_a_photo_and_the_next_becomes_main(api_client_for, artisan, own):
    first = ProductImageFactory(product=own, position=0)
    second = ProductImageFactory(product=own, position=1)

    response = api_client_for(artisan).delete(reverse("api:listing-photo", args=[own.pk, first.pk]))

    assert response.status_code == 204
    assert [image.pk for image in own.images.order_by("position")] == [second.pk]
    assert own.main_image.position == 0


def test_a_member_makes_a_photo_the_main_one(api_client_for, artisan, own):
    ProductImageFactory(product=own, position=0)
    second = ProductImageFactory(product=own, position=1)

    response = api_client_for(artisan).post(reverse("api:listing-photo-main", args=[own.pk, second.pk]))

    assert response.status_code == 200
    assert response.json()["photos"][0]["id"] == second.pk


def test_a_photo_of_another_listing_cannot_be_removed_through_ones_own(api_client_for, artisan, own, theirs):
    their_photo = ProductImageFactory(product=theirs)

    response = api_client_for(artisan).delete(reverse("api:listing-photo", args=[own.pk, their_photo.pk]))

    assert response.status_code == 404
    assert theirs.images.count() == 1


def test_an_id_too_large_for_the_database_is_a_field_error_not_a_500(api_client_for, artisan):
    response = api_client_for(artisan).post(reverse("api:listing-list"), new_listing(materials=[2**70]))

    assert response.status_code == 400
    assert "materials" in response.json()["error"]["fields"]
