"""Matching and ranking a relevance-sorted text query in memory, from each clause's postings.

Asking the database for every query meant visiting and ranking every match in SQL (at 100,000 products,
"ajrak" matches 26,668 of them: 60-300 ms whatever the page shows). Instead each clause (a word with its
synonyms, compounds and fixes, search.text.Clause) is read once per index generation: which products hold
it and that clause's own rank in each (FTS5's bm25 of the clause on SQLite, ts_rank on PostgreSQL: the
same numbers the SQL ranking summed), kept as two numpy arrays. A query then combines its clauses' arrays:
the full matches (every clause), the partial ones (some), each product's score (the sum of its clauses'
ranks, PostgreSQL's each times its idf weight, times the verified-supplier boost) and coverage, and picks
the page's top products without sorting the rest. The order is the SQL order (tests/search/
test_ranking_in_memory.py compares both): full matches by score, then newest, then id; partial ones by
coverage first. One difference, on PostgreSQL: ts_rank gives a clause with a phrase some credit in a
product that lacks the phrase but holds one of its words (a "wool shawl" scores on "kashmiri <-> shawl");
here a clause counts only in the products holding it, as bm25 does on SQLite. It moves partial matches of
equal coverage among themselves (4 of the 190 judged queries of bench/relevance, past the full matches).

The arrays follow the index: each write gives it a new token (search.bitmaps) and logs the products it
touched (search.models.SearchChange); the next search reads those products again (the per-product arrays at
once, a clause's postings when next used) rather than everything. Postings are bounded by
SEARCH_POSTINGS_CACHE_MB (least recently used clause out first).
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from django.conf import settings

from .. import bitmaps

VERIFIED_BOOST = 0.15  # rank * (1 + boost * verification rank), as the SQL order
EXACT_SORT_BELOW = 2048  # fewer candidates than this are sorted whole; more are cut to the top first


@dataclass
class Postings:
    """The products holding one clause (ascending ids) and the clause's rank in each."""

    ids: np.ndarray  # int64
    ranks: np.ndarray  # float64

    @property
    def nbytes(self):
        return self.ids.nbytes + self.ranks.nbytes

    def replaced(self, changed: np.ndarray, fresh: "Postings") -> "Postings":
        """These postings with the products of `changed` replaced by their `fresh` ones."""
        kept = ~np.isin(self.ids, changed)
        ids = np.concatenate([self.ids[kept], fresh.ids])
        ranks = np.concatenate([self.ranks[kept], fresh.ranks])
        order = np.argsort(ids, kind="stable")
        return Postings(ids=ids[order], ranks=ranks[order])


@dataclass
class Documents:
    """Per product id: the verified-supplier boost factor (0: no such product in the index) and when it was
    published (microseconds; a product without a date where SQL's DESC order puts NULLs: first on
    PostgreSQL, last on SQLite)."""

    boost: np.ndarray  # float64
    published: np.ndarray  # float64

    @property
    def size(self):
        return len(self.boost)

    def update(self, changed, rows, nulls_first):
        """Apply (product id, verification rank, published) rows of the `changed` ids; a changed id
        without a row has left the index."""
        fresh = documents_from_rows(rows, nulls_first)
        size = max(self.size, fresh.size, int(max(changed, default=-1)) + 1)
        if size > self.size:
            self.boost = np.concatenate([self.boost, np.zeros(size - self.size)])
            self.published = np.concatenate([self.published, np.zeros(size - len(self.published))])
        changed = np.asarray(list(changed), dtype=np.int64)
        self.boost[changed] = 0
        present = np.flatnonzero(fresh.boost)
        self.boost[present] = fresh.boost[present]
        self.published[present] = fresh.published[present]


@dataclass
class Cached:
    postings: Postings
    since: int  # the change log id its products are current to


