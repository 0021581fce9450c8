"""Sets of product ids as bitmaps (a Python int: bit i set = product i) and the facet bitmaps of the index.

Counting facet values over a hundred thousand matches in SQL means aggregating a row per value per match;
with bitmaps it is one AND and one popcount per value, microseconds each. The database holds the bitmaps
(SearchBitmap, written in the same transaction as the entries); each process keeps a copy and reloads it
when the index state token changes, which costs one tiny query per search.

A facet with many values (the supplier facet: one value per 50 products) is different: a bitmap per value
costs N/8 bytes however few products hold it (20,000 suppliers at 1,000,000 products would be 2.5 GB in
every process, and a count 20,000 ANDs of 125 KB). Such a facet keeps each value's ids and, per product,
the number of its value; it is counted in one pass over the matches (see FacetBitmaps.counts). Stored rows
say which form they hold (pack): a sparse value is its ids, 4 bytes each, not a mostly-zero bitmap.
"""

import re
import struct
import sys
import threading
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from .models import SearchBitmap, SearchIndexState
from .query import FACET_VALUES

ALL = "_all"
# A facet with more values than this is counted per matched product rather than per value (see above).
MANY_VALUES = 64
# Of a facet with many values, the most common this many (and the chosen ones) come back (search.query).
TOP_VALUES = FACET_VALUES
# The first byte of a stored row: the bitmap's bytes follow, or its ids as little-endian uint32.
DENSE, SPARSE = b"\x00", b"\x01"


def from_ids(ids) -> int:
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def from_words(rows) -> int:
    """A bitmap from (word number, signed 64-bit word) rows, as PostgreSQL's bit_or aggregate returns them."""
    rows = list(rows)
    if not rows:
        return 0
    buffer = bytearray((max(word for word, _bits in rows) + 1) * 8)
    for word, bits in rows:
        struct.pack_into("<q", buffer, word * 8, bits)
    return int.from_bytes(buffer, "little")


