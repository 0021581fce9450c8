"""The product page's gallery (issue 22): thumbnails link the photos they show, each photo links to a large
rendition that is served, only the first photo loads at once, and a lone photo gets no thumbnail strip."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from tests.factories import PhotoFactory, ProductFactory, ProductImageFactory, image_upload

pytestmark = pytest.mark.django_db


def gallery_of(client, product):
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").select_one(".product-gallery")


@pytest.fixture
def product():
    product = ProductFactory(title="Cobalt blue planter")
    for position, (name, alt) in enumerate(
        [("front", "Planter from the front"), ("rim", "Its painted rim"), ("base", "")]
    ):
        photo = PhotoFactory(file=image_upload(name=f"{name}.jpg", size=(900, 600)))
        ProductImageFactory(product=product, photo=photo, position=position, alt_text=alt)
    return product


def test_each_thumbnail_links_the_photo_it_shows(client, product):
    gallery = gallery_of(client, product)

    figures = gallery.select(".gallery-photos > figure")
    thumbnails = gallery.select("ul.gallery a")
    assert [f["id"] for f in figures] == ["photo-1", "photo-2", "photo-3"]
    assert [a["href"] for a in thumbnails] == ["#photo-1", "#photo-2", "#photo-3"]
    # Each thumbnail is a crop of the photo its figure shows (renditions are named after the original).
    names = [img["src"].split("/")[-1].split(".")[0] for img in gallery.select("figure img")]
    assert names == ["front", "rim", "base"]
    assert [a.img["src"].split("/")[-1].split(".")[0] for a in thumbnails] == names
    assert [a.img["src"].split(".")[-3] for a in thumbnails] == ["fill-160x160"] * 3


def test_every_image_has_an_alt_text_and_the_thumbnails_say_which_photo(client, product):
    gallery = gallery_of(client, product)

    assert [img["alt"] for img in gallery.select("figure img")] == [
        "Planter from the front",
        "Its painted rim",
        "Cobalt blue planter",  # no alt text of its own: the product's title
    ]
    assert [img["alt"] for img in gallery.select("ul.gallery img")] == [
        "Show photo 1 of 3: Planter from the front",
        "Show photo 2 of 3: Its painted rim",
        "Show photo 3 of 3: Cobalt blue planter",
    ]
    assert gallery.select_one("ul.gallery")["aria-label"] == "Choose a photo"


def test_the_first_thumbnail_is_marked_current_without_a_script(client, product):
    current = gallery_of(client, product).select("ul.gallery a[aria-current]")

    assert [a["href"] for a in current] == ["#photo-1"]


def test_only_the_first_photo_loads_at_once(client, product):
    images = gallery_of(client, product).select("img")

    first, *others = images
    assert first.get("fetchpriority") == "high" and "loading" not in first.attrs
    assert others and all(img["loading"] == "lazy" for img in others)


def test_photos_keep_their_sizes_for_the_device(client, product):
    for img in gallery_of(client, product).select("figure img"):
        assert re.findall(r" (\d+)w", img["srcset"]) == ["360", "720"], img["srcset"]


def test_a_product_with_one_photo_has_no_thumbnail_strip(client):
    product = ProductFactory()
    ProductImageFactory(product=product)

    gallery = gallery_of(client, product)

    assert len(gallery.select("figure")) == 1
    assert gallery.select("ul.gallery") == []
    assert gallery.select_one("figure a.enlarge")["href"]


def test_a_product_without_photos_has_no_gallery(client):
    assert gallery_of(client, ProductFactory()) is None


def test_the_larger_photo_is_a_1600_px_rendition_that_is_served(client):
    product = ProductFactory()
    big = PhotoFactory(file=image_upload(size=(2400, 1800)))
    ProductImageFactory(product=product, photo=big)

    link = gallery_of(client, product).select_one("figure a.enlarge")
    response = client.get(link["href"])

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    served = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert served.size == (1600, 1200)
    # The page's own photo stays small: the large one is only a link until someone asks for it.
    assert "1600" not in gallery_of(client, product).select_one("figure img")["srcset"]


def test_the_gallery_shows_the_photos_alt_text_escaped_once(client):
    product = ProductFactory()
    ProductImageFactory(product=product, alt_text="Salt & pepper set")
    ProductImageFactory(product=product, position=1)

    html = client.get(product.get_absolute_url()).content.decode()

    assert 'alt="Show photo 1 of 2: Salt &amp; pepper set"' in html
    assert "&amp;amp;" not in html


def test_the_gallery_script_is_a_static_file(client, product):
    html = client.get(product.get_absolute_url()).content.decode()

    assert re.search(r'<script src="[^"]*catalog/gallery\.js" defer></script>', html)