class Generation:
    """The documents and clause postings of the index as of change `since` (search.models.SearchChange).

    When the index changes, the products that changed are read again: the documents at once, each clause's
    postings when it is next used (`changes` remembers which products changed after which log id), or the
    whole clause when ranks are not per document."""

    def __init__(self, token, since, max_bytes, per_document=True):
        self.token = token
        # Whether a product's rank depends on that product alone (ts_rank), so that a clause's postings
        # can be brought up to date product by product; bm25's depends on the whole index's statistics,
        # so on SQLite a clause changed since read is read whole again.
        self.per_document = per_document
        self.since = since
        self.max_bytes = max_bytes
        self.documents = None
        self.postings = OrderedDict()
        self.bytes = 0
        self.changes = []  # (log id, product id) after the generation began, ascending
        self.lock = threading.Lock()

    def documents_for(self, load) -> Documents:
        with self.lock:
            if self.documents is None:
                self.documents = load()
            return self.documents

    def advance(self, token, changes, load_documents, nulls_first):
        """Move to the index as of `token`, given the log rows written since `self.since`."""
        changed = sorted({product for _id, product in changes})
        with self.lock:
            if self.documents is not None and changed:
                self.documents.update(changed, load_documents(changed), nulls_first)
            self.changes += changes
            self.since = changes[-1][0]
            self.token = token

    def changed_after(self, since) -> np.ndarray:
        return np.unique(np.fromiter((p for i, p in self.changes if i > since), dtype=np.int64))

    def clause(self, key, load) -> Postings:
        """The clause's postings, read whole (load(None)) or, cached from an earlier state, with the products
        changed since read again (load(ids))."""
        with self.lock:
            found = self.postings.get(key)
            if found is not None:
                self.postings.move_to_end(key)
                if found.since == self.since:
                    return found.postings
        since = self.since
        if found is not None and self.per_document:
            changed = self.changed_after(found.since)
            loaded = found.postings.replaced(changed, load(changed.tolist()))
        else:
            loaded = load(None)
        with self.lock:
            old = self.postings.pop(key, None)
            self.bytes -= old.postings.nbytes if old else 0
            self.postings[key] = Cached(loaded, since)
            self.bytes += loaded.nbytes
            while self.bytes > self.max_bytes and len(self.postings) > 1:
                _key, dropped = self.postings.popitem(last=False)
                self.bytes -= dropped.postings.nbytes
        return loaded


_generation: Generation | None = None
_lock = threading.Lock()
# Past this many changed products (or one in a hundred, whichever is more) everything is read again rather
# than the changes applied one by one.
REFRESH_AT_MOST = 1000
REFRESH_SHARE = 0.01


def generation(cursor, dialect) -> Generation | None:
    """This process's cache, brought to the index generation its facet bitmaps are of (search.bitmaps.
    current() was just called by the search), or None for an index without a generation token."""
    global _generation
    token = bitmaps.loaded_token()
    if not token:
        return None
    with _lock:
        current = _generation
        if current is not None and current.token == token:
            return current
        if current is not None:
            changes, oldest = dialect.changes_since(cursor, current.since)
            size = current.documents.size if current.documents is not None else 0
            limit = max(REFRESH_AT_MOST, REFRESH_SHARE * size)
            if (
                changes
                and oldest is not None
                and oldest <= current.since + 1
                and all(product >= 0 for _id, product in changes)
                and len(current.changes) + len(changes) <= limit
            ):
                current.advance(
                    token, changes, lambda ids: dialect.documents(cursor, ids), dialect.nulls_first
                )
                return current
        limit = settings.SEARCH_POSTINGS_CACHE_MB * 1024 * 1024
        _generation = Generation(token, dialect.last_change(cursor), limit, dialect.ranks_per_document)
        return _generation


def cached() -> Generation | None:
    """The cache as it stands, without bringing it up to date (tests, the benchmark)."""
    return _generation


def clear(keep_documents=False):
    """Forget the cached clause postings, and the documents unless `keep_documents` (tests, and the
    benchmark's cold runs)."""
    global _generation
    with _lock:
        if keep_documents and _generation is not None:
            with _generation.lock:
                _generation.postings.clear()
                _generation.bytes = 0
        else:
            _generation = None


def postings_from_rows(rows) -> Postings:
    """Postings from (product id, rank) rows in any order."""
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    ranks = np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows))
    order = np.argsort(ids, kind="stable")
    return Postings(ids=ids[order], ranks=ranks[order])


