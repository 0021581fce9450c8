"""The embedded backend: SQLite FTS5 or PostgreSQL full-text search, with facets counted on bitmaps.

Matching works the way buyers expect of a shop's search box:
1. Query words are turned into clauses (search.text): a word with its synonyms (plurals reach their group:
   "rugs" -> rug, carpet), possessives dropped ("ralli's" -> ralli). Then search.compounds rewrites them from
   the indexed vocabulary (SearchTerm): "hand bag" also accepts "handbag", "tablecloth" the phrase "table
   cloth" when some product holds it, "legos" the singular when only that is indexed.
2. Query words that no product holds ("8", "inch", a misspelling with no close word) are left out: they can
   only empty the page. Unknown words of four letters or more are first replaced by close indexed words.
3. The products holding every remaining clause (full matches) come first, ranked by the engine (bm25 /
   ts_rank: title first, then category, materials, description; on PostgreSQL each clause's ts_rank is
   weighted by its rarity and divided by the document's length, as bm25 does: tests/search/
   test_ranking_contract.py holds both to the same orderings), with a small boost for verified suppliers.
4. Then, to the end of the list, the products holding some clauses but not all (partial matches): each
   weighs the rarity (idf) of the clauses it holds (the clause naming the product, search.text.head_word,
   counts double), best first. A second statement reads them; it ranks them only when the page reaches past
   the full matches, and otherwise only counts them. SearchResult.full_match_count says where the full
   matches end; the page says so.
5. Facets count the full matches when at least RELAX_BELOW products hold every clause (the partial ones
   would only blur the counts), otherwise the whole list (SearchResult.facets_of_full_matches).
The matched sets ignore the chosen facets, so each facet's counts are what a click on it gives. Facets are
counted on bitmaps (search.bitmaps).

Sorted by relevance (the search box's order), the matching and ranking of steps 3 and 4 run in memory
(search.backends.database_postings): each clause's products and rank in each are read once per index
generation, and a query combines them and picks its page without sorting the rest. The other sorts, and
an index without a generation, use one SQL statement per group that reads its matches once and returns both
the matched set and the ranked page; both paths give the same order (tests/search/test_ranking_in_memory.py).
"""

import math
from dataclasses import dataclass

from django.db import connection

from .. import bitmaps, compounds
from ..models import SearchEntry, SearchTerm
from ..query import FACETS, RELAX_BELOW, FacetCount, SearchQuery, SearchResult
from ..text import Clause, clauses_for, head_clause_index, is_typo_of, meaningful_words, words
from . import database_postings
from .base import SearchBackend
from .database_index import IndexWriter
from .database_sql import dialect_for

VERIFIED_BOOST = database_postings.VERIFIED_BOOST  # rank * (1 + boost * verification rank)
MIN_TYPO_LENGTH = 4  # shorter words are too ambiguous to "correct"
BROWSE_BY_IDS = 300  # browsing with filters this selective reads the products by id
HEAD_WEIGHT = 2.0  # partial matches: the word naming the product counts double (search.text.head_word)
# A clause's weight is never below this: a partial match's coverage is then always measurably below a full
# match's (a word in every product has an idf near 0), so the two groups never blur.
MIN_WEIGHT = 0.0001

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


