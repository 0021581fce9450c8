"""Rate limits per token (per user for a session, per address for the few public endpoints).

Rates come from settings (API_RATE_LIMIT, API_WRITE_RATE_LIMIT); counts live in the default cache, so with
several processes set CACHE_URL to a shared cache or each process counts on its own.
"""

from rest_framework import throttling

from .models import ApiToken


class PerTokenRate(throttling.SimpleRateThrottle):
    """Every request, counted per token."""

    scope = "api"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token:{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"address:{self.get_ident(request)}"
        return f"throttle:{self.scope}:{ident}"


class PerTokenWriteRate(PerTokenRate):
    """Writes (POST, PUT, PATCH, DELETE) on top: a lower rate, counted apart."""

    scope = "api_write"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)
