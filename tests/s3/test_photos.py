"""Product photos on S3: an artisan's upload through /sell/ lands in the public bucket, the product page's
renditions are made from it and stored there too, and the page's <img> points at S3 URLs that answer with
the image to anyone (the public bucket's policy), with no signature."""

import io

import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from catalog.models import Photo, PhotoRendition, Product
from tests.catalog.test_sell import product_form
from tests.factories import CategoryFactory, image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(s3, client_for, artisan, supplier):
    """A published product whose one photo the artisan uploaded with the listing form."""
    data = product_form(CategoryFactory(), supplier=supplier.pk, photos=[image_upload("jutti.jpg")])
    response = client_for(artisan).post("/sell/products/new/", data)
    assert response.status_code == 302
    return Product.objects.get()


def stored(s3, bucket, key):
    return s3.client().head_object(Bucket=bucket, Key=key)


def test_an_uploaded_product_photo_is_an_object_of_the_public_bucket(s3, listed):
    photo = Photo.objects.get()

    head = stored(s3, s3.public_bucket, photo.file.name)

    assert head["ContentType"] == "image/jpeg"
    assert head["ContentLength"] == photo.file_size


def test_an_uploaded_product_photo_is_not_written_to_the_local_media_folder(s3, listed, settings):
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))


def test_the_product_pages_renditions_are_stored_in_the_public_bucket(s3, client, listed):
    client.get(listed.get_absolute_url())

    renditions = PhotoRendition.objects.all()
    # The two sizes of the photo's srcset, and the larger one its "View larger" link opens.
    assert {r.filter_spec for r in renditions} == {
        "width-360|format-webp",
        "width-720|format-webp",
        "width-1600|format-webp",
    }
    for rendition in renditions:
        assert stored(s3, s3.public_bucket, rendition.file.name)["ContentType"] == "image/webp"


def page_image_urls(html):
    img = BeautifulSoup(html, "html.parser").select_one("article img")
    candidates = [entry.strip().split(" ")[0] for entry in img["srcset"].split(",")]
    return img["src"], candidates


def test_the_product_pages_image_points_at_the_public_bucket_without_a_signature(s3, client, listed):
    src, srcset = page_image_urls(client.get(listed.get_absolute_url()).content.decode())

    bucket_url = f"{s3.plain_url(s3.public_bucket, 'key').removesuffix('/key')}/"
    assert src.startswith(bucket_url)
    assert len(srcset) == 2 and all(url.startswith(bucket_url) for url in srcset)
    assert all("Signature" not in url for url in [src, *srcset])


def test_every_image_url_of_the_product_page_gives_the_image_to_anyone(s3, client, listed):
    src, srcset = page_image_urls(client.get(listed.get_absolute_url()).content.decode())

    widths = set()
    for url in {src, *srcset}:
        fetched = requests.get(url, timeout=5)  # a browser: no credentials, no cookies of ours
        assert fetched.status_code == 200
        assert fetched.headers["Content-Type"] == "image/webp"
        widths.add(PILImage.open(io.BytesIO(fetched.content)).width)
    assert widths == {64}  # the 64-pixel upload is never enlarged: both widths give the original size
