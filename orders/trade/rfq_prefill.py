"""An RFQ started from a product page: the form's first values taken from the product the buyer was reading,
so they ask several suppliers for "something like this" without typing it all again."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from catalog.models import Product
from catalog.reference import Incoterm

from .models import RFQ


def initial_from_product(slug) -> dict:
    """The RFQ form's initial values from the visible product `slug` (its title, category, quantity at its
    minimum order, unit, and its first offered Incoterm that an RFQ can ask for); {} for anything else: an
    unknown, hidden or draft product, or a malformed slug from the URL (never an error: it is only a
    convenience, and the buyer then writes the RFQ from scratch)."""
    if not isinstance(slug, str) or not slug or len(slug) > Product._meta.get_field("slug").max_length:
        return {}
    try:
        validate_slug(slug)  # also keeps bytes such as NUL, which PostgreSQL refuses, out of the query
    except ValidationError:
        return {}
    product = (
        Product.objects.visible().filter(slug=slug).only("title", "category_id", "moq", "unit", "incoterms")
    )
    product = product.first()
    if product is None:
        return {}
    initial = {
        "title": product.title[: RFQ._meta.get_field("title").max_length],
        "category": product.category_id,
        "quantity": product.moq,
        "unit": product.unit,
    }
    offered = [code for code in product.incoterms or [] if code in Incoterm.values]
    if offered:
        initial["incoterm"] = offered[0]
    return initial
