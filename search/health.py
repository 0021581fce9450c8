"""The search part of /healthz (marketplace.health): which backend answers searches, and whether it does."""

from .backends.base import BackendUnavailable
from .services import search_backend


def check_search() -> dict:
    """Asks the backend searches go to for its status (a count: one quick request to Elasticsearch, within
    ELASTICSEARCH_TIMEOUT). Reports the backend's name only: its status names the server's URL."""
    try:
        backend = search_backend()
    except BackendUnavailable:
        return {"backend": "elasticsearch", "ok": False}
    try:
        backend.status()
    except BackendUnavailable:
        return {"backend": backend.name, "ok": False}
    return {"backend": backend.name}
