"""Catalog actions shared by the artisans' pages, the curators' admin and the demo loader."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.workflow import lock, record

from .models import Photo, PriceTier, Product, ProductImage, validate_tiers


def hide_product(product_id, curator, reason):
    """A curator hides a listing from buyers with a reason. Idempotent; the artisan cannot undo it."""
    if not getattr(curator, "is_curator", False):
        raise PermissionDenied(_("Only curators moderate listings."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for hiding this listing; the artisan will see it."))
    with transaction.atomic():
        product = lock(Product, product_id)
        if product.hidden_by_curator:
            return product
        product.hidden_by_curator = True
        product.hidden_reason = reason
        product.hidden_at = timezone.now()
        product.hidden_by = curator
        product.save()
        record(product, "visible", "hidden", curator, note=reason, field="moderation")
    return product


def unhide_product(product_id, curator):
    if not getattr(curator, "is_curator", False):
        raise PermissionDenied(_("Only curators moderate listings."))
    with transaction.atomic():
        product = lock(Product, product_id)
        if not product.hidden_by_curator:
            return product
        product.hidden_by_curator = False
        product.save()
        record(product, "hidden", "visible", curator, field="moderation")
    return product


def set_status(product, status, actor):
    """The artisan publishes or unpublishes. A listing hidden by a curator stays hidden whatever this says."""
    if status == product.status:
        return product
    previous = product.status
    product.status = status
    if status == Product.Status.PUBLISHED and not product.published_at:
        product.published_at = timezone.now()
    product.save()
    record(product, previous, status, actor, field="status")
    return product


def replace_tiers(product, tiers):
    """Replace a product's tiers by `tiers` [(min_quantity, unit_price)], already validated.

    Bumps the product's `updated_at` (bulk_create sends no signal), so cached pages show the new prices.
    """
    product.price_tiers.all().delete()
    PriceTier.objects.bulk_create(
        PriceTier(product=product, min_quantity=qty, unit_price=price) for qty, price in sorted(tiers)
    )
    Product.objects.filter(pk=product.pk).update(updated_at=timezone.now())


def add_photo(product, photo, alt_text=""):
    position = (product.images.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    if not product.images.exists():
        position = 0
    return ProductImage.objects.create(product=product, photo=photo, position=position, alt_text=alt_text)


def make_main_photo(product, image_id):
    """Put one photo first; the others keep their order after it."""
    images = list(product.images.order_by("position", "id"))
    chosen = [i for i in images if i.pk == image_id]
    if not chosen:
        raise ProductImage.DoesNotExist
    ordered = chosen + [i for i in images if i.pk != image_id]
    for position, image in enumerate(ordered):
        if image.position != position:
            image.position = position
            image.save(update_fields=["position"])


# The fields of a listing that only set_status and the curators' moderation change.
_KEPT_ON_EDIT = ("status", "published_at", "hidden_by_curator", "hidden_reason", "hidden_at", "hidden_by_id")


def save_listing(product, *, actor, status, materials, tiers, photos=()):
    """An artisan saves a listing, new or edited: its fields, materials, price tiers and new photos, at once.

    `product` carries the edited fields, unsaved; `tiers` [(min_quantity, unit_price)] must pass
    `validate_tiers` (ValidationError otherwise, nothing saved), `photos` are checked uploads
    (`catalog.photos.validate_photo`). Refuses anyone who is not a member of the product's supplier
    (PermissionDenied). All or nothing: one transaction, the edited
    row locked. A new listing gets a unique slug and starts as a draft, an edited one keeps its stored
    status and moderation; `status` is then applied by `set_status` (publication time, audit record), so a
    curator's hide stays. The tiers replace the old ones; the photos come after those the listing has, the
    first of a listing without photos becoming its main photo.
    """
    _require_member(product, actor)
    problems = validate_tiers(product.moq, list(tiers))
    if problems:
        # The forms check first and show these beside the tiers; a caller that skipped them stops here.
        raise ValidationError(problems)
    with transaction.atomic():
        if product.pk is None:
            product.slug = Product.unique_slug_for(product.title)
            product.status = Product.Status.DRAFT
        else:
            # The stored row decides what the artisan does not edit: the status until set_status changes
            # it, and a curator's hide made after the artisan's page loaded (locked, so none slips between).
            stored = lock(Product, product.pk)
            for field in _KEPT_ON_EDIT:
                setattr(product, field, getattr(stored, field))
        product.save()
        product.materials.set(materials)
        replace_tiers(product, tiers)
        for upload in photos:
            photo = Photo.objects.create(title=product.title[:255], file=upload, uploaded_by_user=actor)
            add_photo(product, photo, alt_text=product.title)
        set_status(product, status, actor)
    return product


def remove_photo(product, image_id, actor):
    """A member removes one of the listing's photos; the first of those left becomes the main photo.

    Raises ProductImage.DoesNotExist for a photo of another listing, PermissionDenied for a non-member.
    """
    _require_member(product, actor)
    product.images.get(pk=image_id).delete()
    remaining = list(product.images.order_by("position", "id"))
    if remaining:
        make_main_photo(product, remaining[0].pk)


def _require_member(product, actor):
    if not product.supplier.has_member(actor):
        raise PermissionDenied(_("Only the supplier's members edit its listings."))
