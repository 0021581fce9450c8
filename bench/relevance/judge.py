"""Grades the demo catalog for every judged query by the rules of RULES.md; writes judged.tsv.

    DATABASE_URL=sqlite:////tmp/demo3000.sqlite3 .venv/bin/python bench/relevance/judge.py

Run it on a database holding `manage.py load_demo --products 3000` and nothing else. It reads the catalog's
own fields (title, description, category and its parent, materials, the supplier's clusters) of every
visible product and never calls our search: the judgements must not come from the system they judge.
Rows of grade 0 are left out (a product missing from the file is grade 0).
"""

import argparse
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the project first: bench/search.py is not the search app

from bench.relevance.metrics import write_judgements  # noqa: E402
from bench.relevance.queries import KINDS, QUERIES, Query  # noqa: E402


def normalise(text: str) -> str:
    """Lower case, every run of non-letters/digits one space, padded: ' children s riding gloves '."""
    return " " + re.sub(r"[\W_]+", " ", text.lower()).strip() + " "


@dataclass(frozen=True)
class CatalogProduct:
    """The fields the rules read, normalised once."""

    reference: str
    title: str
    description: str
    categories: frozenset[str]  # the product's category slug and its parent's
    materials: str  # every material name, normalised and joined
    clusters: frozenset[str]


def holds(product: CatalogProduct, expression: str) -> bool:
    """Whether `product` passes a kind or attribute expression (queries.py's docstring gives the syntax)."""
    for part in expression.split("&"):
        part = KINDS.get(part, part)
        if "&" in part:
            if not holds(product, part):
                return False
            continue
        field, _, value = part.partition(":")
        if field == "title":
            ok = normalise(value) in product.title
        elif field == "desc":
            ok = normalise(value) in product.description
        elif field == "cat":
            ok = value in product.categories
        elif field == "mat":
            ok = normalise(value) in product.materials
        elif field == "cluster":
            ok = value in product.clusters
        else:
            raise ValueError(f"unknown test {part!r}: use title:, desc:, cat:, mat:, cluster: or a kind name")
        if not ok:
            return False
    return True


def grade(query: Query, product: CatalogProduct) -> int:
    """3 the wanted kind with every asked attribute; 2 the wanted kind missing one, or a near kind;
    1 a related kind; else 0 (RULES.md)."""
    if any(holds(product, kind) for kind in query.want):
        return 3 if all(holds(product, attr) for attr in query.attrs) else 2
    if any(holds(product, kind) for kind in query.near):
        return 2
    return 1 if any(holds(product, kind) for kind in query.related) else 0


def judge(query: Query, products: list[CatalogProduct]) -> dict[str, int]:
    """{reference: grade} for the products graded 1 or more."""
    grades = {p.reference: grade(query, p) for p in products}
    return {reference: g for reference, g in grades.items() if g}


def load_catalog() -> list[CatalogProduct]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    import django

    django.setup()
    from catalog.models import Product

    products = []
    queryset = (
        Product.objects.visible()
        .select_related("category__parent")
        .prefetch_related("materials", "supplier__clusters")
        .order_by("slug")
    )
    for product in queryset:
        category = product.category
        products.append(
            CatalogProduct(
                reference=product.slug,
                title=normalise(product.title),
                description=normalise(product.description),
                categories=frozenset(c.slug for c in (category, category.parent) if c is not None),
                materials=" ".join(normalise(m.name) for m in product.materials.all()),
                clusters=frozenset(c.slug for c in product.supplier.clusters.all()),
            )
        )
    return products


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(HERE / "judged.tsv"))
    args = parser.parse_args()
    products = load_catalog()
    if not products:
        raise SystemExit("No visible products: load the demo first (manage.py load_demo --products 3000).")
    rows, empty = [], []
    for query in QUERIES:
        grades = judge(query, products)
        if not any(g >= 2 for g in grades.values()):
            empty.append(query.text)
            continue
        rows += [(query.text, reference, g) for reference, g in sorted(grades.items())]
    write_judgements(args.out, rows)
    counts = Counter(g for _q, _r, g in rows)
    print(f"{len(products)} visible products, {len(QUERIES) - len(empty)} queries judged, {len(rows)} rows")
    print("rows per grade: " + ", ".join(f"{g}: {counts[g]}" for g in (3, 2, 1)))
    if empty:
        print("left out (no product of grade 2 or 3): " + ", ".join(empty))
    print(f"written to {args.out} ({Path(args.out).stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
