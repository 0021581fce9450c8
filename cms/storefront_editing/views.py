"""/sell/storefront/: the artisan's storefront editor. Parse the forms, call `services.submit_storefront`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Supplier

from . import services
from .forms import GalleryFormSet, StorefrontForm, StoryFormSet
from .review import review_status


def _chosen_supplier(request, suppliers):
    """The supplier named by ?supplier= (or the POSTed one), or the only one; None when the user must choose.
    A supplier the user may not edit is a 404: never say whose it is."""
    wanted = request.POST.get("supplier") or request.GET.get("supplier")
    if wanted:
        chosen = next((s for s in suppliers if str(s.pk) == wanted), None)
        if chosen is None:
            raise Http404
        return chosen
    return suppliers[0] if len(suppliers) == 1 else None


def _initial_story(draft):
    return [
        {"kind": part.kind, "text": part.text, "attribution": part.attribution,
         "photo_id": part.photo.pk if part.photo else None, "ORDER": position}
        for position, part in enumerate(draft.story, start=1)
    ]  # fmt: skip


def _initial_gallery(draft):
    return [
        {"photo_id": item.photo.pk, "caption": item.caption, "ORDER": position}
        for position, item in enumerate(draft.gallery, start=1)
    ]


def _featured_in_order(chosen, previous):
    """Products featured before keep their place; newly chosen ones follow, by title."""
    chosen_ids = [product.pk for product in chosen]
    kept = [pk for pk in previous if pk in chosen_ids]
    return kept + [pk for pk in chosen_ids if pk not in kept]


@login_required
def edit(request):
    suppliers = services.editable_suppliers(request.user)
    if not suppliers:
        if Supplier.objects.for_member(request.user).exists():
            # A staff member followed the dashboard's link: say who can, rather than a bare "not found".
            return render(request, "cms/storefront_editing/not_allowed.html", status=403)
        raise Http404(_("You may not edit any storefront."))
    supplier = _chosen_supplier(request, suppliers)
    if supplier is None:
        return render(request, "cms/storefront_editing/choose.html", {"suppliers": suppliers})
    try:
        page = services.storefront_to_edit(request.user, supplier)
    except PermissionDenied as exc:
        raise Http404 from exc
    context = {"supplier": supplier, "suppliers": suppliers, "page": page}
    if page is None:
        return render(request, "cms/storefront_editing/no_storefront.html", context)

    draft = services.draft_of(page)
    story_photos = {part.photo.pk: part.photo for part in draft.story if part.photo}
    gallery_photos = {item.photo.pk: item.photo for item in draft.gallery}
    products = services.featurable_products(supplier)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    story = StoryFormSet(
        data, files, prefix="story", initial=_initial_story(draft), form_kwargs={"photos": story_photos}
    )
    gallery = GalleryFormSet(
        data, prefix="gallery", initial=_initial_gallery(draft), form_kwargs={"photos": gallery_photos}
    )
    form = StorefrontForm(data, files, products=products, initial={"featured": draft.featured})
    if request.method == "POST":
        if all([story.is_valid(), gallery.is_valid(), form.is_valid()]):
            try:
                services.submit_storefront(
                    page,
                    actor=request.user,
                    story=story.parts(),
                    gallery=gallery.items(),
                    new_photos=form.cleaned_data["new_photos"],
                    featured=_featured_in_order(form.cleaned_data["featured"], draft.featured),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Saved and sent for review. Buyers will see it once a curator approves it.")
                )
                return redirect(f"{reverse('storefront-editing:edit')}?supplier={supplier.pk}")
        messages.error(request, _("Please correct the marked fields; nothing you typed was lost."))
    context |= {
        "status": review_status(page),
        "story": story,
        "gallery": gallery,
        "gallery_photos": gallery_photos,
        "story_photos": story_photos,
        "form": form,
    }
    return render(request, "cms/storefront_editing/edit.html", context)
