"""What catalog/wagtail_overrides.py relies on Wagtail's image renditions to do: these fail when a Wagtail
upgrade changes how its template tags find renditions, or where it caches them.

Each test renders Wagtail's own template tags, the way our pages do.
"""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from wagtail.images.rect import Rect

from catalog.photo_models import Photo, PhotoRendition
from catalog.wagtail_overrides import (
    CARD_RENDITIONS,
    THUMBNAIL_RENDITIONS,
    attach_rendition_sets,
    attach_renditions,
)
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db

SRCSET_TAG = "{% srcset_image photo width-{320,640} format-webp sizes='100vw' %}"  # CARD_RENDITIONS
IMAGE_TAG = "{% image photo fill-160x160 format-webp %}"  # THUMBNAIL_RENDITIONS


def render(tag, photo):
    return Template("{% load wagtailimages_tags %}" + tag).render(Context({"photo": photo}))


def fresh(photo):
    """The photo as a new request loads it: no renditions held."""
    return Photo.objects.get(pk=photo.pk)


@pytest.fixture
def photo():
    """A photo whose card renditions and thumbnail exist, with nothing in the cache."""
    photo = PhotoFactory()
    photo.get_renditions(*CARD_RENDITIONS, *THUMBNAIL_RENDITIONS)
    cache.clear()
    return fresh(photo)


def test_wagtails_srcset_tag_uses_the_renditions_we_attached_without_a_query(
    photo, django_assert_num_queries
):
    attach_renditions([photo])
    cache.clear()  # only what we attached can answer now

    with django_assert_num_queries(0):
        html = render(SRCSET_TAG, photo)

    for rendition in photo.prefetched_renditions:
        assert rendition.url in html


def test_wagtails_image_tag_uses_the_rendition_we_attached_without_a_query(photo, django_assert_num_queries):
    attach_rendition_sets([(photo, THUMBNAIL_RENDITIONS)])
    cache.clear()  # only what we attached can answer now

    with django_assert_num_queries(0):
        html = render(IMAGE_TAG, photo)

    assert photo.prefetched_renditions[0].url in html


def test_we_attach_the_renditions_wagtail_itself_would_use(photo):
    attach_renditions([photo])

    wagtails = fresh(photo).get_renditions(*CARD_RENDITIONS)

    assert {r.pk for r in photo.prefetched_renditions} == {r.pk for r in wagtails.values()}


def test_a_rendition_never_made_is_generated_on_demand():
    photo = PhotoFactory()
    attach_renditions([photo])

    html = render(SRCSET_TAG, photo)

    made = PhotoRendition.objects.filter(image=photo)
    assert {r.filter_spec for r in made} == set(CARD_RENDITIONS)
    assert all(r.url in html for r in made)


def test_renditions_wagtail_cached_are_attached_without_a_query(django_assert_num_queries):
    photo = PhotoFactory()
    photo.get_renditions(*CARD_RENDITIONS)  # made, and cached by Wagtail under its own keys
    photo = fresh(photo)

    with django_assert_num_queries(0):
        attach_renditions([photo])

    assert {r.filter_spec for r in photo.prefetched_renditions} == set(CARD_RENDITIONS)


def test_renditions_we_loaded_are_found_in_the_cache_by_wagtail(photo, django_assert_num_queries):
    attach_renditions([photo])  # loaded from the database, and cached for next time
    other_request_copy = copy_of(photo)

    with django_assert_num_queries(0):
        html = render(SRCSET_TAG, other_request_copy)

    assert all(r.url in html for r in photo.prefetched_renditions)


def copy_of(photo):
    """The same photo as another request holds it (no renditions attached), made without a query."""
    fields = Photo._meta.concrete_fields
    return Photo.from_db("default", [f.attname for f in fields], [getattr(photo, f.attname) for f in fields])


def test_a_rendition_of_an_older_focal_point_is_not_shown(photo):
    attach_rendition_sets([(photo, THUMBNAIL_RENDITIONS)])
    old = photo.prefetched_renditions[0]
    photo.set_focal_point(Rect(10, 10, 30, 30))
    photo.save()
    photo = fresh(photo)
    attach_rendition_sets([(photo, THUMBNAIL_RENDITIONS)])

    html = render(IMAGE_TAG, photo)

    assert old.url not in html
    assert PhotoRendition.objects.filter(image=photo, filter_spec=THUMBNAIL_RENDITIONS[0]).count() == 2
