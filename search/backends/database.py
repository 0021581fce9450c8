"""The embedded backend: SQLite FTS5 or PostgreSQL full-text search, facets counted in SQL.

Matching is OR across the query's clauses (each clause = a word, its synonyms and its spelling fixes),
so a long loose query still returns its best partial matches; ranking (bm25 / ts_rank) puts documents
matching more and rarer words, and words in the title, first. Verified suppliers get a small
multiplicative boost.
"""

import difflib

from django.db import connection, transaction

from ..models import SearchEntry, SearchPrice, SearchTerm
from ..query import FACETS, FacetCount, SearchQuery, SearchResult
from ..text import clauses_for, meaningful_words, words
from .base import SearchBackend

# FTS5 column weights, in the column order of migrations/0002 (title highest, description lowest).
BM25_WEIGHTS = "10.0, 5.0, 3.0, 3.0, 2.0, 1.0"
VERIFIED_BOOST = 0.15  # score * (1 + boost * verification rank)
MIN_TYPO_LENGTH = 4  # shorter words are too ambiguous to "correct"


class DatabaseBackend(SearchBackend):
    name = "database"

    @property
    def vendor(self):
        return connection.vendor

    # --- writing -------------------------------------------------------------------------------------

    def remove(self, ids) -> None:
        ids = [int(i) for i in ids]
        if not ids:
            return
        with transaction.atomic():
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    for chunk in _chunks(ids, 500):
                        marks = ",".join(["%s"] * len(chunk))
                        cursor.execute(f"DELETE FROM product_search_fts WHERE rowid IN ({marks})", chunk)
            for chunk in _chunks(ids, 500):
                SearchPrice.objects.filter(entry_id__in=chunk).delete()
                SearchEntry.objects.filter(product_id__in=chunk).delete()

    def index(self, documents) -> None:
        if not documents:
            return
        with transaction.atomic():
            self.remove([d.id for d in documents])
            self._insert(documents)

    def _insert(self, documents):
        SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    product_id=d.id,
                    title=d.title,
                    category_text=d.category_text,
                    materials_text=d.materials_text,
                    supplier_text=d.supplier_text,
                    clusters_text=d.clusters_text,
                    description=d.description,
                    moq=d.moq,
                    lead_time_days=d.lead_time_days,
                    published_at=d.published_at,
                    verification_rank=d.verification_rank,
                    price_usd=d.price_usd,
                    facet_keys=[f"{n}:{v}" for n, v in d.facets],
                )
                for d in documents
            ],
            batch_size=500,
        )
        SearchPrice.objects.bulk_create(
            [
                SearchPrice(entry_id=d.id, min_quantity=q, unit_price_usd=p)
                for d in documents
                for q, p in d.tiers_usd
            ],
            batch_size=2000,
        )
        vocabulary = {
            w for d in documents for w in words(d.text_words) if 2 < len(w) <= 100 and not w.isdigit()
        }
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w) for w in vocabulary], ignore_conflicts=True, batch_size=2000
        )
        ids = [d.id for d in documents]
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.executemany(
                    "INSERT INTO product_search_fts(rowid, title, category_text, materials_text, "
                    "clusters_text, supplier_text, description) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [
                        (
                            d.id,
                            d.title,
                            d.category_text,
                            d.materials_text,
                            d.clusters_text,
                            d.supplier_text,
                            d.description,
                        )
                        for d in documents
                    ],
                )
            elif self.vendor == "postgresql":
                cursor.execute(
                    "UPDATE product_search_entry SET search_vector = "
                    "setweight(to_tsvector('english', title), 'A') || "
                    "setweight(to_tsvector('english', category_text), 'B') || "
                    "setweight(to_tsvector('english', materials_text || ' ' || clusters_text), 'C') || "
                    "setweight(to_tsvector('english', supplier_text || ' ' || description), 'D') "
                    "WHERE product_id = ANY(%s)",
                    [ids],
                )

    def clear(self) -> None:
        with transaction.atomic():
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM product_search_fts")
            SearchPrice.objects.all().delete()
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()

    def rebuild(self, batches, total: int, progress=None) -> int:
        """Clear and refill inside one transaction, so readers see the old index until the new one commits."""
        count = 0
        with transaction.atomic():
            self.clear()
            for batch in batches:
                self._insert(batch)
                count += len(batch)
                if progress:
                    progress(len(batch))
        return count

    def status(self) -> dict:
        return {
            "backend": f"database ({self.vendor})",
            "documents": SearchEntry.objects.count(),
            "terms": SearchTerm.objects.count(),
        }

    # --- reading -------------------------------------------------------------------------------------

    def corrections(self, text: str) -> dict[str, list[str]]:
        """Close indexed words for each query word the index has never seen ("cushon" -> "cushion")."""
        candidates = [w for w in meaningful_words(text) if len(w) >= MIN_TYPO_LENGTH and not w.isdigit()]
        if not candidates:
            return {}
        known = set(SearchTerm.objects.filter(word__in=candidates).values_list("word", flat=True))
        fixes = {}
        for word in candidates:
            if word in known:
                continue
            found = self._close_words(word)
            if found:
                fixes[word] = found
        return fixes

    def _close_words(self, word):
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT word FROM product_search_term WHERE word %% %s "
                    "ORDER BY similarity(word, %s) DESC, word LIMIT 2",
                    [word, word],
                )
                return [row[0] for row in cursor.fetchall()]
            # SQLite: same first letter, similar length, then difflib picks the close ones.
            cursor.execute(
                "SELECT word FROM product_search_term WHERE word LIKE %s AND length(word) BETWEEN %s AND %s",
                [word[0] + "%", len(word) - 2, len(word) + 2],
            )
            pool = [row[0] for row in cursor.fetchall()]
        return difflib.get_close_matches(word, pool, n=2, cutoff=0.75)

    def _text_sql(self, query: SearchQuery, corrections):
        """(FROM clause, its params, match condition, score expression) for the vendor."""
        clauses = clauses_for(query.text, corrections) if query.text else []
        if not clauses:
            return "product_search_entry e", [], "1=1", "0"
        if self.vendor == "postgresql":
            tsquery = " | ".join(
                "(" + " | ".join(" <-> ".join(alt) for alt in clause.alternatives) + ")" for clause in clauses
            )
            return (
                "product_search_entry e CROSS JOIN to_tsquery('english', %s) AS q",
                [tsquery],
                "e.search_vector @@ q",
                "ts_rank(e.search_vector, q)",
            )
        fts = " OR ".join(
            "(" + " OR ".join('"' + " ".join(alt) + '"' for alt in clause.alternatives) + ")"
            for clause in clauses
        )
        return (
            "product_search_entry e JOIN (SELECT rowid AS id, -bm25(product_search_fts, "
            + BM25_WEIGHTS
            + ") AS score FROM product_search_fts WHERE product_search_fts MATCH %s) m "
            "ON m.id = e.product_id",
            [fts],
            "1=1",
            "m.score",
        )

    def _facet_test(self, name, values):
        """SQL (and params) true when the entry has any of `values` for facet `name` (OR within a facet)."""
        keys = [f"{name}:{value}" for value in values]
        if self.vendor == "postgresql":
            return "(e.facet_keys ?| %s)", [keys]
        marks = ",".join(["%s"] * len(keys))
        return f"EXISTS (SELECT 1 FROM json_each(e.facet_keys) jf WHERE jf.value IN ({marks}))", keys

    def _filters_sql(self, filters):
        sql, params = [], []
        for name, values in sorted(filters.items()):
            test, test_params = self._facet_test(name, values)
            sql.append(test)
            params += test_params
        return sql, params

    def _order_sql(self, query: SearchQuery, score):
        relevance = f"({score}) * (1 + {VERIFIED_BOOST} * e.verification_rank) DESC"
        if query.sort == "newest":
            return "e.published_at DESC, e.product_id DESC", []
        if query.sort == "lead_time":
            return f"e.lead_time_days ASC, {relevance}, e.product_id DESC", []
        if query.sort == "price":
            if query.quantity:
                price = (
                    "(SELECT p.unit_price_usd FROM product_search_price p WHERE p.entry_id = e.product_id "
                    "AND p.min_quantity <= %s AND e.moq <= %s ORDER BY p.min_quantity DESC LIMIT 1)"
                )
                return f"CASE WHEN {price} IS NULL THEN 1 ELSE 0 END, {price} ASC, e.product_id DESC", [
                    query.quantity,
                    query.quantity,
                ] * 2
            return "CASE WHEN e.price_usd IS NULL THEN 1 ELSE 0 END, e.price_usd ASC, e.product_id DESC", []
        return f"{relevance}, e.published_at DESC, e.product_id DESC", []

    def search(self, query: SearchQuery) -> SearchResult:
        corrections = self.corrections(query.text) if query.text else {}
        from_sql, from_params, match, score = self._text_sql(query, corrections)
        filter_sql, filter_params = self._filters_sql(query.filters)
        where = " AND ".join([match, *filter_sql])
        order, order_params = self._order_sql(query, score)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.product_id FROM {from_sql} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                from_params + filter_params + order_params + [query.page_size, query.offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if query.offset == 0 and len(ids) < query.page_size:
                total = len(ids)
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {from_sql} WHERE {where}", from_params + filter_params)
                total = cursor.fetchone()[0]
            facets = self._facets(cursor, query, from_sql, from_params, match) if query.facets else {}
        return SearchResult(ids=ids, total=total, facets=facets, backend=self.name, corrections=corrections)

    def _facets(self, cursor, query, from_sql, from_params, match):
        """Counts per facet value in ONE pass over the matches; a facet's own selection is left out of its
        counts (so the alternatives of an OR-choice show), every other chosen filter applies."""
        chosen = sorted(query.filters)
        tests, params = [], []
        for i, name in enumerate(chosen):
            test, test_params = self._facet_test(name, query.filters[name])
            tests.append(f"{test} AS p{i}")
            params += test_params
        params += from_params  # the SELECT list comes before FROM in the statement
        columns = ", ".join(["e.facet_keys AS keys", *tests])
        # Rows failing two or more chosen filters count for no facet: drop them before unnesting keys.
        passed = " + ".join(f"CASE WHEN p{i} THEN 1 ELSE 0 END" for i in range(len(chosen))) or "0"
        cases, case_params = [], []
        for i, name in enumerate(chosen):
            others = " AND ".join(
                f"p{j} = 1" if self.vendor == "sqlite" else f"p{j}" for j in range(len(chosen)) if j != i
            )
            cases.append(f"WHEN j.value LIKE %s THEN {others or '1=1'}")
            case_params.append(f"{name}:%")
        every = " AND ".join(f"p{j} = 1" if self.vendor == "sqlite" else f"p{j}" for j in range(len(chosen)))
        condition = f"CASE {' '.join(cases)} ELSE {every} END" if chosen else "1=1"
        wanted = [f"{name}:%" for name in query.facets]
        wanted_sql = " OR ".join(["j.value LIKE %s"] * len(wanted))
        unnest = (
            "CROSS JOIN LATERAL jsonb_array_elements_text(s.keys) AS j(value)"
            if self.vendor == "postgresql"
            else "JOIN json_each(s.keys) AS j"
        )
        cursor.execute(
            f"SELECT j.value, COUNT(*) FROM (SELECT {columns} FROM {from_sql} WHERE {match}) s {unnest} "
            f"WHERE ({passed}) >= %s AND ({condition}) AND ({wanted_sql}) GROUP BY j.value",
            params + [max(0, len(chosen) - 1)] + case_params + wanted,
        )
        counts = {name: [] for name in query.facets}
        for key, count in cursor.fetchall():
            name, _sep, value = key.partition(":")
            if name in counts:
                counts[name].append(FacetCount(value=value, count=count))
        return {name: counts[name] for name in FACETS if name in counts}

    def suggest(self, text: str, limit: int = 6) -> list[int]:
        typed = words(text)
        if not typed:
            return []
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                conditions = " AND ".join(["lower(title) LIKE %s"] * len(typed))
                cursor.execute(
                    f"SELECT product_id FROM product_search_entry WHERE {conditions} "
                    "ORDER BY similarity(lower(title), %s) DESC, product_id DESC LIMIT %s",
                    [f"%{w}%" for w in typed] + [" ".join(typed), limit],
                )
            else:
                phrase = " ".join(f'"{w}"' for w in typed[:-1]) + f' "{typed[-1]}"*'
                cursor.execute(
                    "SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH %s "
                    "ORDER BY rank LIMIT %s",
                    [f"title : ({phrase.strip()})", limit],
                )
            return [row[0] for row in cursor.fetchall()]


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
