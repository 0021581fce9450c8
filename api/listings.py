"""A supplier's listings through the API, by the rules of /sell/: the JSON body goes through the page's own
forms (catalog.sell.forms: ProductForm, TierFormSet, the photo field) and the page's service
(catalog.services.save_listing), so there is one set of rules for both doors.

JSON values become the form data a browser would post (numbers and ids as text, lists as lists); the forms'
errors come back as {field: [messages]} (api.errors renders them). PATCH is the stored listing, as the edit
page shows it, with the body's fields laid over it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog import services
from catalog.models import Supplier
from catalog.sell.forms import MultiplePhotoField, ProductForm, TierFormSet

LISTING_FIELDS = list(ProductForm.Meta.fields)


def stored_values(product) -> dict:
    """The listing as its edit form would show it (what PATCH starts from)."""
    return {
        "title": product.title,
        "description": product.description,
        "category": product.category_id,
        "materials": [material.pk for material in product.materials.all()],
        "origin_region": product.origin_region,
        "hs_code": product.hs_code,
        "moq": product.moq,
        "unit": product.unit,
        "lead_time_days": product.lead_time_days,
        "monthly_capacity": product.monthly_capacity,
        "stock_on_hand": product.stock_on_hand,
        "sample_available": product.sample_available,
        "sample_price": product.sample_price,
        "incoterms": list(product.incoterms),
        "customisation": product.customisation,
        "status": product.status,
        "tiers": [{"min_quantity": t.min_quantity, "unit_price": t.unit_price} for t in product.tiers()],
    }


def _as_posted(value):
    """A JSON value as a browser would post it: text, a list of texts, a checkbox's boolean."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, list):
        return [str(item) for item in value if not isinstance(item, dict | list)]
    return str(value)


def _form_data(values: dict) -> dict:
    return {name: _as_posted(values[name]) for name in LISTING_FIELDS if name in values}


def _tier_data(tiers) -> dict:
    data = {"tiers-TOTAL_FORMS": str(len(tiers)), "tiers-INITIAL_FORMS": "0"}
    for n, tier in enumerate(tiers):
        tier = tier if isinstance(tier, dict) else {}
        data[f"tiers-{n}-min_quantity"] = _as_posted(tier.get("min_quantity"))
        data[f"tiers-{n}-unit_price"] = _as_posted(tier.get("unit_price"))
    return data


def save_listing(user, body, product=None, *, partial=False):
    """Create (product None) or update `product` from the JSON `body`; ValidationError with the forms'
    messages by field when it is not valid, PermissionDenied (from the service) for a non-member."""
    if not isinstance(body, dict):
        raise ValidationError({"non_field_errors": [_("Send the listing as a JSON object.")]})
    values = {**stored_values(product), **body} if partial and product is not None else dict(body)
    # The status is the listing's life, not its content: a new one starts as a draft (the page preselects it),
    # an edit without a status keeps it.
    values.setdefault("status", product.status if product is not None else "draft")
    if product is None and values.get("supplier") is None:
        # The new-listing page preselects the member's supplier (of several, the caller must say which).
        suppliers = list(Supplier.objects.for_member(user).values_list("pk", flat=True)[:2])
        if len(suppliers) == 1:
            values["supplier"] = suppliers[0]
    tiers = values.get("tiers")
    if not isinstance(tiers, list):
        tiers = [] if tiers is None else None
    form = ProductForm(_form_data(values), instance=product, user=user)
    formset = TierFormSet(_tier_data(tiers or []), prefix="tiers")
    form_ok = form.is_valid()
    formset.moq = form.cleaned_data.get("moq")
    tiers_ok = formset.is_valid() and tiers is not None
    if not (form_ok and tiers_ok):
        raise ValidationError(_errors(form, formset, tiers))
    return services.save_listing(
        form.save(commit=False),
        actor=user,
        status=form.cleaned_data["status"],
        materials=form.cleaned_data["materials"],
        tiers=formset.tiers(),
    )


def add_photos(user, product, uploads):
    """Add checked photos (the page's photo field) to `product` through the same service, nothing else
    changed; ValidationError when there is none or one is not a photo."""
    if not uploads:
        raise ValidationError({"photos": [_("Attach one or more photos (JPEG, PNG or WebP).")]})
    try:
        photos = MultiplePhotoField(required=True).clean(uploads)
    except ValidationError as error:
        raise ValidationError({"photos": error.messages}) from error
    stored = stored_values(product)
    return services.save_listing(
        product,
        actor=user,
        status=product.status,
        materials=stored["materials"],
        tiers=[(t["min_quantity"], t["unit_price"]) for t in stored["tiers"]],
        photos=photos,
    )


def _errors(form, formset, tiers) -> dict:
    errors = {name: list(messages) for name, messages in form.errors.items() if name != "__all__"}
    if form.non_field_errors():
        errors["non_field_errors"] = list(form.non_field_errors())
    tier_messages = []
    if tiers is None:
        tier_messages.append(_("Send the price tiers as a list of {min_quantity, unit_price}."))
    else:
        for n, tier_errors in enumerate(formset.errors, start=1):
            for field, messages in tier_errors.items():
                label = "" if field == "__all__" else f"{field}: "
                tier_messages += [
                    _("Tier %(n)s: %(label)s%(message)s") % {"n": n, "label": label, "message": m}
                    for m in messages
                ]
        tier_messages += list(formset.non_form_errors())
    if tier_messages:
        errors["tiers"] = tier_messages
    return errors
