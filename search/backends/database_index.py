"""Writing the database backend's index: entries, the vendor's full-text rows, facet bitmaps, word counts.

Every write runs in one transaction that first locks the index state row (search.bitmaps.touch_state): so
concurrent writers take turns, readers see the whole change or none of it, and each process learns from the
new token that its cached bitmaps are stale, and from the change log (SearchChange) which products to read
again for the postings it keeps (search.backends.database_postings). On PostgreSQL the tsvector is computed
in the INSERT itself (an UPDATE afterwards would leave a dead copy of every row behind) and lexeme counts are
kept exact.
"""

from django.db import connection, transaction

from .. import bitmaps
from ..models import SearchBitmap, SearchChange, SearchEntry, SearchLexeme, SearchPrice, SearchTerm
from ..text import words

# The change log keeps this many rows: a process further behind reads everything again.
KEEP_CHANGES = 20_000

ENTRY_COLUMNS = [
    "product_id",
    "title",
    "moq",
    "lead_time_days",
    "published_at",
    "verification_rank",
    "price_usd",
    "facet_keys",
]
POSTGRES_VECTOR = (
    "setweight(to_tsvector('english', %s), 'A') || setweight(to_tsvector('english', %s), 'B') || "
    "setweight(to_tsvector('english', %s), 'C') || setweight(to_tsvector('english', %s), 'D')"
)
# Lexeme counts of some entries, for adding (after insert) or subtracting (before delete).
POSTGRES_LEXEMES = (
    "SELECT lexeme, COUNT(*) FROM product_search_entry, unnest(tsvector_to_array(search_vector)) AS lexeme "
    "WHERE product_id = ANY(%s) GROUP BY lexeme ORDER BY lexeme"
)


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _facet_keys(document):
    return [f"{name}:{value}" for name, value in document.facets]


