"""Listings stored before today's rules, found and reported, never silently altered.

A rule added to the forms (`validate_tiers`, `normalize_hs_code`) protects what is saved from now on; rows
saved earlier may still break it. `manage.py check_catalog` lists them so a curator or the artisan fixes them
with the artisan's knowledge: lowering a dearer tier or guessing an HS code for them would change an offer
buyers may already have seen.
"""

from itertools import pairwise

from django.core.exceptions import ValidationError

from .models import PriceTier, Product, hs_code_validator


def rising_tier_problems():
    """One line per product whose unit price rises from one tier to the next larger quantity."""
    problems, tiers_by_product = [], {}
    for tier in PriceTier.objects.order_by("product_id", "min_quantity").values_list(
        "product_id", "min_quantity", "unit_price"
    ):
        tiers_by_product.setdefault(tier[0], []).append(tier[1:])
    rising = {
        product_id: (previous, current)
        for product_id, tiers in tiers_by_product.items()
        for previous, current in pairwise(tiers)
        if current[1] > previous[1]
    }
    titles = dict(Product.objects.filter(pk__in=rising).values_list("pk", "title"))
    for product_id, (previous, current) in sorted(rising.items()):
        problems.append(
            f"Product {product_id} ({titles[product_id]}): {current[0]}+ at {current[1]} costs more per unit "
            f"than {previous[0]}+ at {previous[1]}."
        )
    return problems


def hs_code_problems():
    """One line per product whose stored HS code is not 4, 6, 8 or 10 digits."""
    problems = []
    for product_id, title, hs_code in Product.objects.order_by("pk").values_list("pk", "title", "hs_code"):
        try:
            hs_code_validator(hs_code)
        except ValidationError:
            problems.append(
                f"Product {product_id} ({title}): HS code {hs_code!r} is not 4, 6, 8 or 10 digits."
            )
    return problems


def catalog_problems():
    return rising_tier_problems() + hs_code_problems()
