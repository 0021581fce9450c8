"""Offline relevance harness (issue 21): our search against a judged file, on any backend.

    # the demo at ten times its size, in a fresh database (SQLite here; PostgreSQL with DATABASE_URL=...)
    export DATABASE_URL=sqlite:////tmp/demo3000.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo --products 3000
    .venv/bin/python bench/relevance.py                          # database backend (SQLite or PostgreSQL)
    .venv/bin/python bench/relevance.py --backend elasticsearch  # ELASTICSEARCH_URL, or a noida-db stand-in

Reads a judged TSV (query, product reference, grade 0-3; default bench/relevance/judged.tsv, made by
bench/relevance/judge.py under the rules of bench/relevance/RULES.md; a product reference is its slug),
runs every query through our public interface, `search_products(SearchQuery(text=q, page_size=100))`, and
prints per query group (bench/relevance/queries.py) and overall: nDCG@10, recall@100 and the share of
queries with nothing relevant in the top 10 ("relevant": grade 2 or more, --relevant-grade), then the
worst queries with their first results.

With --backend elasticsearch and no ELASTICSEARCH_URL, a noida-db stand-in is started on a free loopback
port (the search tests' own tests/search/elasticsearch_standin.py) and stopped at the end; the products
are indexed into it first (into a fresh alias `relevance-<pid>` also with ELASTICSEARCH_URL). The database
backend uses the index as `load_demo` left it (--rebuild to rebuild it first). A search that falls back to
the database (Elasticsearch unavailable) stops the run: its figures would carry the wrong name.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project first: bench/search.py is not the search app

from bench.relevance.metrics import (  # noqa: E402
    RELEVANT_GRADE,
    ndcg_at,
    none_relevant_at,
    read_judgements,
    recall_at,
    relevant,
)
from bench.relevance.queries import GROUPS, QUERIES  # noqa: E402

K_NDCG, K_RECALL, K_NONE = 10, 100, 10


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["database", "elasticsearch"], default="database")
    parser.add_argument("--judged", default=str(ROOT / "bench" / "relevance" / "judged.tsv"))
    parser.add_argument("--relevant-grade", type=int, default=RELEVANT_GRADE, choices=[1, 2, 3])
    parser.add_argument("--worst", type=int, default=10, help="how many of the worst queries to show")
    parser.add_argument("--rebuild", action="store_true", help="database backend: rebuild the index first")
    return parser.parse_args()


def standin_or_configured(backend):
    """A context giving the Elasticsearch URL to use, or None for the database backend."""
    if backend != "elasticsearch":
        return nullcontext(None)
    if os.environ.get("ELASTICSEARCH_URL"):
        return nullcontext(os.environ["ELASTICSEARCH_URL"])
    from tests.search.elasticsearch_standin import running_standin

    return running_standin()


def setup_django(backend, url):
    """Settings read the backend from the environment (marketplace/settings.py): set it, then start Django."""
    os.environ["SEARCH_BACKEND"] = backend
    if url:
        os.environ["ELASTICSEARCH_URL"] = url
        os.environ["ELASTICSEARCH_INDEX"] = f"relevance-{os.getpid()}"
        os.environ.setdefault("ELASTICSEARCH_TIMEOUT", "30")  # a busy machine: measure, do not fall back
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    import django

    django.setup()
    # The Elasticsearch client logs every request at INFO: hundreds of lines between the figures.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)


def run_queries(judgements, backend):
    """{query: (ranked references, total, milliseconds)} through search_products, in the file's order."""
    from catalog.models import Product
    from search.query import SearchQuery
    from search.services import search_products

    runs = {}
    for text in judgements:
        started = time.perf_counter()
        result = search_products(SearchQuery(text=text, page_size=K_RECALL))
        elapsed = (time.perf_counter() - started) * 1000
        if result.backend != backend:
            raise SystemExit(f"{text!r} was answered by {result.backend!r}, not {backend!r}: stopping.")
        slugs = dict(Product.objects.filter(pk__in=result.ids).values_list("pk", "slug"))
        runs[text] = ([slugs[i] for i in result.ids if i in slugs], result.total, elapsed)
    return runs


def scores(judgements, runs, relevant_grade):
    """[(group, query, ndcg, recall, none, total, ranked)] for the queries with something relevant."""
    group_of = {q.text: q.group for q in QUERIES}
    rows = []
    for text, judged in judgements.items():
        if not relevant(judged, relevant_grade):
            print(f"skipped {text!r}: nothing judged {relevant_grade} or more", file=sys.stderr)
            continue
        ranked, total, _ms = runs[text]
        rows.append(
            (
                group_of.get(text, "other"),
                text,
                ndcg_at(ranked, judged, K_NDCG),
                recall_at(ranked, judged, K_RECALL, relevant_grade),
                none_relevant_at(ranked, judged, K_NONE, relevant_grade),
                total,
                ranked,
            )
        )
    return rows


def summary_line(name, rows):
    n = len(rows)
    ndcg = sum(r[2] for r in rows) / n
    recall = sum(r[3] for r in rows) / n
    none = sum(r[4] for r in rows) / n
    return f"| {name} | {n} | {ndcg:.3f} | {recall:.3f} | {none:.1%} |"


def report(rows, runs, judgements, args, connection_vendor):
    median_ms = statistics.median(ms for _ranked, _total, ms in runs.values())
    print(
        f"backend {args.backend} on {connection_vendor}, {len(rows)} queries, "
        f"relevant = grade {args.relevant_grade}+, median search {median_ms:.1f} ms"
    )
    print()
    print(f"| group | queries | nDCG@{K_NDCG} | recall@{K_RECALL} | none@{K_NONE} |")
    print("|---|---|---|---|---|")
    order = [g for g in GROUPS if any(r[0] == g for r in rows)]
    order += sorted({r[0] for r in rows} - set(order))
    for group in order:
        print(summary_line(group, [r for r in rows if r[0] == group]))
    print(summary_line("**all**", rows))
    print()
    print(
        f"worst {args.worst} by nDCG@{K_NDCG} (then recall): query [group] nDCG recall results: first three"
    )
    for group, text, ndcg, recall, _none, total, ranked in sorted(rows, key=lambda r: (r[2], r[3]))[
        : args.worst
    ]:
        judged = judgements[text]
        first = ", ".join(f"{ref} ({judged.get(ref, 0)})" for ref in ranked[:3]) or "nothing"
        print(f"- {text!r} [{group}] {ndcg:.2f} {recall:.2f} {total}: {first}")


def main():
    args = parse_args()
    judgements = read_judgements(args.judged)
    with standin_or_configured(args.backend) as url:
        setup_django(args.backend, url)
        from django.db import connection

        from search import services

        if args.backend == "elasticsearch":
            started = time.monotonic()
            count = services.rebuild_index(services.search_backend())
            print(
                f"indexed {count} products into Elasticsearch at {url} in {time.monotonic() - started:.0f} s"
            )
        elif args.rebuild:
            services.rebuild_index(services.database_backend())
        runs = run_queries(judgements, args.backend)
        rows = scores(judgements, runs, args.relevant_grade)
        report(rows, runs, judgements, args, connection.vendor)


if __name__ == "__main__":
    main()