class IndexWriter:
    def __init__(self, vendor):
        self.vendor = vendor

    def write(self, remove_ids, documents) -> None:
        """Replace the entries of `remove_ids` and of `documents` by `documents` (idempotent)."""
        ids = sorted({int(i) for i in remove_ids} | {d.id for d in documents})
        if not ids:
            return
        with transaction.atomic():
            bitmaps.touch_state()
            log_changes(ids)
            old_keys = dict(
                SearchEntry.objects.filter(product_id__in=ids).values_list("product_id", "facet_keys")
            )
            self._update_bitmaps(ids, old_keys, documents)
            present = sorted(old_keys)
            if self.vendor == "postgresql" and present:
                self._count_lexemes(present, -1)
            self._delete(present)
            self._insert(documents)
            if self.vendor == "postgresql" and documents:
                self._count_lexemes([d.id for d in documents], +1)

    def _update_bitmaps(self, ids, old_keys, documents):
        new_ids = {}
        for document in documents:
            for key in [bitmaps.ALL, *_facet_keys(document)]:
                new_ids.setdefault(key, []).append(document.id)
        affected = sorted({key for keys in old_keys.values() for key in keys} | set(new_ids) | {bitmaps.ALL})
        stored = {
            row.key: row
            for row in SearchBitmap.objects.select_for_update().filter(key__in=affected).order_by("key")
        }
        keep = ~bitmaps.from_ids(ids)
        changed, created, emptied = [], [], []
        for key in affected:
            row = stored.get(key)
            before = bitmaps.unpack(row.bits) if row else 0
            after = (before & keep) | bitmaps.from_ids(new_ids.get(key, []))
            if after == before:
                continue
            if row is None:
                created.append(SearchBitmap(key=key, bits=bitmaps.pack(after)))
            elif after or key == bitmaps.ALL:
                row.bits = bitmaps.pack(after)
                changed.append(row)
            else:
                emptied.append(key)
        SearchBitmap.objects.bulk_create(created)
        SearchBitmap.objects.bulk_update(changed, ["bits"])
        SearchBitmap.objects.filter(key__in=emptied).delete()

    def _count_lexemes(self, ids, sign):
        with connection.cursor() as cursor:
            if sign > 0:
                cursor.execute(
                    "INSERT INTO product_search_lexeme (lexeme, docs) " + POSTGRES_LEXEMES + " "
                    "ON CONFLICT (lexeme) DO UPDATE SET docs = product_search_lexeme.docs + EXCLUDED.docs",
                    [ids],
                )
            else:
                cursor.execute(
                    "UPDATE product_search_lexeme l SET docs = l.docs - d.n FROM (" + POSTGRES_LEXEMES + ") "
                    "AS d(lexeme, n) WHERE l.lexeme = d.lexeme",
                    [ids],
                )

    def _delete(self, ids):
        if not ids:
            return
        with connection.cursor() as cursor:
            for chunk in _chunks(ids, 500):
                if self.vendor == "sqlite":
                    marks = ",".join(["%s"] * len(chunk))
                    cursor.execute(f"DELETE FROM product_search_fts WHERE rowid IN ({marks})", chunk)
                SearchPrice.objects.filter(entry_id__in=chunk).delete()
                SearchEntry.objects.filter(product_id__in=chunk).delete()

    def _insert(self, documents):
        if not documents:
            return
        if self.vendor == "postgresql":
            self._insert_postgres(documents)
        else:
            SearchEntry.objects.bulk_create([_entry(d) for d in documents], batch_size=500)
            with connection.cursor() as cursor:
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
            [SearchTerm(word=w) for w in sorted(vocabulary)], ignore_conflicts=True, batch_size=2000
        )

    def _insert_postgres(self, documents):
        from psycopg.types.json import Jsonb

        marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO product_search_entry ({', '.join(ENTRY_COLUMNS)}, search_vector) "
                f"VALUES ({marks}, {POSTGRES_VECTOR})",
                [
                    (
                        d.id,
                        d.title,
                        d.moq,
                        d.lead_time_days,
                        d.published_at,
                        d.verification_rank,
                        d.price_usd,
                        Jsonb(_facet_keys(d)),
                        d.title,
                        d.category_text,
                        f"{d.materials_text} {d.clusters_text}",
                        f"{d.supplier_text} {d.description}",
                    )
                    for d in documents
                ],
            )

    def rebuild(self, batches, progress=None) -> int:
        """Empty and refill in one transaction, so readers see the old index until the new one commits."""
        count = 0
        with transaction.atomic():
            bitmaps.touch_state()
            self.clear_rows()
            log_changes(None)
            built = {}
            for batch in batches:
                self._insert(batch)
                for document in batch:
                    for key in [bitmaps.ALL, *_facet_keys(document)]:
                        built.setdefault(key, []).append(document.id)
                count += len(batch)
                if progress:
                    progress(len(batch))
            SearchBitmap.objects.bulk_create(
                [SearchBitmap(key=k, bits=bitmaps.pack_ids(v)) for k, v in built.items()],
                batch_size=200,
            )
            if self.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "INSERT INTO product_search_lexeme (lexeme, docs) SELECT word, ndoc "
                        "FROM ts_stat('SELECT search_vector FROM product_search_entry')"
                    )
                    cursor.execute("ANALYZE product_search_entry")
        if self.vendor == "postgresql" and not connection.in_atomic_block:
            # The rebuild left every old row dead; until vacuumed, each search would read them too.
            with connection.cursor() as cursor:
                for table in ("product_search_entry", "product_search_price", "product_search_bitmap"):
                    cursor.execute(f"VACUUM ANALYZE {table}")
        return count

    def clear(self) -> None:
        with transaction.atomic():
            bitmaps.touch_state()
            self.clear_rows()
            log_changes(None)

    def clear_rows(self):
        models = (SearchPrice, SearchEntry, SearchTerm, SearchBitmap, SearchLexeme)
        tables = [model._meta.db_table for model in models]
        if self.vendor == "sqlite":
            tables.append("product_search_fts")
        with connection.cursor() as cursor:
            for table in tables:  # plain DELETEs: no ORM cascade collection over 100,000 rows
                cursor.execute(f"DELETE FROM {table}")


def log_changes(ids) -> None:
    """Record the products a write touched (None: all of them, a rebuild or clear), inside the write's
    transaction, after the state row's lock (so the log's ids follow the commit order)."""
    if ids is None:
        SearchChange.objects.all().delete()
        SearchChange.objects.create(product_id=SearchChange.RESET)
        return
    created = SearchChange.objects.bulk_create([SearchChange(product_id=i) for i in ids], batch_size=1000)
    last = created[-1].pk if created and created[-1].pk else SearchChange.objects.order_by("-id")[0].pk
    SearchChange.objects.filter(id__lte=last - KEEP_CHANGES).delete()


def _entry(d) -> SearchEntry:
    return SearchEntry(
        product_id=d.id,
        title=d.title,
        moq=d.moq,
        lead_time_days=d.lead_time_days,
        published_at=d.published_at,
        verification_rank=d.verification_rank,
        price_usd=d.price_usd,
        facet_keys=_facet_keys(d),
    )
