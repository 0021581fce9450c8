"""The renditions of every photo on a page in one go: from the cache, else ONE query for all the misses.

Wagtail's `get_rendition` looks at `photo.prefetched_renditions` before its cache and the database, and
otherwise asks the cache and then the database once per photo. Handing it the renditions up front costs no SQL
with a warm cache and one query cold, whatever the number of photos. A rendition never generated yet (the
first view after an upload) is still created by Wagtail on demand.
"""

from wagtail.images.models import Filter

from .photo_models import Photo

# What the templates ask for: cards and galleries {% srcset_image photo width-{320,640} format-webp %}, the
# product page's main photo width-{360,720} and its thumbnails fill-160x160.
CARD_RENDITIONS = ("width-320|format-webp", "width-640|format-webp")
MAIN_PHOTO_RENDITIONS = ("width-360|format-webp", "width-720|format-webp")
THUMBNAIL_RENDITIONS = ("fill-160x160|format-webp",)


def attach_renditions(photos, specs=CARD_RENDITIONS):
    """Renditions `specs` of each of `photos` (None ignored) attached for Wagtail's template tags."""
    attach_rendition_sets([(photo, specs) for photo in photos])


def attach_rendition_sets(wanted):
    """`wanted`: (photo, specs) pairs; a photo may come twice, as two objects or with different specs."""
    wanted = [(photo, specs) for photo, specs in wanted if photo is not None]
    if not wanted:
        return
    rendition_model = Photo.get_rendition_model()
    specs_by_pk, photos_by_pk = {}, {}
    for photo, specs in wanted:
        specs_by_pk.setdefault(photo.pk, set()).update(specs)
        photos_by_pk.setdefault(photo.pk, photo)
    keys = {}
    for pk, specs in specs_by_pk.items():
        photo = photos_by_pk[pk]
        for spec in specs:
            f = Filter(spec=spec)
            keys[(pk, spec)] = rendition_model.construct_cache_key(photo, f.get_cache_key(photo), spec)
    cached = rendition_model.cache_backend.get_many(list(keys.values()))
    found = {(pk, spec): cached[key] for (pk, spec), key in keys.items() if key in cached}
    missing = {pk for pk, spec in keys if (pk, spec) not in found}
    if missing:
        all_specs = {spec for pk in missing for spec in specs_by_pk[pk]}
        loaded = rendition_model.objects.filter(image_id__in=missing, filter_spec__in=all_specs)
        fresh = {(r.image_id, r.filter_spec): r for r in loaded if (r.image_id, r.filter_spec) in keys}
        found.update(fresh)
        # Wagtail never caches renditions it was handed as prefetched, so warm the cache here for next time.
        rendition_model.cache_backend.set_many({keys[pair]: r for pair, r in fresh.items()})
    by_pk = {}
    for (pk, _spec), rendition in found.items():
        by_pk.setdefault(pk, []).append(rendition)
    for photo, _specs in wanted:
        photo.prefetched_renditions = list(by_pk.get(photo.pk, []))
        for rendition in photo.prefetched_renditions:
            rendition.image = photo  # the rendition's URL and alt text read its image: no query per rendition