def documents_from_rows(rows, nulls_first) -> Documents:
    """Documents from (product id, verification rank, published_at) rows; published_at a datetime or its
    ISO text (SQLite), or None."""
    count = len(rows)
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=count)
    verification = np.fromiter((row[1] for row in rows), dtype=np.float64, count=count)
    dates = np.array([_naive(row[2]) for row in rows], dtype="datetime64[us]")
    published = dates.astype(np.int64).astype(np.float64)
    published[np.isnat(dates)] = np.inf if nulls_first else -np.inf
    size = int(ids.max()) + 1 if count else 0
    boost = np.zeros(size)
    boost[ids] = 1 + VERIFIED_BOOST * verification
    at = np.zeros(size)
    at[ids] = published
    return Documents(boost=boost, published=at)


def _naive(value):
    """A UTC datetime without its zone (numpy's datetime64 has none); microseconds, ISO text or None as
    they are."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


@dataclass
class Ranked:
    full: int  # bitmap of the products holding every clause
    partial: int  # bitmap of those holding some, not all
    ids: list[int]  # the page


def rank(documents: Documents, clauses: list[Postings], weights, scale, allowed: int | None, offset, limit):
    """The full and partial matches, and the page's ids from `offset`, full matches first.

    `weights`: each clause's idf weight (the coverage of a partial match is the sum of the weights of the
    clauses it holds); `scale`: what each clause's rank is multiplied by in the score (its weight on
    PostgreSQL, 1 on SQLite whose bm25 already weighs rarity). `allowed`: the bitmap of products passing
    the chosen filters (None: no filters); matches outside it count in the bitmaps, not on the page."""
    size = documents.size
    held = np.zeros(size, dtype=np.int16)
    score = np.zeros(size)
    cover = np.zeros(size)
    for postings, weight, factor in zip(clauses, weights, scale, strict=True):
        # Only products the documents know (one written since they were read waits for the next generation).
        known = postings.ids < size
        known[known] = documents.boost[postings.ids[known]] > 0
        ids, ranks = postings.ids[known], postings.ranks[known]
        held[ids] += 1
        score[ids] += factor * ranks
        cover[ids] += weight
    score *= documents.boost
    full = held == len(clauses)
    partial = (held > 0) & ~full
    on_page = None if allowed is None else bitmaps.to_mask(allowed, size)
    ids = _top(full if on_page is None else full & on_page, documents, score, None, offset, limit)
    before = max(0, offset - int(np.count_nonzero(full if on_page is None else full & on_page)))
    room = limit - len(ids)
    if room > 0 and len(clauses) > 1:
        # Coverage as the SQL summed it: the same rounded weights, compared at six decimals.
        shown = partial if on_page is None else partial & on_page
        ids += _top(shown, documents, score, np.round(cover, 6), before, room)
    return Ranked(
        full=bitmaps.from_mask(full), partial=bitmaps.from_mask(partial) if len(clauses) > 1 else 0, ids=ids
    )


def _top(mask, documents, score, cover, offset, limit) -> list[int]:
    """Ids of `mask` ordered by (cover,) score, recency, all descending, from `offset`, at most `limit`."""
    candidates = np.flatnonzero(mask)
    wanted = offset + limit
    if limit <= 0 or len(candidates) <= offset:
        return []
    if cover is None:
        candidates = _contenders(candidates, score, None, wanted)
    else:
        candidates = _contenders(candidates, cover, score, wanted)
    keys = [-candidates, -documents.published[candidates], -score[candidates]]
    if cover is not None:
        keys.append(-cover[candidates])
    order = np.lexsort(keys)
    return candidates[order][offset:wanted].tolist()


def _contenders(candidates, primary, secondary, wanted):
    """The candidates that can be among the first `wanted` by (primary, secondary) descending: those above
    the wanted-th best primary value, and of those equal to it the best by secondary (all of them when
    there is no secondary key: the later keys decide). Sorting these instead of all is what makes a word
    held by a quarter of the catalog cost what a rare word does."""
    if len(candidates) <= max(EXACT_SORT_BELOW, wanted):
        return candidates
    values = primary[candidates]
    cut = np.partition(values, len(values) - wanted)[len(values) - wanted]
    better = candidates[values > cut]
    tied = candidates[values == cut]
    if secondary is not None:
        tied = _contenders(tied, secondary, None, wanted - len(better))
    return np.concatenate([better, tied])
