"""The ranking contract: orderings a BM25-style ranking gives on a small fixed catalog, held by every engine.

The same cases run on the database backend (SQLite FTS5's bm25, or PostgreSQL's ts_rank weighted by each
clause's idf, with the same field weights and length normalisation: whichever DATABASE_URL points at; CI
runs the suite on both, and the PostgreSQL run is pinned by the postgres-marked test below) and on
Elasticsearch (the noida-db stand-in, or ELASTICSEARCH_URL). Each case is built so that the tie-break
(newest, then the highest id) would give the other order: only the ranking itself puts the first one first.
"""

import pytest
from django.utils import timezone

from search.query import SearchQuery
from search.services import search_products

from .factories import category, product

pytestmark = pytest.mark.django_db


def build_catalog():
    """Products created in pairs, the one that must rank first always created first (lower id), all
    published at the same instant, in one category whose name holds no query word."""
    now = timezone.now()
    shelf = category("Homeware")

    def make(title, description):
        return product(title, description, shelf, published_at=now)

    # Filler so that "brass" is a common word and "tray", "teapot", "lantern" rare ones.
    for thing in ("candle stand", "door knocker", "bell", "bowl", "hinge", "bangle"):
        make(f"Brass {thing}", f"Cast brass {thing}, polished.")
    return {
        # Field weight: the word in the title beats the word in the description.
        "teapot_title": make("Copper teapot", "Hammered copper, tin lined."),
        "teapot_description": make("Copper kettle", "Hammered copper, pairs with a teapot."),
        # Rarity (idf): both hold both words; the rare word in the title beats the common one.
        "tray_title": make("Engraved serving tray", "Solid brass, engraved by hand."),
        "brass_title": make("Engraved brass plate", "Sold with a matching brass tray."),
        # Length normalisation: the same words, in a short title and in a long one.
        "short": make("Onyx coaster", "Polished stone."),
        "long": make(
            "Onyx coaster with carved rim, felt backing, gift box and a matching stand for the table",
            "Polished stone.",
        ),
        # Frequency: the word in title and description beats the word in the title only.
        "lantern_twice": make("Camel skin lantern", "A lantern painted by hand."),
        "lantern_once": make("Camel skin lantern", "Painted by hand in Multan."),
    }


# query -> (must rank higher, must rank lower)
CASES = {
    "field weight": ("teapot", "teapot_title", "teapot_description"),
    "rarity": ("brass tray", "tray_title", "brass_title"),
    "length": ("onyx coaster", "short", "long"),
    "frequency": ("lantern", "lantern_twice", "lantern_once"),
}


def broken_cases(items):
    broken = {}
    for name, (text, higher, lower) in CASES.items():
        found = search_products(SearchQuery(text=text, page_size=100)).ids
        if found.index(items[higher].pk) > found.index(items[lower].pk):
            broken[name] = (text, higher, lower)
    return broken


def test_every_backend_ranks_the_contract_catalog_alike(backend_name, reindex):
    items = build_catalog()
    reindex()

    assert broken_cases(items) == {}


@pytest.mark.postgres
def test_postgresql_full_text_ranks_the_contract_catalog_alike(on_postgres, settings, reindex):
    settings.SEARCH_BACKEND = "database"
    items = build_catalog()
    reindex()

    assert broken_cases(items) == {}
