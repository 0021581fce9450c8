"""Matching and ranking a relevance-sorted text query in memory, from each clause's postings.

Asking the database for every query meant visiting and ranking every match in SQL (at 100,000 products,
"ajrak" matches 26,668 of them: 60-300 ms whatever the page shows). Instead each clause (a word with its
synonyms, compounds and fixes, search.text.Clause) is read once per index generation: which products hold
it and that clause's own rank in each (FTS5's bm25 of the clause on SQLite, ts_rank on PostgreSQL: the
same numbers the SQL ranking summed), kept as two numpy arrays. A query then combines its clauses' arrays:
the full matches (every clause), the partial ones (some), each product's score (the sum of its clauses'
ranks, PostgreSQL's each times its idf weight, times the verified-supplier boost) and coverage, and picks
the page's top products without sorting the rest. The order is the SQL order exactly (tests/search/
test_index_at_scale.py compares both): full matches by score, then newest, then id; partial ones by
coverage first.

Everything here belongs to one index generation (search.bitmaps' token): a write to the index starts a new
one and the arrays are read again when next needed. Postings are bounded by SEARCH_POSTINGS_CACHE_MB
(least recently used clause out first).
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

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


@dataclass
class Documents:
    """Per product id: the verified-supplier boost factor and its place in the "newest" order (published_at
    DESC, product_id DESC as the database orders them, so NULLs fall where SQL put them)."""

    boost: np.ndarray  # float64, 0 where no product
    recency: np.ndarray  # int64, higher = newer

    @property
    def size(self):
        return len(self.boost)


class Generation:
    """One index generation's documents and clause postings."""

    def __init__(self, token, max_bytes):
        self.token = token
        self.max_bytes = max_bytes
        self.documents = None
        self.postings = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def documents_for(self, load) -> Documents:
        with self.lock:
            if self.documents is None:
                self.documents = load()
            return self.documents

    def clause(self, key, load) -> Postings:
        with self.lock:
            found = self.postings.get(key)
            if found is not None:
                self.postings.move_to_end(key)
                return found
        loaded = load()
        with self.lock:
            if key not in self.postings:
                self.postings[key] = loaded
                self.bytes += loaded.nbytes
                while self.bytes > self.max_bytes and len(self.postings) > 1:
                    _key, dropped = self.postings.popitem(last=False)
                    self.bytes -= dropped.nbytes
        return loaded


_generation: Generation | None = None
_lock = threading.Lock()


def generation() -> Generation | None:
    """This process's cache for the index generation its facet bitmaps are of (search.bitmaps.current()
    was just called by the search), or None for an index without a generation token."""
    global _generation
    token = bitmaps.loaded_token()
    if not token:
        return None
    with _lock:
        if _generation is None or _generation.token != token:
            limit = settings.SEARCH_POSTINGS_CACHE_MB * 1024 * 1024
            _generation = Generation(token, limit)
        return _generation


def clear():
    """Forget every cached array (tests, and the benchmark's cold runs)."""
    global _generation
    with _lock:
        _generation = None


def postings_from_rows(rows) -> Postings:
    """Postings from (product id, rank) rows in any order."""
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    ranks = np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows))
    order = np.argsort(ids, kind="stable")
    return Postings(ids=ids[order], ranks=ranks[order])


def documents_from_rows(rows) -> Documents:
    """Documents from (product id, verification rank) rows in the "newest first" order."""
    count = len(rows)
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=count)
    verification = np.fromiter((row[1] for row in rows), dtype=np.float64, count=count)
    size = int(ids.max()) + 1 if count else 0
    boost = np.zeros(size)
    boost[ids] = 1 + VERIFIED_BOOST * verification
    recency = np.zeros(size, dtype=np.int64)
    recency[ids] = np.arange(count, 0, -1)
    return Documents(boost=boost, recency=recency)


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
    keys = [-documents.recency[candidates], -score[candidates]]
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
