"""Sets of product ids as bitmaps (a Python int: bit i set = product i) and the facet bitmaps of the index.

Counting facet values over a hundred thousand matches in SQL means aggregating a row per value per match;
with bitmaps it is one AND and one popcount per value, microseconds each. The database holds the bitmaps
(SearchBitmap, written in the same transaction as the entries); each process keeps a copy and reloads it
when the index state token changes, which costs one tiny query per search.
"""

import struct
import threading
from dataclasses import dataclass, field

from django.db import connection

from .models import SearchBitmap, SearchIndexState

ALL = "_all"


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


def ids_of(bits: int) -> list[int]:
    """The ids in a bitmap, ascending."""
    out = []
    for index, byte in enumerate(to_bytes(bits)):
        if byte:
            base = index * 8
            out.extend(base + bit for bit in _BYTE_BITS[byte])
    return out


@dataclass
class FacetBitmaps:
    """The facet bitmaps of the index as of `token`: every indexed product, and each facet's values."""

    token: str
    all: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, token):
        loaded = cls(token=token)
        for key, data in SearchBitmap.objects.values_list("key", "bits").iterator():
            bits = from_bytes(data)
            if key == ALL:
                loaded.all = bits
            else:
                name, _sep, value = key.partition(":")
                loaded.facets.setdefault(name, {})[value] = bits
        return loaded

    def any_of(self, name, values) -> int:
        """Products having any of `values` for facet `name` (the OR within one facet)."""
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
