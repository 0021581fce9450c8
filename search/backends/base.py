"""The small interface every search backend implements."""

from ..documents import ProductDocument
from ..query import SearchQuery, SearchResult


class BackendUnavailable(RuntimeError):
    """The backend did not answer (timeout, connection refused, server error): callers fall back."""


class SearchBackend:
    name = "base"

    def search(self, query: SearchQuery) -> SearchResult:
        raise NotImplementedError

    def suggest(self, text: str, limit: int = 6) -> list[int]:
        """Ids of products whose titles start the way `text` does, best first."""
        raise NotImplementedError

    def index(self, documents: list[ProductDocument]) -> None:
        """Add or replace these documents (idempotent)."""
        raise NotImplementedError

    def remove(self, ids) -> None:
        """Remove these product ids if present (idempotent)."""
        raise NotImplementedError

    def rebuild(self, batches, total: int, progress=None) -> int:
        """Replace the whole index with the documents of `batches` (iterable of lists); returns the count."""
        raise NotImplementedError

    def status(self) -> dict:
        raise NotImplementedError
