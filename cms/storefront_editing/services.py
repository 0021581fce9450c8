"""What an artisan may do to their storefront, and the one way their changes are saved: for review.

Every function takes the acting user and checks `catalog.permissions.may(user, "edit_storefront", supplier)`
(owners and the supplier's coordinators; never staff, buyers, curators as such, or another supplier's owner).
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from catalog.models import Photo, Product, Supplier
from catalog.permissions import may

from ..models import FeaturedProduct, SupplierGalleryPhoto, SupplierPage
from .review import review_workflow

MAX_FEATURED = 8
# The kinds of story block the plain form offers; cms.blocks.StoryBlock has these and no others we keep.
STORY_KINDS = ("heading", "paragraph", "quote", "image", "fact")


@dataclass
class StoryPart:
    """One block of the story, in the form's terms: `text` is a paragraph's plain text, a heading, a quote, a
    fact's figure or an image's description; `attribution` is a quote's speaker or a fact's label."""

    kind: str
    text: str = ""
    attribution: str = ""
    photo: Photo | None = None
    upload: object = None  # a new image block's checked upload, stored as a Photo when the draft is saved


@dataclass
class GalleryItem:
    photo: Photo
    caption: str = ""


@dataclass
class StorefrontDraft:
    """The storefront as the artisan edits it: their latest revision (submitted or not), else what is live."""

    story: list[StoryPart] = field(default_factory=list)
    gallery: list[GalleryItem] = field(default_factory=list)
    featured: list[int] = field(default_factory=list)  # product ids, in order


def editable_suppliers(user) -> list[Supplier]:
    """The suppliers whose storefront `user` may edit, by name."""
    suppliers = Supplier.objects.for_member(user).order_by("name")
    return [supplier for supplier in suppliers if may(user, "edit_storefront", supplier)]


def storefront_to_edit(user, supplier) -> SupplierPage | None:
    """The supplier's storefront page, or None when it has none yet (created when the supplier is approved).
    Raises PermissionDenied unless `user` may edit it."""
    if not may(user, "edit_storefront", supplier):
        raise PermissionDenied
    return SupplierPage.objects.filter(supplier=supplier).first()


def featurable_products(supplier):
    """The supplier's own published products, the only ones a storefront may feature."""
    return Product.objects.filter(supplier=supplier, status=Product.Status.PUBLISHED).order_by("title")


def _paragraph_text(html: str) -> str:
    """A rich-text paragraph as plain text, one blank line between its paragraphs. The form is plain text:
    bold, italics and links a curator added in the admin do not survive an artisan's edit of that block
    (they do survive when the artisan leaves the block as it was: see `_story_json`)."""
    text = html.replace("</p>", "\n\n").replace("<br/>", "\n").replace("<br>", "\n")
    return strip_tags(text).strip()


def _paragraph_html(text: str) -> str:
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join("<p>{}</p>".format(escape(part).replace("\n", "<br/>")) for part in paragraphs)


def draft_of(page: SupplierPage) -> StorefrontDraft:
    """The page's latest revision (or the page itself without one) in the form's terms."""
    latest = page.get_latest_revision_as_object()
    story = []
    for block in latest.story:
        if block.block_type == "paragraph":
            story.append(StoryPart("paragraph", _paragraph_text(block.value.source)))
        elif block.block_type == "heading":
            story.append(StoryPart("heading", block.value))
        elif block.block_type == "quote":
            story.append(StoryPart("quote", block.value["text"], block.value.get("attribution") or ""))
        elif block.block_type == "fact":
            story.append(StoryPart("fact", block.value["figure"], block.value["label"]))
        elif block.block_type == "image" and block.value is not None:
            story.append(StoryPart("image", block.value.contextual_alt_text or "", photo=block.value))
    gallery = sorted(latest.gallery.all(), key=lambda item: item.sort_order or 0)
    featured = sorted(latest.featured.all(), key=lambda item: item.sort_order or 0)
    return StorefrontDraft(
        story=story,
        gallery=[GalleryItem(item.photo, item.caption) for item in gallery],
        featured=[item.product_id for item in featured],
    )


def _story_json(parts: list[StoryPart], kept_paragraphs: dict[str, str]) -> str:
    """The story as StreamField JSON. A paragraph whose text the artisan left as it was keeps its stored
    HTML (`kept_paragraphs`, plain text -> HTML), so a curator's bold or links survive an edit elsewhere."""
    blocks = []
    for part in parts:
        if part.kind == "paragraph":
            value = kept_paragraphs.get(part.text) or _paragraph_html(part.text)
        elif part.kind == "heading":
            value = part.text
        elif part.kind == "quote":
            value = {"text": part.text, "attribution": part.attribution}
        elif part.kind == "fact":
            value = {"figure": part.text, "label": part.attribution}
        elif part.kind == "image":
            value = {"image": part.photo.pk, "alt_text": part.text, "decorative": False}
        else:
            raise ValueError(f"Unknown story block kind {part.kind!r}")
        blocks.append({"type": part.kind, "value": value})
    return json.dumps(blocks)


@transaction.atomic
def submit_storefront(page: SupplierPage, *, actor, story, gallery, new_photos=(), featured=()):
    """Saves the artisan's storefront as a draft revision and puts it up for a curator's review.

    Never publishes: what buyers see changes only when a curator approves (Wagtail publishes the latest
    revision then). `story` is [StoryPart] (new photos as `upload`), `gallery` [GalleryItem] in order,
    `new_photos` checked uploads (catalog.photos.validate_photo) added after the gallery, `featured`
    product ids in order, at most MAX_FEATURED of the supplier's own published products (ValidationError
    otherwise, nothing saved).
    A review under way goes on with the new revision; one sent back for changes is resubmitted; otherwise a
    new review starts. Locks the page row so two saves at once make two revisions in turn, one review.
    Raises PermissionDenied unless `actor` may edit the supplier's storefront. Returns the revision.
    """
    page = SupplierPage.objects.select_for_update().select_related("supplier").get(pk=page.pk)
    if not may(actor, "edit_storefront", page.supplier):
        raise PermissionDenied
    featured = list(dict.fromkeys(featured))
    if len(featured) > MAX_FEATURED:
        raise ValidationError(_("Feature at most %(count)s products.") % {"count": MAX_FEATURED})
    allowed = set(featurable_products(page.supplier).filter(pk__in=featured).values_list("pk", flat=True))
    if set(featured) - allowed:
        raise ValidationError(_("Feature only your own published products."))

    for part in story:
        if part.kind == "image" and part.upload is not None:
            part.photo = Photo.objects.create(
                title=page.title[:255], file=part.upload, uploaded_by_user=actor
            )
    draft = page.get_latest_revision_as_object()
    kept = {
        _paragraph_text(block.value.source): block.value.source
        for block in draft.story
        if block.block_type == "paragraph"
    }
    draft.story = _story_json(story, kept)
    items = [(item.photo, item.caption) for item in gallery]
    for upload in new_photos:
        photo = Photo.objects.create(title=page.title[:255], file=upload, uploaded_by_user=actor)
        items.append((photo, ""))
    draft.gallery = [
        SupplierGalleryPhoto(photo=photo, caption=caption, sort_order=position)
        for position, (photo, caption) in enumerate(items)
    ]
    draft.featured = [
        FeaturedProduct(product_id=product_id, sort_order=position)
        for position, product_id in enumerate(featured)
    ]
    revision = draft.save_revision(user=actor, log_action=True)

    state = page.current_workflow_state
    if state is None:
        review_workflow().start(page, actor)
    elif state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=actor)
    return revision
