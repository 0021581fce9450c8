import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from catalog.models import Photo
from catalog.photos import clean_photo, validate_photo
from tests.factories import image_bytes


def gps_exif():
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (33.0, 44.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    return exif


def test_clean_photo_removes_exif_and_gps():
    upload = SimpleUploadedFile("home.jpg", image_bytes(exif=gps_exif()), content_type="image/jpeg")
    assert PILImage.open(io.BytesIO(upload.read())).getexif()
    clean = clean_photo(upload)
    assert not PILImage.open(io.BytesIO(clean.read())).getexif()


@pytest.mark.django_db
def test_a_stored_photo_keeps_no_gps(settings):
    upload = SimpleUploadedFile("home.jpg", image_bytes(exif=gps_exif()), content_type="image/jpeg")
    photo = Photo.objects.create(title="x", file=upload)
    with photo.file.open("rb") as stored:
        assert not PILImage.open(stored).getexif()


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ValidationError, match="not a photo"):
        validate_photo(SimpleUploadedFile("x.jpg", b"hello, not an image", content_type="image/jpeg"))


def test_a_gif_is_refused():
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        validate_photo(SimpleUploadedFile("x.gif", buffer.getvalue()))


def test_a_decompression_bomb_is_refused(settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    with pytest.raises(ValidationError, match="too many pixels"):
        validate_photo(SimpleUploadedFile("big.png", image_bytes("PNG", size=(400, 400))))


def test_an_oversized_file_is_refused(settings):
    settings.PHOTO_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="limit"):
        validate_photo(SimpleUploadedFile("x.jpg", image_bytes(size=(200, 200))))
