"""The demo at ten times its size (`load_demo --products 3000`, the relevance harness's catalog, issue 21):
once a supplier has listed every title of its cluster's templates, the next listings are numbered designs
of them, never a repeat. Planned without a database: the plan alone decides titles and slugs."""

import random
from collections import Counter
from types import SimpleNamespace

from cms.demo import data
from cms.demo.builder import SEED
from cms.demo.catalog import plan_products


def supplier_rows():
    """Stand-ins for the demo's suppliers with what planning reads: (supplier, cluster slug)."""
    cities = {slug: city for slug, _name, _sector, _region, city, _summary in data.CLUSTERS}
    rows = []
    for cluster_slug, entries in data.SUPPLIERS.items():
        for name, _tagline, _women_led, _size, currency, _year in entries:
            supplier = SimpleNamespace(
                pk=len(rows) + 1, name=name, currency=currency, city=cities[cluster_slug]
            )
            rows.append((supplier, cluster_slug))
    return rows


def test_three_thousand_products_plan_without_a_supplier_repeating_a_title():
    plans = plan_products(random.Random(SEED), supplier_rows(), 3000)

    per_supplier = Counter((p["supplier"].pk, p["title"]) for p in plans)
    assert len(plans) == 3000
    assert max(per_supplier.values()) == 1
    assert len({p["slug"] for p in plans}) == 3000
    # 3000 listings over 43 suppliers is about 70 each, more than any cluster's templates give titles for.
    assert any(p["title"].endswith("(design 2)") for p in plans)


def test_a_numbered_design_keeps_its_templates_category_and_words():
    plans = plan_products(random.Random(SEED), supplier_rows(), 3000)

    numbered = [p for p in plans if "(design " in p["title"]]
    assert numbered
    for plan in numbered:
        unnumbered = plan["title"].split(" (design ")[0]
        originals = [p for p in plans if p["title"] == unnumbered and p["supplier"] is plan["supplier"]]
        assert [p["category"] for p in originals] == [plan["category"]]