def _docs(frequency, alternative) -> int:
    """Products holding an alternative: a phrase's own count when looked up (compound splits), else the
    count of its rarest word."""
    phrase = " ".join(alternative)
    if len(alternative) > 1 and phrase in frequency:
        return frequency[phrase]
    return min(frequency.get(word, 0) for word in alternative)


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
                full, partial, ids = self._text_matches(cursor, query, plan, facet_bits)
            else:
                full, partial, ids = facet_bits.all, 0, self._browse(cursor, query, facet_bits)
        # Facets count the full matches when they are many (the partial ones would only add noise to the
        # counts), else the whole list: see SearchResult.facets_of_full_matches.
        full_facets = full.bit_count() >= RELAX_BELOW or not partial
        counted = full if full_facets else full | partial
        counts = facet_bits.counts(counted, query.filters, query.facets) if query.facets else {}
        full_count = facet_bits.narrow(full, query.filters).bit_count()
        total = full_count + facet_bits.narrow(partial, query.filters).bit_count()
        return SearchResult(
            ids=ids,
            total=total,
            facets={
                name: [FacetCount(value=value, count=count) for value, count in counts[name]]
                for name in FACETS
                if name in counts
            },
            backend=self.name,
            corrections=plan.corrections if plan else {},
            ignored_words=plan.ignored_words if plan else [],
            partial=total > full_count,
            full_match_count=full_count,
            facets_of_full_matches=full_facets,
        )

    def _text_matches(self, cursor, query: SearchQuery, plan: TextPlan, facet_bits):
        """(full matches, partial matches, ids of the page): the products holding every clause first, then
        those holding some, each group in its own statement so the page ranks only the group(s) it shows."""
        if not plan.clauses:
            return 0, 0, []
        if query.sort == "relevance":
            ranked = self._ranked_in_memory(cursor, query, plan, facet_bits)
            if ranked is not None:
                return ranked.full, ranked.partial, ranked.ids
        full, ids = self._text_search(cursor, query, plan, facet_bits, query.offset, query.page_size)
        if len(plan.clauses) == 1:
            return full, 0, ids
        # The page goes on into the partial matches when it ends past the full ones; otherwise the partial
        # matches are only counted (no ranking: LIMIT 0 and a constant rank).
        before = max(0, query.offset - facet_bits.narrow(full, query.filters).bit_count())
        plan.strict = False
        room = query.page_size - len(ids)
        anything, more = self._text_search(cursor, query, plan, facet_bits, before, room)
        plan.strict = True
        return full, anything & ~full, ids + more

    def _ranked_in_memory(self, cursor, query: SearchQuery, plan: TextPlan, facet_bits):
        """The relevance order from each clause's postings, read once per index generation
        (search.backends.database_postings); None when the index has no generation to key them by."""
        dialect = self.dialect
        cache = database_postings.generation(cursor, dialect)
        if cache is None:
            return None
        documents = cache.documents_for(
            lambda: database_postings.documents_from_rows(
                dialect.documents(cursor, None), dialect.nulls_first
            )
        )
        postings = [
            cache.clause(
                clause.alternatives, lambda ids, clause=clause: dialect.clause_postings(cursor, clause, ids)
            )
            for clause in plan.clauses
        ]
        scale = plan.weights if dialect.weighs_rarity else [1.0] * len(plan.clauses)
        allowed = facet_bits.narrow(facet_bits.all, query.filters) if query.filters else None
        return database_postings.rank(
            documents, postings, plan.weights, scale, allowed, query.offset, query.page_size
        )

    def plan(self, cursor, text, total_docs) -> TextPlan:
        dialect = self.dialect
        tokens = meaningful_words(text)
        base = clauses_for(text)
        # Compound words and plurals from the vocabulary (search.compounds): "hand bag" also accepts
        # "handbag", "tablecloth" the phrase "table cloth" when some product holds it.
        terms = compounds.known_words(base, dialect.memo.answers())
        phrases = [
            " ".join(pair)
            for clause in base
            for pair in compounds.split_candidates(compounds.single_word(clause) or "")
            if pair[0] in terms and pair[1] in terms
        ]
        held = dialect.phrase_frequencies(cursor, phrases) if phrases else {}

        def rewrite(clauses):
            return compounds.rewrite(clauses, terms.__contains__, lambda pair: held.get(" ".join(pair)))

        rewritten = rewrite(base)
        grown = {compounds.single_word(b) for b, r in zip(base, rewritten, strict=True) if r != b}
        # Every word the query may use, synonyms included, in one lookup.
        candidates = {word for clause in rewritten for alt in clause.alternatives for word in alt}
        frequency = dialect.word_frequencies(cursor, sorted(candidates | set(tokens)))
        frequency.update(held)
        corrections = {}
        for word in tokens:
            if word in grown:
                continue  # a compound or singular some product holds: no typo to fix
            if not frequency.get(word) and len(word) >= MIN_TYPO_LENGTH and not word.isdigit():
                found = [close for close in dialect.close_words(cursor, word) if is_typo_of(word, close)][:2]
                if found:
                    corrections[word] = found
        fixes = sorted({fix for found in corrections.values() for fix in found} - set(frequency))
        if fixes:
            frequency.update(dialect.word_frequencies(cursor, fixes))
        corrections = {word: [f for f in found if frequency.get(f)] for word, found in corrections.items()}
        corrections = {word: found for word, found in corrections.items() if found}
        if corrections:
            rewritten = rewrite(clauses_for(text, corrections))
        clauses, weights, ignored = [], [], []
        for clause in rewritten:
            # As Lucene's synonym query (and so Elasticsearch) does: a clause is as rare as its most common
            # alternative. A sum would count twice the many products saying both "rug" and "carpet".
            docs = max(_docs(frequency, alt) for alt in clause.alternatives)
            if docs > 0:
                clauses.append(clause)
                weights.append(max(round(idf(min(docs, total_docs), total_docs), 6), MIN_WEIGHT))
            else:
                ignored.append(" ".join(clause.alternatives[0]))
        head = head_clause_index(text, clauses)
        if head is not None:
            weights[head] *= HEAD_WEIGHT
        return TextPlan(
            clauses=clauses, weights=weights, strict=True, corrections=corrections, ignored_words=ignored
        )

    def _text_search(self, cursor, query: SearchQuery, plan: TextPlan, facet_bits, offset, limit):
        """(matched bitmap, ids of the page) in one statement over the matches.

        Strict: the products holding every clause. Loose: those holding any (the bitmap) and, for the page,
        those holding some but not all, best coverage first."""
        dialect = self.dialect
        ranked = plan.strict or limit > 0
        source, source_params, rank, rank_params = dialect.source(
            plan.clauses, "&" if plan.strict else "|", plan.weights if ranked else None
        )
        cover, cover_params, kept = "1", [], "1=1"
        if not plan.strict and ranked:
            parts = []
            for clause, weight in zip(plan.clauses, plan.weights, strict=True):
                test, params = dialect.clause_test(clause)
                parts.append(f"CASE WHEN {test} THEN {weight:.6f} ELSE 0 END")
                cover_params += params
            cover = " + ".join(parts)
            # The same sum of the same rounded weights: a full match's cover is exactly this, minus a hair.
            kept = f"cover < {sum(plan.weights) - 1e-6:.6f}"
        elif not ranked:
            rank, rank_params = "0", []
        ok, ok_params = self._filters_sql(query.filters, facet_bits)
        qprice, qprice_params = self._price_sql(query, "m")
        order = ORDERS[query.sort]
        # Only the columns the chosen order reads: every match is written once into the CTE.
        extra = {"lead_time": "e.lead_time_days, ", "price": "e.price_usd, e.moq, "}.get(query.sort, "")
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.product_id, e.published_at, {extra}{cover} AS cover, "
            f"CASE WHEN {ok} THEN ({rank}) * (1 + {VERIFIED_BOOST} * e.verification_rank) END AS score "
            f"FROM {source}) "
            f"{dialect.bits_select('m', '1=1')} UNION ALL "
            f"SELECT 1, ROW_NUMBER() OVER (ORDER BY {order}), product_id FROM (SELECT * FROM "
            f"(SELECT m.*, {qprice} AS qprice FROM m WHERE score IS NOT NULL AND {kept}) p "
            f"ORDER BY {order} LIMIT %s OFFSET %s) h"
        )
        cursor.execute(
            sql,
            cover_params + ok_params + rank_params + source_params + qprice_params + [limit, offset],
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
        return self.dialect.ids_condition("e.product_id", ids)

    def suggest(self, text: str, limit: int = 6) -> list[int]:
        typed = words(text)
        if not typed:
            return []
        with connection.cursor() as cursor:
            return self.dialect.suggest(cursor, typed, limit)
