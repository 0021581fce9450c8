"""Search benchmark (a script, not a test): our database backend against Wagtail's own database search.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench .venv/bin/python bench/search.py --n 100000

Generates N products (slugs "bench-...") with realistic text in the configured database, builds our
index, runs a fixed seeded query mix (text, text+2 facets, filters only, typo, autocomplete), prints
p50/p95 per kind, then indexes the same products in Wagtail's `modelsearch` database backend and runs the
same text queries through it. Last line: our text p95 divided by Wagtail's. Bench rows are deleted at the
end unless --keep.
"""

import argparse
import gc
import os
import random
import resource
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import models, transaction  # noqa: E402
from wagtail.search import index as wagtail_index  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from catalog.models import Category, Cluster, Material, PriceTier, Product, Supplier  # noqa: E402
from search import services  # noqa: E402
from search.backends import database_postings  # noqa: E402
from search.query import SearchQuery  # noqa: E402

ADJECTIVES = [
    "hand-painted",
    "handmade",
    "hand-knotted",
    "embroidered",
    "block-printed",
    "carved",
    "glazed",
    "woven",
    "crocheted",
]
COLOURS = ["blue", "indigo", "madder", "natural", "ivory", "saffron", "teal", "rust", "charcoal", "green"]
THINGS = [
    ("pottery vase", "pottery", "Clay"),
    ("pottery planter with drainage", "pottery", "Clay"),
    ("ajrak bedsheet", "textiles", "Cotton"),
    ("cushion cover", "textiles", "Cotton"),
    ("khussa shoes", "footwear", "Leather"),
    ("pashmina shawl", "shawls", "Pashmina"),
    ("wool carpet", "carpets", "Wool"),
    ("leather gloves", "leather", "Leather"),
    ("surgical scissors", "instruments", "Steel"),
    ("football", "sports", "Leather"),
    ("camel skin lamp", "lighting", "Camel skin"),
    ("walnut wood side table", "furniture", "Walnut"),
    ("onyx candle holder", "home", "Onyx"),
    ("crochet beanie", "knitwear", "Wool"),
]
REGIONS = ["punjab", "sindh", "kp", "gb", "balochistan"]
TEXT_QUERIES = [
    "blue pottery vase",
    "8 inch round blue pottery planter with drainage",
    "ajrak",
    "block print bedsheet",
    "embroidered cushion covers",
    "khussa",
    "jutti shoes",
    "pashmina shawl",
    "cashmere shawl",
    "wool carpets",
    "leather gloves for winter",
    "surgical scissors stainless",
    "hand stitched football",
    "camel skin lamp",
    "carved walnut table",
    "onyx candle holder",
    "crochet beanie",
    "natural dye cotton",
]
TYPO_QUERIES = ["embriodered cushon", "pashmia shawl", "potery vase", "leathr glovs", "carpt", "ajrk bedshet"]
SUGGEST_PREFIXES = ["bl", "blue p", "emb", "pash", "kh", "leat", "carv", "cam", "wal", "cro"]