def to_bytes(bits: int) -> bytes:
    return bits.to_bytes((bits.bit_length() + 7) // 8, "little")


def from_bytes(data) -> int:
    return int.from_bytes(bytes(data), "little")


_BYTE_BITS = [[bit for bit in range(8) if byte >> bit & 1] for byte in range(256)]
_NONZERO_RUNS = re.compile(rb"[^\x00]+")


def ids_of(bits: int) -> list[int]:
    """The ids in a bitmap, ascending (runs of zero bytes are skipped at C speed: sparse sets are cheap)."""
    out = []
    data = to_bytes(bits)
    for run in _NONZERO_RUNS.finditer(data):
        index = run.start()
        for byte in run.group():
            base = index * 8
            out.extend([base + bit for bit in _BYTE_BITS[byte]])
            index += 1
    return out


def to_mask(bits: int, size: int) -> np.ndarray:
    """A numpy boolean array of `size` from a bitmap (bit i set = product i)."""
    data = np.frombuffer(bits.to_bytes(max(1, (size + 7) // 8), "little"), dtype=np.uint8)
    return np.unpackbits(data, bitorder="little")[:size].view(bool)


def from_mask(mask: np.ndarray) -> int:
    """The bitmap of a numpy boolean array."""
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def _uint32(ids) -> array:
    out = array("I", ids)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def pack_ids(ids) -> bytes:
    """The stored form of a set of ids: its ids when that is shorter than its bitmap, else the bitmap."""
    ids = sorted(ids)
    if ids and len(ids) * 32 < ids[-1]:
        return SPARSE + _uint32(ids).tobytes()
    return DENSE + to_bytes(from_ids(ids))


def pack(bits: int) -> bytes:
    if bits and bits.bit_count() * 32 < bits.bit_length():
        return SPARSE + _uint32(ids_of(bits)).tobytes()
    return DENSE + to_bytes(bits)


def unpack_ids(data) -> list[int]:
    data = bytes(data)
    if data[:1] == SPARSE:
        ids = array("I")
        ids.frombytes(data[1:])
        if sys.byteorder == "big":
            ids.byteswap()
        return ids.tolist()
    return ids_of(from_bytes(data[1:]))


def unpack(data) -> int:
    data = bytes(data)
    if data[:1] == SPARSE:
        return from_ids(unpack_ids(data))
    return from_bytes(data[1:])


@dataclass
class ManyValued:
    """A facet with many values: each value's ids, and per product id the index of its (first) value.

    `owner[i]` is -1 for a product without a value; products with several values have the others in
    `extra` (and their bit in `extra_bits`)."""

    values: list[str] = field(default_factory=list)
    ids: dict[str, list[int]] = field(default_factory=dict)
    owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    extra: dict[int, list[int]] = field(default_factory=dict)
    extra_bits: int = 0

    @classmethod
    def build(cls, ids_by_value, size):
        built = cls(values=sorted(ids_by_value), ids=ids_by_value, owner=np.full(size, -1, dtype=np.int32))
        owner, extra = built.owner, built.extra
        for index, value in enumerate(built.values):
            for i in ids_by_value[value]:
                if owner[i] < 0:
                    owner[i] = index
                else:
                    extra.setdefault(i, []).append(index)
        built.extra_bits = from_ids(extra)
        return built

    def any_of(self, values) -> int:
        return from_ids(i for value in values for i in self.ids.get(value, ()))

    def counts(self, base: int, chosen=()) -> list[tuple[str, int]]:
        """(value, count) over the products of `base`, the TOP_VALUES most common (ties: the first values)
        and the `chosen` ones: one C-speed pass, whatever the number of values."""
        owners = self.owner[to_mask(base, len(self.owner))]
        tally = np.bincount(owners[owners >= 0], minlength=len(self.values))
        for i in ids_of(base & self.extra_bits) if self.extra_bits else ():
            for index in self.extra[i]:
                tally[index] += 1
        present = np.flatnonzero(tally)
        if len(present) > TOP_VALUES:
            top = present[np.lexsort((present, -tally[present]))[:TOP_VALUES]]
            wanted = [bisect_left(self.values, value) for value in chosen]
            wanted = [i for i in wanted if i < len(self.values) and self.values[i] in chosen and tally[i]]
            present = np.union1d(top, np.asarray(wanted, dtype=np.int64))
        return [(self.values[index], int(tally[index])) for index in present.tolist()]


@dataclass
class FacetBitmaps:
    """The facet bitmaps of the index as of `token`: every indexed product, and each facet's values."""

    token: str
    all: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    many: dict[str, ManyValued] = field(default_factory=dict)

    @classmethod
    def load(cls, token):
        loaded = cls(token=token)
        stored = {}
        for key, data in SearchBitmap.objects.values_list("key", "bits").iterator():
            if key == ALL:
                loaded.all = unpack(data)
            else:
                name, _sep, value = key.partition(":")
                stored.setdefault(name, {})[value] = data
        size = loaded.all.bit_length()
        for name, values in stored.items():
            if len(values) > MANY_VALUES:
                ids = {value: unpack_ids(data) for value, data in values.items()}
                loaded.many[name] = ManyValued.build(ids, size)
            else:
                loaded.facets[name] = {value: unpack(data) for value, data in values.items()}
        return loaded

    def any_of(self, name, values) -> int:
        """Products having any of `values` for facet `name` (the OR within one facet)."""
        if name in self.many:
            return self.many[name].any_of(values)
        out = 0
        for value in values:
            out |= self.facets.get(name, {}).get(value, 0)
        return out

    def chosen(self, filters) -> dict[str, int]:
        return {name: self.any_of(name, values) for name, values in filters.items()}

    def narrow(self, matched: int, filters) -> int:
        """`matched` with every chosen filter applied (AND across facets)."""
        for bits in self.chosen(filters).values():
            matched &= bits
        return matched

    def counts(self, matched: int, filters, wanted) -> dict[str, list[tuple[str, int]]]:
        """Per wanted facet, (value, count) over `matched` with every OTHER facet's choice applied, so a
        chosen facet still shows its alternatives."""
        chosen = self.chosen(filters)
        out = {}
        for name in wanted:
            base = matched
            for other, bits in chosen.items():
                if other != name:
                    base &= bits
            if name in self.many:
                out[name] = self.many[name].counts(base, filters.get(name, ()))
                continue
            out[name] = [
                (value, count)
                for value, bits in self.facets.get(name, {}).items()
                if (count := (base & bits).bit_count())
            ]
        return out


_cached: FacetBitmaps | None = None
_lock = threading.Lock()


def current_token() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM product_search_state WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def loaded_token() -> str:
    """The token of the bitmaps this process last loaded: the index generation its searches read."""
    cached = _cached
    return cached.token if cached is not None else ""


def current() -> FacetBitmaps:
    """This process's copy of the facet bitmaps, reloaded if the index changed since it was loaded."""
    global _cached
    token = current_token()
    cached = _cached
    if cached is not None and cached.token == token:
        return cached
    with _lock:
        if _cached is None or _cached.token != token:
            _cached = FacetBitmaps.load(token)
        return _cached


def touch_state() -> str:
    """Lock the index state row and give it a new token (call inside the index write's transaction)."""
    import uuid

    token = uuid.uuid4().hex
    state = SearchIndexState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        SearchIndexState.objects.create(pk=1, token=token)
    else:
        state.token = token
        state.save(update_fields=["token"])
    return token
