"""Catalog work done outside the request: the renditions of a new photo, made before anyone asks for them.

Without this the first visitor of a page showing a new photo waits while Wagtail resizes it (six sizes for
a product photo); with it, a worker in the "media" queue makes them once the upload commits.
"""

from marketplace.jobs.queue import job

from .photo_models import Photo
from .wagtail_overrides import (
    CARD_RENDITIONS,
    LARGE_PHOTO_RENDITIONS,
    MAIN_PHOTO_RENDITIONS,
    THUMBNAIL_RENDITIONS,
)

# Every rendition the templates ask of a photo (catalog.wagtail_overrides lists which template asks which).
PAGE_RENDITIONS = CARD_RENDITIONS + MAIN_PHOTO_RENDITIONS + THUMBNAIL_RENDITIONS + LARGE_PHOTO_RENDITIONS


@job(queue_name="media", attempts=3)
def generate_renditions(photo_pk):
    """Make the renditions of photo `photo_pk` that pages use. Idempotent: Wagtail returns a rendition that
    exists instead of making it again; a photo deleted meanwhile has none to make."""
    photo = Photo.objects.filter(pk=photo_pk).first()
    if photo is None:
        return 0
    return len(photo.get_renditions(*PAGE_RENDITIONS))


def _import_gave_up(error, job_pk, *args, **kwargs):
    from .bulk.services import mark_failed

    mark_failed(job_pk)


@job(queue_name="default", attempts=1, on_give_up=_import_gave_up)
def check_import(job_pk):
    """The dry run of a large listings import (catalog.bulk.services.run_check; idempotent)."""
    from .bulk.services import run_check

    run_check(job_pk)


@job(queue_name="default", attempts=1, on_give_up=_import_gave_up)
def apply_import(job_pk, actor_pk):
    """The apply of a large listings import (catalog.bulk.services.run_apply; one transaction, idempotent:
    a job no longer APPLYING is left alone)."""
    from .bulk.services import run_apply

    run_apply(job_pk, actor_pk)