def generate(n, rng):
    categories = {
        slug: Category.objects.get_or_create(slug=f"bench-{slug}", defaults={"name": slug.title()})[0]
        for slug in {t[1] for t in THINGS}
    }
    materials = {
        name: Material.objects.get_or_create(
            slug=f"bench-{name.lower().replace(' ', '-')}", defaults={"name": f"{name} (bench)"}
        )[0]
        for name in {t[2] for t in THINGS}
    }
    clusters = [
        Cluster.objects.get_or_create(
            slug=f"bench-cluster-{i}",
            defaults={"name": f"Bench cluster {i}", "sector": "Crafts", "region": REGIONS[i % len(REGIONS)]},
        )[0]
        for i in range(10)
    ]
    suppliers = []
    for i in range(max(10, n // 50)):
        suppliers.append(
            Supplier(
                name=f"Bench workshop {i}",
                slug=f"bench-supplier-{i}",
                region=rng.choice(REGIONS),
                women_led=rng.random() < 0.4,
                size=rng.choice(["micro", "small", "medium"]),
            )
        )
    Supplier.objects.bulk_create(suppliers, batch_size=1000)
    suppliers = list(Supplier.objects.filter(slug__startswith="bench-supplier-"))
    Supplier.clusters.through.objects.bulk_create(
        [Supplier.clusters.through(supplier_id=s.pk, cluster_id=rng.choice(clusters).pk) for s in suppliers]
    )
    for start in range(0, n, 2000):
        batch = []
        for i in range(start, min(n, start + 2000)):
            thing, cat, _material = rng.choice(THINGS)
            title = f"{rng.choice(COLOURS).title()} {rng.choice(ADJECTIVES)} {thing}"
            batch.append(
                Product(
                    supplier=rng.choice(suppliers),
                    title=title,
                    slug=f"bench-{i}",
                    category=categories[cat],
                    description=f"{title}. Made in Pakistan, {rng.choice(ADJECTIVES)}, finished by hand.",
                    origin_region=rng.choice(REGIONS),
                    hs_code="691390",
                    moq=rng.choice([1, 5, 10, 24, 50, 100, 500]),
                    lead_time_days=rng.choice([7, 14, 21, 30, 45, 60, 90]),
                    monthly_capacity=500,
                    status=Product.Status.PUBLISHED,
                )
            )
        created = Product.objects.bulk_create(batch)
        PriceTier.objects.bulk_create(
            [
                PriceTier(product=p, min_quantity=p.moq, unit_price=Decimal(rng.randint(100, 40000)) / 100)
                for p in created
            ]
        )
        Product.materials.through.objects.bulk_create(
            [
                Product.materials.through(
                    product_id=p.pk, material_id=materials[next(t[2] for t in THINGS if t[0] in p.title)].pk
                )
                for p in created
            ]
        )


def timed(fn, runs):
    """(p50, p95) of wall milliseconds, and the p50 of this process's CPU milliseconds: on SQLite that is
    the whole search, and unlike wall time it hardly moves when other processes load the machine."""
    samples, cpu = [], []
    for arg in runs:
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(arg)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    samples.sort()
    timed.cpu_p50 = statistics.median(cpu)
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


class BenchProduct(wagtail_index.Indexed, Product):
    """Product as Wagtail's own search would index it (title boosted, description)."""

    search_fields = [wagtail_index.SearchField("title", boost=10), wagtail_index.SearchField("description")]

    class Meta:
        proxy = True
        app_label = "catalog"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="leave the bench products in the database")
    parser.add_argument("--reuse", action="store_true", help="reuse kept bench products if there are N")
    parser.add_argument("--no-rebuild", action="store_true", help="with --reuse: query the index as it is")
    parser.add_argument("--no-wagtail", action="store_true", help="skip Wagtail's search (slow at 1,000,000)")
    parser.add_argument("--profile", action="store_true", help="where the time goes: SQL, Python, cProfile")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="forget the cached clause postings and vocabulary answers before every search (a new word)",
    )
    parser.add_argument("--generate-only", action="store_true", help="generate (and keep) the products, stop")
    args = parser.parse_args()
    rng = random.Random(20261123)
    call_command("migrate", verbosity=0)
    if args.reuse and Product.objects.filter(slug__startswith="bench-").count() == args.n:
        print(f"# reusing {args.n} bench products", file=sys.stderr)
    else:
        cleanup()
        t0 = time.perf_counter()
        with transaction.atomic():
            generate(args.n, rng)
        print(f"# generated {args.n} products in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    if args.generate_only:
        return
    if not (args.reuse and args.no_rebuild):
        rss_before = peak_rss_mb()
        t0 = time.perf_counter()
        services.rebuild_index(services.database_backend())
        print(
            f"# our index built in {time.perf_counter() - t0:.0f}s, peak RSS {rss_before:.0f} MB before, "
            f"{peak_rss_mb():.0f} MB after",
            file=sys.stderr,
        )

    backend = services.database_backend()
    rng = random.Random(20261202)  # the query mix's own seed: the same filters with or without --reuse
    facet_runs = [
        SearchQuery(text=q, filters={"region": [rng.choice(REGIONS)], "moq": [rng.choice(["1-10", "11-50"])]})
        for q in TEXT_QUERIES
    ]
    filter_runs = [
        SearchQuery(
            filters={
                "region": [rng.choice(REGIONS)],
                "lead_time": [rng.choice(["15-30", "31-60"])],
                "women_led": ["yes"],
            }
        )
        for _ in TEXT_QUERIES
    ]
    text_runs = [SearchQuery(text=q) for q in TEXT_QUERIES]
    typo_runs = [SearchQuery(text=q) for q in TYPO_QUERIES]
    rounds = args.rounds
    # Building 100,000 documents leaves millions of objects behind; their garbage collection pauses would
    # land in random searches (a server process answering searches has none of them).
    gc.collect()
    gc.freeze()
    # Warm-up, untimed: this process loads the facet bitmaps once after the rebuild, caches fill.
    for run in text_runs + facet_runs + filter_runs + typo_runs:
        backend.search(run)
    if args.profile:
        profile(backend, {"text": text_runs, "text+facets": facet_runs, "typo": typo_runs}, rounds)
        return
    search = cold(backend) if args.cold else backend.search
    kinds = {
        "text": (search, text_runs),
        "text+facets": (search, facet_runs),
        "filters": (search, filter_runs),
        "typo": (search, typo_runs),
        "suggest": (backend.suggest, SUGGEST_PREFIXES),
    }
    results = {}
    for kind, (fn, runs) in kinds.items():
        results[kind] = timed(fn, runs * rounds)
        p50, p95 = results[kind]
        print(f"{kind} p50_ms={p50:.1f} p95_ms={p95:.1f} cpu_p50_ms={timed.cpu_p50:.1f}")
    cache = database_postings.cached()
    if cache is not None:
        print(
            f"# postings cache: {len(cache.postings)} clauses, {cache.bytes / 2**20:.0f} MB "
            f"(SEARCH_POSTINGS_CACHE_MB={settings.SEARCH_POSTINGS_CACHE_MB}), "
            f"peak RSS {peak_rss_mb():.0f} MB",
            file=sys.stderr,
        )

    if args.no_wagtail:
        if not args.keep:
            cleanup()
        return

    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    # Wagtail adds this relation to indexed models when apps load; our proxy is defined later, so add it here.
    TextIDGenericRelation(IndexEntry).contribute_to_class(BenchProduct, "index_entries")
    wagtail = get_search_backend("default")
    wagtail_index_obj = wagtail.get_index_for_model(BenchProduct)
    queryset = BenchProduct.objects.filter(slug__startswith="bench-").order_by("pk")
    t0 = time.perf_counter()
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        wagtail_index_obj.add_items(
            BenchProduct, list(BenchProduct.objects.filter(pk__in=ids[start : start + 2000]))
        )
    print(f"# wagtail index built in {time.perf_counter() - t0:.0f}s", file=sys.stderr)

    def wagtail_search(text):
        list(wagtail.search(text, BenchProduct.objects.all())[:20])

    gc.collect()
    gc.freeze()
    for text in TEXT_QUERIES:  # the same warm-up for Wagtail's search
        wagtail_search(text)

    _w50, w95 = timed(wagtail_search, TEXT_QUERIES * rounds)
    print(f"# wagtail text p50_ms={_w50:.1f} p95_ms={w95:.1f}", file=sys.stderr)
    print(f"ratio_vs_wagtail_p95={results['text'][1] / w95:.2f}")

    if not args.keep:
        cleanup()


def cold(backend):
    """backend.search as the first search of each of its words in an index generation: the clause postings
    (search.backends.database_postings) and the vocabulary memo are forgotten first, so every clause is
    read from the database again (the facet bitmaps and per-product arrays stay: they are read once per
    generation whatever the query)."""

    def search(query):
        database_postings.clear(keep_documents=True)
        backend.dialect.memo.forget()
        return backend.search(query)

    return search


def profile(backend, kinds, rounds):
    """Per kind: wall time split into SQL statements (by their first words) and Python, then the top of
    cProfile's cumulative listing over every kind."""
    import cProfile
    import pstats
    from collections import defaultdict

    from django.db import connection

    sql_ms = defaultdict(float)

    def timing(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_ms[" ".join(sql.split()[:6])[:70]] += (time.perf_counter() - start) * 1000

    profiler = cProfile.Profile()
    for kind, runs in kinds.items():
        sql_ms.clear()
        start = time.perf_counter()
        with connection.execute_wrapper(timing):
            profiler.enable()
            for run in runs * rounds:
                backend.search(run)
            profiler.disable()
        count = len(runs) * rounds
        wall = (time.perf_counter() - start) * 1000 / count
        sql = sum(sql_ms.values()) / count
        print(f"{kind}: {wall:.1f} ms per search, SQL {sql:.1f} ms, Python {wall - sql:.1f} ms")
        for statement, ms in sorted(sql_ms.items(), key=lambda item: -item[1]):
            print(f"    {ms / count:6.1f} ms  {statement}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    per_query = {}
    for run in next(iter(kinds.values())):
        samples = []
        for _round in range(rounds):
            start = time.perf_counter()
            backend.search(run)
            samples.append((time.perf_counter() - start) * 1000)
        per_query[run.text] = statistics.median(samples)
    for text, ms in sorted(per_query.items(), key=lambda item: -item[1]):
        print(f"{ms:6.1f} ms  {text}")


def peak_rss_mb():
    """This process's peak resident memory so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cleanup():
    """Remove earlier bench rows (products, suppliers, their index entries in both engines)."""
    from wagtail.search.models import IndexEntry

    with transaction.atomic():
        bench_ids = list(Product.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
        services.database_backend().remove(bench_ids)
        for start in range(0, len(bench_ids), 5000):
            chunk = bench_ids[start : start + 5000]
            IndexEntry.objects.filter(object_id__in=[str(i) for i in chunk]).delete()
            Product.objects.filter(pk__in=chunk).delete()
        Supplier.objects.filter(slug__startswith="bench-supplier-").delete()


if __name__ == "__main__":
    assert models  # keep the import for proxy-model registration readability
    main()
