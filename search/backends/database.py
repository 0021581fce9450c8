"""The embedded backend: SQLite FTS5 or PostgreSQL full-text search, with facets counted on bitmaps.

Matching works the way buyers expect of a shop's search box:
1. Query words that no product holds ("8", "inch", a misspelling with no close word) are left out: they can
   only empty the page. Unknown words of four letters or more are first replaced by close indexed words.
2. If at least RELAX_BELOW products match every remaining clause (a word, its synonyms and its spelling
   fixes), those are the results, ranked by the engine (bm25 / ts_rank: title first, then category,
   materials, description; on PostgreSQL each clause's ts_rank is weighted by its rarity, as bm25 does),
   with a small boost for verified suppliers.
3. Otherwise the query is loose: each product matching any clause weighs the rarity (idf) of the clauses it
   matches (the clause naming the product, search.text.head_word, counts double), and the best are kept:
   the highest weight that still gives RELAX_BELOW products, best first.
   A long query thus returns its best partial matches, never an empty page while relevant products exist.
The matched set ignores the chosen facets, so each facet's counts are what a click on it gives. Facets are
counted on bitmaps (search.bitmaps); one SQL statement reads the matches once and returns both the matched
set and the ranked page of hits.
"""

import json
import math
from dataclasses import dataclass

from django.db import connection

from .. import bitmaps
from ..models import SearchEntry, SearchTerm
from ..query import FACETS, RELAX_BELOW, FacetCount, SearchQuery, SearchResult
from ..text import Clause, clauses_for, head_clause_index, is_typo_of, meaningful_words, words
from .base import SearchBackend
from .database_index import IndexWriter
from .database_sql import dialect_for

VERIFIED_BOOST = 0.15  # rank * (1 + boost * verification rank)
MIN_TYPO_LENGTH = 4  # shorter words are too ambiguous to "correct"
BROWSE_BY_IDS = 300  # browsing with filters this selective reads the products by id
HEAD_WEIGHT = 2.0  # partial matches: the word naming the product counts double (search.text.head_word)

ORDERS = {
    "relevance": "cover DESC, score DESC, published_at DESC, product_id DESC",
    "newest": "published_at DESC, product_id DESC",
    "lead_time": "lead_time_days ASC, cover DESC, score DESC, product_id DESC",
    "price": "qprice ASC NULLS LAST, product_id DESC",
}


@dataclass
class TextPlan:
    """How a query's text will match: the clauses that can match, their idf weights, strict or loose."""

    clauses: list[Clause]
    weights: list[float]
    strict: bool
    corrections: dict[str, list[str]]
    ignored_words: list[str]


def idf(docs, total):
    return math.log(1 + (max(total, docs) - docs + 0.5) / (docs + 0.5))


