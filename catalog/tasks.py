"""Catalog work done outside the request: the renditions of a new photo, made before anyone asks for them.

Without this the first visitor of a page showing a new photo waits while Wagtail resizes it (five sizes for
a product photo); with it, a worker in the "media" queue makes them once the upload commits.
"""

from marketplace.jobs.queue import job

from .photo_models import Photo
from .wagtail_overrides import CARD_RENDITIONS, MAIN_PHOTO_RENDITIONS, THUMBNAIL_RENDITIONS

# Every rendition the templates ask of a photo (catalog.wagtail_overrides lists which template asks which).
PAGE_RENDITIONS = CARD_RENDITIONS + MAIN_PHOTO_RENDITIONS + THUMBNAIL_RENDITIONS


@job(queue_name="media", attempts=3)
def generate_renditions(photo_pk):
    """Make the renditions of photo `photo_pk` that pages use. Idempotent: Wagtail returns a rendition that
    exists instead of making it again; a photo deleted meanwhile has none to make."""
    photo = Photo.objects.filter(pk=photo_pk).first()
    if photo is None:
        return 0
    return len(photo.get_renditions(*PAGE_RENDITIONS))
