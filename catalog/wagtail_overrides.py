"""catalog's one Wagtail override: the renditions of every photo on a page attached up front, from the cache,
else ONE query for all the misses. Written against Wagtail 8.0.1; after any Wagtail upgrade run
tests/catalog/test_wagtail_contract.py first, then re-read the Wagtail code named below.

Wagtail's template tags ask each photo for its renditions (`{% srcset_image %}` and `{% picture %}` through
`AbstractImage.get_renditions`, `{% image %}` through `AbstractImage.get_rendition`); without help each photo
asks the cache, then the database: one query per photo whose renditions are not cached. We set
`photo.prefetched_renditions` first (what `prefetch_related("renditions", to_attr="prefetched_renditions")`
would set, but found in the cache first and in one query for the whole page), so Wagtail asks neither.
Measured (2026-12-03, the stock path swapped back in; cache emptied, renditions already generated): the
product list with 12 products 7 queries instead of 18, a storefront with 8 featured products and 4 gallery
photos 12 instead of 22, home with its 8 newest products 10 instead of 17 (tests/catalog/test_pages.py and
tests/cms/test_pages.py pin ours). With the cache warm the query count is the same (0 for renditions), but
the page makes one cache round trip instead of one per photo (bench/README.md: 24 `srcset_image` tags fetching
from the cache one by one were 45 % of the product list's time before its cards were cached).

Relies on:
- `AbstractImage.find_existing_renditions` reading `_get_prefetched_renditions()`, i.e. the
  `prefetched_renditions` attribute, first, and when it is set trusting it: no cache or database lookup
  for the filters it lacks. A rendition matches on `filter_spec` and on
  `focal_point_key == Filter.get_cache_key(photo)` (so one of an older focal point is ignored, not shown).
- A missing rendition still being made on demand: `get_rendition(s)` then calls `create_rendition(s)` and
  `_add_to_prefetched_renditions` (the first view after an upload).
- Our cache keys being Wagtail's:
  `AbstractRendition.construct_cache_key(photo, Filter(spec).get_cache_key(photo), spec)` in
  `AbstractRendition.cache_backend` (the "renditions" cache, else the default one), so renditions
  Wagtail cached are found here and ours are found by Wagtail.
- `get_renditions` not writing prefetched renditions back to the cache (it marks them `_from_cache`), which is
  why we warm the cache for the misses ourselves.
- A rendition's URL and `img` attributes reading `rendition.image`: we point it at the photo we hold, which
  saves a query per rendition.
- Our specs having no `preserve-svg` (`clean_filter_for_svg` would change the spec Wagtail looks for).
Re-check: `AbstractImage.get_rendition`, `get_renditions`, `find_existing_renditions`,
`_get_prefetched_renditions`, `AbstractRendition.construct_cache_key` / `cache_backend` and the image tags in
wagtail/images/templatetags/wagtailimages_tags.py.
"""

from wagtail.images.models import Filter

from .photo_models import Photo

# What the templates ask for: cards and galleries {% srcset_image photo width-{320,640} format-webp %}, the
# product page's gallery: each photo width-{360,720}, its thumbnails fill-160x160 and, behind "View larger",
# width-1600 (catalog/templates/catalog/includes/product_gallery.html).
CARD_RENDITIONS = ("width-320|format-webp", "width-640|format-webp")
MAIN_PHOTO_RENDITIONS = ("width-360|format-webp", "width-720|format-webp")
THUMBNAIL_RENDITIONS = ("fill-160x160|format-webp",)
LARGE_PHOTO_RENDITIONS = ("width-1600|format-webp",)


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
