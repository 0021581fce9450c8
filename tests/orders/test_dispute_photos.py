"""Dispute photos: checked and re-encoded like product photos (no GPS), stored privately, and handed out
by orders:dispute-photo only to the order's buyer, its suppliers' members and operators (refusals first)."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from orders.models import DisputePhoto, Order
from tests.factories import BuyerFactory, image_bytes, image_upload

from .helpers import paid

pytestmark = pytest.mark.django_db


def gps_exif():
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (24.0, 51.0, 0.0)}  # GPSInfo: the buyer's warehouse
    return exif


def open_dispute(client, order, *photos):
    return client.post(reverse("orders:dispute", args=[order.pk]), {"reason": "Broken", "photos": photos})


@pytest.fixture
def photo(client_for, buyer, order):
    paid(order)
    response = open_dispute(
        client_for(buyer),
        order,
        SimpleUploadedFile("broken vase.jpg", image_bytes(exif=gps_exif()), content_type="image/jpeg"),
    )
    assert response.status_code == 302
    return DisputePhoto.objects.get()


def url(photo):
    return reverse("orders:dispute-photo", args=[photo.dispute.order_id, photo.pk])


# --- refusals ---------------------------------------------------------------------------------------------
def test_an_anonymous_visitor_is_sent_to_log_in_not_given_the_photo(client, photo):
    client.logout()

    response = client.get(url(photo))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_another_buyer_cannot_see_a_dispute_photo(client_for, photo):
    assert client_for(BuyerFactory()).get(url(photo)).status_code == 404


def test_a_member_of_another_supplier_cannot_see_a_dispute_photo(client_for, photo, other_artisan):
    assert client_for(other_artisan).get(url(photo)).status_code == 404


def test_a_photo_is_not_reached_through_another_order(client_for, photo, buyer, supplier, product):
    from .conftest import make_order

    own_order = make_order(buyer, supplier, product)

    response = client_for(buyer).get(reverse("orders:dispute-photo", args=[own_order.pk, photo.pk]))

    assert response.status_code == 404


# --- the parties ------------------------------------------------------------------------------------------
def test_the_buyer_the_suppliers_member_and_an_operator_download_the_photo(
    client_for, photo, buyer, artisan, operator
):
    for user in (buyer, artisan, operator):
        response = client_for(user).get(url(photo))

        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Content-Disposition"] == 'attachment; filename="broken vase.jpg"'
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_operators_dispute_page_links_photos_through_the_checked_view(client_for, photo, operator):
    html = (
        client_for(operator)
        .get(reverse("operations_orders:inspect", args=[photo.dispute.order_id]))
        .content.decode()
    )

    assert url(photo) in html
    assert settings.MEDIA_URL not in html


# --- what is kept -----------------------------------------------------------------------------------------
def test_a_dispute_photo_keeps_no_gps(photo):
    with photo.image.open("rb") as stored:
        assert not PILImage.open(io.BytesIO(stored.read())).getexif()


def test_a_dispute_photo_is_stored_under_a_random_name_outside_the_media_folder(client, photo):
    assert "broken" not in photo.image.name
    assert photo.name == "broken vase.jpg"
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))
    assert client.get(f"{settings.MEDIA_URL}{photo.image.name}").status_code == 404


def test_a_gif_is_refused_with_a_message_and_the_reason_kept(client_for, buyer, order):
    paid(order)
    gif = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(gif, "GIF")

    response = open_dispute(client_for(buyer), order, SimpleUploadedFile("x.gif", gif.getvalue()))

    assert response.status_code == 200  # the form again, with its error
    assert "JPEG, PNG or WebP" in response.content.decode()
    assert "Broken" in response.content.decode()
    order.refresh_from_db()
    assert order.state == Order.State.PAID


def test_a_photo_over_the_size_limit_is_refused(client_for, buyer, order, settings):
    settings.PHOTO_MAX_BYTES = 100
    paid(order)

    response = open_dispute(client_for(buyer), order, image_upload(size=(200, 200)))

    assert response.status_code == 200  # the form again, with its error
    assert "limit" in response.content.decode()
    assert not DisputePhoto.objects.exists()


def test_a_photo_over_the_pixel_limit_is_refused(client_for, buyer, order, settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    paid(order)

    response = open_dispute(client_for(buyer), order, image_upload("big.png", "PNG", size=(400, 400)))

    assert response.status_code == 200  # the form again, with its error
    assert "too many pixels" in response.content.decode()
    assert not DisputePhoto.objects.exists()
