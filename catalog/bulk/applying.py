"""Applying a checked listings file: create, change or leave alone, keyed by the supplier's SKU, in one
transaction.

Rows are written in bulk (bulk_create/bulk_update in batches, tiers and materials replaced per changed
listing in two statements each), so 5,000 listings are a few dozen statements, not tens of thousands.
Bulk writes send no signals, so what the signals would have done is done here: every written listing's
`updated_at` is set (cached fragments), the supplier is saved once, which makes the search index
reindex its listings on commit (search.signals, "a change that reaches many products"), and each
photo is created as a `Photo` like a single upload (cleaned of metadata, renditions made by a worker).
Status changes are audited as `catalog.services.set_status` audits them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import Photo, PriceTier, Product, ProductImage, Supplier
from marketplace.audit.models import StateChange
from marketplace.workflow import lock

from .validation import FIELDS

BATCH = 500


def apply_rows(supplier, planned_rows, actor, photos=None) -> dict:
    """Write the valid rows of a report (`PlannedRow`s whose action is create or change; others are
    skipped). One transaction, the supplier row locked (two imports for one supplier never interleave).
    Returns {"created": n, "changed": n, "unchanged": n, "skipped": n}."""
    to_create = [row for row in planned_rows if row.action == "create"]
    to_change = [row for row in planned_rows if row.action == "change"]
    now = timezone.now()
    with transaction.atomic():
        supplier = lock(Supplier, supplier.pk)
        slugs = _unique_slugs([row.values["title"] for row in to_create])
        created = []
        for row, slug in zip(to_create, slugs, strict=True):
            product = Product(supplier=supplier, sku=row.sku, slug=slug, **row.values)
            if product.status == Product.Status.PUBLISHED:
                product.published_at = now
            created.append(product)
            row.product = product
        Product.objects.bulk_create(created, batch_size=BATCH)
        changed, status_changes = [], []
        for row in to_change:
            product = row.product
            if product.status != row.values["status"]:
                status_changes.append((product, product.status, row.values["status"]))
                if row.values["status"] == Product.Status.PUBLISHED and not product.published_at:
                    product.published_at = now
            for name, value in row.values.items():
                setattr(product, name, value)
            product.updated_at = now
            changed.append(product)
        Product.objects.bulk_update(changed, [*FIELDS, "published_at", "updated_at"], batch_size=BATCH)
        status_changes += [(p, "", p.status) for p in created if p.status == Product.Status.PUBLISHED]
        _replace_tiers_and_materials(to_create + to_change)
        _replace_photos([row for row in to_create + to_change if row.replace_photos], photos, actor)
        _audit_status(status_changes, actor)
        # search.signals reindexes the supplier's listings once this commits; fragments see updated_at.
        supplier.save(update_fields=["updated_at"])
    return {
        "created": len(created),
        "changed": len(changed),
        "unchanged": sum(1 for row in planned_rows if row.action == "unchanged"),
        "skipped": sum(1 for row in planned_rows if row.action == "invalid"),
    }


def _unique_slugs(titles) -> list[str]:
    """A unique slug per title, as `Product.unique_slug_for` makes them ("vase", "vase-2"), with one query
    for the taken slugs that start like any of them instead of one query per title."""
    bases = [slugify(title)[:200] or "product" for title in titles]
    taken = set()
    distinct = sorted(set(bases))
    for start in range(0, len(distinct), BATCH):
        chunk = distinct[start : start + BATCH]
        taken.update(Product.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    # The suffixed slugs ("vase-2") matter only for bases already taken: few, fetched per base.
    for base in sorted(taken & set(distinct)):
        taken.update(Product.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def _replace_tiers_and_materials(rows):
    product_ids = [row.product.pk for row in rows if row.action == "change"]
    through = Product.materials.through
    for start in range(0, len(product_ids), BATCH):
        chunk = product_ids[start : start + BATCH]
        PriceTier.objects.filter(product_id__in=chunk).delete()
        through.objects.filter(product_id__in=chunk).delete()
    PriceTier.objects.bulk_create(
        (
            PriceTier(product=row.product, min_quantity=quantity, unit_price=price)
            for row in rows
            for quantity, price in row.tiers
        ),
        batch_size=BATCH,
    )
    through.objects.bulk_create(
        (
            through(product_id=row.product.pk, material_id=material_id)
            for row in rows
            for material_id in row.material_ids
        ),
        batch_size=BATCH,
    )


def _replace_photos(rows, photos, actor):
    """Each named photo becomes one `Photo` (shared by rows naming the same file), saved as single uploads
    are (catalog.photo_models.Photo.save cleans it; its post_save enqueues the renditions); the listing's
    photos are replaced by them, in the row's order, the first the main photo."""
    if not rows or photos is None:
        return
    ProductImage.objects.filter(product__in=[row.product for row in rows if row.action == "change"]).delete()
    made = {}
    images = []
    for row in rows:
        for position, name in enumerate(row.photos):
            if name not in made:
                made[name] = Photo.objects.create(
                    title=row.values["title"][:255], file=photos.upload(name), uploaded_by_user=actor
                )
            images.append(
                ProductImage(
                    product=row.product,
                    photo=made[name],
                    position=position,
                    alt_text=row.values["title"][:200],
                )
            )
    ProductImage.objects.bulk_create(images, batch_size=BATCH)


def _audit_status(changes, actor):
    if not changes:
        return
    content_type = ContentType.objects.get_for_model(Product)
    StateChange.objects.bulk_create(
        (
            StateChange(
                content_type=content_type,
                object_id=product.pk,
                field="status",
                from_state=previous or "",
                to_state=status,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                note="bulk import",
            )
            for product, previous, status in changes
        ),
        batch_size=BATCH,
    )
