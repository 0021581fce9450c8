"""The whole demo marketplace in one call: `build_demo(products=300)`.

Deterministic: one `random.Random(2026)` drives every choice, so two runs on empty databases give the same
suppliers, titles, prices and pictures.
"""

import random

from django.db import transaction

from catalog.models import Product
from catalog.services import hide_product

from .applicants import build_applicant, build_coordinator
from .catalog import build_products, build_reference, build_suppliers, plan_products
from .expo import build_expo
from .pages import build_pages, build_people

SEED = 2026


@transaction.atomic
def build_demo(products: int = 300, seed: int = SEED) -> dict:
    """Creates the catalog, people and pages on an empty database; returns counts for the command to print."""
    rng = random.Random(seed)
    categories, clusters, materials, cert_types, levels = build_reference()
    supplier_rows = build_suppliers(rng, clusters, categories, cert_types, levels)
    suppliers = [supplier for supplier, _cluster in supplier_rows]
    plans = plan_products(rng, supplier_rows, products)
    created = build_products(rng, plans, categories, materials)
    curator = build_people(suppliers)
    hidden = _hide_one(created, curator)
    home = build_pages(rng, suppliers, clusters, created)
    build_expo(home, supplier_rows)  # the 2026 Expo, its exhibitors and its page
    build_applicant()  # one application waiting in the curators' queue
    build_coordinator(curator)  # a coordinator and the artisan they onboarded
    return {
        "clusters": len(clusters),
        "suppliers": len(suppliers),
        "products": len(created),
        "drafts": sum(1 for p in created if p.status == Product.Status.DRAFT),
        "hidden": hidden.title if hidden else None,
    }


def _hide_one(products, curator):
    """One published listing hidden by the curator, through the catalog's moderation service."""
    candidates = [p for p in products if p.status == Product.Status.PUBLISHED]
    if len(candidates) < 10:
        return None
    product = candidates[9]
    reason = "Photos show a different item than the title; asked the supplier to re-shoot."
    hide_product(product.pk, curator, reason)
    product.hidden_by_curator = True
    return product