class DatabaseBackend(SearchBackend):
    name = "database"

    @property
    def vendor(self):
        return connection.vendor

    @property
    def dialect(self):
        return dialect_for(self.vendor)

    # --- writing (search.backends.database_index) ----------------------------------------------------

    def index(self, documents) -> None:
        IndexWriter(self.vendor).write([], documents)

    def remove(self, ids) -> None:
        IndexWriter(self.vendor).write(ids, [])

    def clear(self) -> None:
        IndexWriter(self.vendor).clear()

    def rebuild(self, batches, total: int, progress=None) -> int:
        return IndexWriter(self.vendor).rebuild(batches, progress=progress)

    def status(self) -> dict:
        return {
            "backend": f"database ({self.vendor})",
            "documents": SearchEntry.objects.count(),
            "terms": SearchTerm.objects.count(),
        }

    # --- reading -------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        facet_bits = bitmaps.current()
        plan = None
        with connection.cursor() as cursor:
            if query.text:
                plan = self.plan(cursor, query.text, facet_bits.all.bit_count())
                matched, ids = self._text_search(cursor, query, plan, facet_bits) if plan.clauses else (0, [])
                if len(plan.clauses) > 1 and matched.bit_count() < RELAX_BELOW:
                    # Too few products hold every clause: search again for the best partial matches.
                    plan.strict = False
                    matched, ids = self._text_search(cursor, query, plan, facet_bits)
            else:
                matched, ids = facet_bits.all, self._browse(cursor, query, facet_bits)
        counts = facet_bits.counts(matched, query.filters, query.facets) if query.facets else {}
        return SearchResult(
            ids=ids,
            total=facet_bits.narrow(matched, query.filters).bit_count(),
            facets={
                name: [FacetCount(value=value, count=count) for value, count in counts[name]]
                for name in FACETS
                if name in counts
            },
            backend=self.name,
            corrections=plan.corrections if plan else {},
            ignored_words=plan.ignored_words if plan else [],
            partial=bool(plan and not plan.strict),
        )

    def plan(self, cursor, text, total_docs) -> TextPlan:
        dialect = self.dialect
        tokens = meaningful_words(text)
        # Every word the query may use, synonyms included, in one lookup.
        candidates = {word for clause in clauses_for(text) for alt in clause.alternatives for word in alt}
        frequency = dialect.word_frequencies(cursor, sorted(candidates | set(tokens)))
        corrections = {}
        for word in tokens:
            if not frequency.get(word) and len(word) >= MIN_TYPO_LENGTH and not word.isdigit():
                found = [close for close in dialect.close_words(cursor, word) if is_typo_of(word, close)][:2]
                if found:
                    corrections[word] = found
        fixes = sorted({fix for found in corrections.values() for fix in found} - set(frequency))
        if fixes:
            frequency.update(dialect.word_frequencies(cursor, fixes))
        corrections = {word: [f for f in found if frequency.get(f)] for word, found in corrections.items()}
        corrections = {word: found for word, found in corrections.items() if found}
        clauses, weights, ignored = [], [], []
        for clause in clauses_for(text, corrections):
            docs = sum(min(frequency.get(word, 0) for word in alt) for alt in clause.alternatives)
            if docs > 0:
                clauses.append(clause)
                weights.append(idf(min(docs, total_docs), total_docs))
            else:
                ignored.append(" ".join(clause.alternatives[0]))
        head = head_clause_index(text, clauses)
        if head is not None:
            weights[head] *= HEAD_WEIGHT
        return TextPlan(
            clauses=clauses, weights=weights, strict=True, corrections=corrections, ignored_words=ignored
        )

    def _text_search(self, cursor, query: SearchQuery, plan: TextPlan, facet_bits):
        """(matched bitmap, ids of the page) in one statement over the matches."""
        dialect = self.dialect
        source, source_params, rank, rank_params = dialect.source(
            plan.clauses, "&" if plan.strict else "|", plan.weights
        )
        cover, cover_params = "1", []
        if not plan.strict:
            parts = []
            for clause, weight in zip(plan.clauses, plan.weights, strict=True):
                test, params = dialect.clause_test(clause)
                parts.append(f"CASE WHEN {test} THEN {weight:.6f} ELSE 0 END")
                cover_params += params
            cover = " + ".join(parts)
        ok, ok_params = self._filters_sql(query.filters, facet_bits)
        qprice, qprice_params = self._price_sql(query, "m")
        order = ORDERS[query.sort]
        if plan.strict:
            floor, kept, floor_params = "", "1=1", []
        else:
            # The highest coverage weight that still keeps RELAX_BELOW products: the best partial matches.
            floor = (
                ", floor AS (SELECT COALESCE(MAX(c), 0) AS v FROM (SELECT cover AS c, "
                "SUM(COUNT(*)) OVER (ORDER BY cover DESC) AS cum FROM m GROUP BY cover) h WHERE cum >= %s)"
            )
            kept, floor_params = "cover >= (SELECT v FROM floor)", [RELAX_BELOW]
        # Only the columns the chosen order reads: every match is written once into the CTE.
        extra = {"lead_time": "e.lead_time_days, ", "price": "e.price_usd, e.moq, "}.get(query.sort, "")
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.product_id, e.published_at, {extra}{cover} AS cover, "
            f"CASE WHEN {ok} THEN ({rank}) * (1 + {VERIFIED_BOOST} * e.verification_rank) END AS score "
            f"FROM {source}){floor} "
            f"{dialect.bits_select('m', kept)} UNION ALL "
            f"SELECT 1, ROW_NUMBER() OVER (ORDER BY {order}), product_id FROM (SELECT * FROM "
            f"(SELECT m.*, {qprice} AS qprice FROM m WHERE score IS NOT NULL AND {kept}) p "
            f"ORDER BY {order} LIMIT %s OFFSET %s) h"
        )
        cursor.execute(
            sql,
            cover_params
            + ok_params
            + rank_params
            + source_params
            + floor_params
            + qprice_params
            + [query.page_size, query.offset],
        )
        rows = cursor.fetchall()
        matched_rows = [(a, b) for part, a, b in rows if part == 0]
        if dialect.bits_are_words:
            matched = bitmaps.from_words(matched_rows)
        else:
            matched = bitmaps.from_ids(a for a, _b in matched_rows)
        hits = sorted((position, product_id) for part, position, product_id in rows if part == 1)
        return matched, [product_id for _position, product_id in hits]

    def _browse(self, cursor, query: SearchQuery, facet_bits) -> list[int]:
        """The page of hits without text: filters and sort only (relevance means newest first here)."""
        chosen = facet_bits.narrow(facet_bits.all, query.filters)
        if query.filters and chosen.bit_count() <= BROWSE_BY_IDS:
            # Few products pass: fetch them by key rather than walk the sort order looking for them.
            ok, ok_params = self._ids_sql(bitmaps.ids_of(chosen))
        else:
            ok, ok_params = self._filters_sql(query.filters, facet_bits)
        qprice, qprice_params = self._price_sql(query, "e")
        order = ORDERS["newest" if query.sort == "relevance" else query.sort]
        cursor.execute(
            "SELECT product_id FROM (SELECT e.product_id, e.published_at, e.lead_time_days, 1 AS cover, "
            f"0 AS score, {qprice} AS qprice FROM product_search_entry e WHERE {ok}) h "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            qprice_params + ok_params + [query.page_size, query.offset],
        )
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _price_sql(query: SearchQuery, alias):
        """The unit price (USD) a sort by price uses: at the buyer's quantity when given (no price below the
        MOQ), else the lowest tier. NULL when not sorting by price."""
        if query.sort != "price":
            return "NULL", []
        if not query.quantity:
            return f"{alias}.price_usd", []
        return (
            f"CASE WHEN {alias}.moq <= %s THEN (SELECT p.unit_price_usd FROM product_search_price p "
            f"WHERE p.entry_id = {alias}.product_id AND p.min_quantity <= %s "
            "ORDER BY p.min_quantity DESC LIMIT 1) END",
            [query.quantity, query.quantity],
        )

    def _filters_sql(self, filters, facet_bits):
        """SQL true when the entry (alias e) passes every chosen filter: OR within a facet, AND across.

        PostgreSQL reads one bit of the chosen products' bitmap, sent as a bytea; SQLite reads the JSON keys.
        """
        if not filters:
            return "1=1", []
        if self.vendor == "postgresql":
            chosen = facet_bits.narrow(facet_bits.all, filters)
            return (
                "CASE WHEN e.product_id < %s THEN get_bit(%s::bytea, e.product_id) = 1 ELSE false END",
                [chosen.bit_length(), bitmaps.to_bytes(chosen)],
            )
        sql, params = [], []
        for name, values in sorted(filters.items()):
            marks = ",".join(["%s"] * len(values))
            sql.append(f"EXISTS (SELECT 1 FROM json_each(e.facet_keys) jf WHERE jf.value IN ({marks}))")
            params += [f"{name}:{value}" for value in values]
        return " AND ".join(sql), params

    def _ids_sql(self, ids):
        if self.vendor == "postgresql":
            return "e.product_id = ANY(%s)", [ids]
        return "e.product_id IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]

    def suggest(self, text: str, limit: int = 6) -> list[int]:
        typed = words(text)
        if not typed:
            return []
        with connection.cursor() as cursor:
            return self.dialect.suggest(cursor, typed, limit)
