"""The catalog's rows as the API's JSON, written out by hand for the lists: a product list page of 25
through DRF's nested serializers cost half a second (each row built its tier, photo and supplier
serializers anew: fields deep-copied, model fields introspected), twelve times the HTML page it stands beside
(bench/README.md, "API"). The serializers in api/serializers/ still describe these shapes for the schema,
and tests/api/test_schemathesis.py checks every response against it.
"""

from rest_framework.fields import DateTimeField

from marketplace.money import quantize

_datetime = DateTimeField()


def money(amount, currency) -> dict:
    return {"amount": str(quantize(amount, currency)), "currency": currency}


def timestamp(value) -> str | None:
    return _datetime.to_representation(value) if value is not None else None


def photo(image, specs, title) -> dict:
    """`image` (a ProductImage with its photo) and its renditions `specs`, attached beforehand by
    catalog.wagtail_overrides.attach_rendition_sets; any missing is made by Wagtail, as the pages do."""
    found = {r.filter_spec: r for r in getattr(image.photo, "prefetched_renditions", ())}
    if any(spec not in found for spec in specs):
        found.update(image.photo.get_renditions(*specs))
    return {
        "id": image.pk,
        "position": image.position,
        "alt": image.alt_text or title,
        "renditions": [
            {"spec": spec, "url": found[spec].url, "width": found[spec].width, "height": found[spec].height}
            for spec in specs
        ],
    }


class Writer:
    """Writes products for one response, remembering what rows share (suppliers, categories)."""

    def __init__(self, photo_specs):
        self.photo_specs = photo_specs
        self._suppliers = {}
        self._categories = {}

    def category(self, category) -> dict:
        if category.pk not in self._categories:
            self._categories[category.pk] = {
                "id": category.pk, "slug": category.slug, "name": category.name, "path": category.path,
            }  # fmt: skip
        return self._categories[category.pk]

    def supplier(self, supplier) -> dict:
        if supplier.pk not in self._suppliers:
            level = supplier.verification_level
            self._suppliers[supplier.pk] = {
                "id": supplier.pk,
                "slug": supplier.slug,
                "name": supplier.name,
                "women_led": supplier.women_led,
                "region": supplier.region,
                "verification_level": {"name": level.name, "rank": level.rank} if level else None,
                "url": supplier.get_absolute_url(),
            }
        return self._suppliers[supplier.pk]

    def summary(self, product) -> dict:
        """ProductSummarySerializer's shape. Needs supplier (with its level) and category selected, tiers
        and images (with photos) prefetched."""
        currency = product.supplier.currency
        tiers = product.tiers()
        main = product.main_image
        return {
            "id": product.pk,
            "slug": product.slug,
            "title": product.title,
            "url": product.get_absolute_url(),
            "category": self.category(product.category),
            "supplier": self.supplier(product.supplier),
            "origin_region": product.origin_region,
            "hs_code": product.hs_code,
            "moq": product.moq,
            "unit": product.unit,
            "lead_time_days": product.lead_time_days,
            "incoterms": list(product.incoterms),
            "from_price": money(min(t.unit_price for t in tiers), currency) if tiers else None,
            "price_tiers": [
                {"min_quantity": t.min_quantity, "unit_price": money(t.unit_price, currency)} for t in tiers
            ],
            "main_photo": photo(main, self.photo_specs, product.title) if main else None,
            "published_at": timestamp(product.published_at),
        }

    def detail(self, product) -> dict:
        """ProductDetailSerializer's shape: the summary, the product page's other facts, every photo.
        Needs materials prefetched as well."""
        currency = product.supplier.currency
        return {
            **self.summary(product),
            "description": product.description,
            "materials": [{"id": m.pk, "slug": m.slug, "name": m.name} for m in product.materials.all()],
            "monthly_capacity": product.monthly_capacity,
            "stock_on_hand": product.stock_on_hand,
            "sample_available": product.sample_available,
            "sample_price": money(product.sample_price, currency)
            if product.sample_price is not None
            else None,
            "customisation": product.customisation,
            "photos": [photo(image, self.photo_specs, product.title) for image in product.images.all()],
        }

    def listing(self, product) -> dict:
        """ListingSerializer's shape: the detail and what only its supplier's members see."""
        return {
            **self.detail(product),
            "supplier_id": product.supplier_id,
            "status": product.status,
            "listing_status": product.listing_status,
            "hidden_reason": product.hidden_reason if product.hidden_by_curator else "",
            "created_at": timestamp(product.created_at),
            "updated_at": timestamp(product.updated_at),
        }
