"""Supplier responsiveness over the last 90 days, computed from inquiry threads and RFQ invitations."""

from datetime import timedelta
from statistics import median

from django.core.cache import cache
from django.utils import timezone

from ..models import Quote, RFQInvitation, Thread

WINDOW_DAYS = 90
CACHE_SECONDS = 600


def responsiveness(supplier_id, now=None):
    """{"asked", "answered", "rate" (0-100 int or None), "median_hours" (Decimal-free int or None)}.

    An inquiry counts as answered when a member replied; an RFQ invitation when the supplier quoted.
    The first-response time is reply (or quote) time minus the time the buyer asked. Two queries; the
    result is cached for CACHE_SECONDS per supplier, which is fine for a figure over 90 days.
    """
    key = f"trade:responsiveness:{supplier_id}"
    if now is None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    now = now or timezone.now()
    since = now - timedelta(days=WINDOW_DAYS)
    delays = []
    asked = answered = 0
    for created, first in Thread.objects.filter(supplier_id=supplier_id, created_at__gte=since).values_list(
        "created_at", "first_response_at"
    ):
        asked += 1
        if first is not None:
            answered += 1
            delays.append((first - created).total_seconds())
    quotes = dict(
        Quote.objects.filter(supplier_id=supplier_id, rfq__created_at__gte=since).values_list(
            "rfq_id", "created_at"
        )
    )
    for rfq_id, invited in RFQInvitation.objects.filter(
        supplier_id=supplier_id, created_at__gte=since
    ).values_list("rfq_id", "created_at"):
        asked += 1
        if rfq_id in quotes:
            answered += 1
            delays.append(max(0.0, (quotes[rfq_id] - invited).total_seconds()))
    result = {
        "asked": asked,
        "answered": answered,
        "rate": round(100 * answered / asked) if asked else None,
        "median_hours": round(median(delays) / 3600, 1) if delays else None,
    }
    cache.set(key, result, CACHE_SECONDS)
    return result
