"""Login throttling: failed logins are counted per account and per client address, across every login form.

django-axes does the counting: its backend (first in AUTHENTICATION_BACKENDS) refuses any authentication
while the account or the address is locked, and its handler records each failure that
django.contrib.auth.authenticate() signals. Both our login form and Wagtail's admin login authenticate
through it, so one limit covers both. After LOGIN_FAILURE_LIMIT failures within LOGIN_COOLOFF_MINUTES the
account, and separately the address, is refused (even with the right password) until the cool-off has
passed since the last attempt; a new password (password reset) lifts the account's lock at once.

The functions here are what axes calls back (settings AXES_*): who is trying, from where, and the page they
see when stopped.
"""

from axes.utils import reset
from django.conf import settings
from django.shortcuts import render


def username_of(request, credentials=None) -> str | None:
    """The account a login attempt is for: the email as typed, in lower case (emails log in whatever their
    case, so their failures count together)."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username.strip().lower() if username else None


def client_ip(request) -> str | None:
    """The address the attempt comes from. Behind our HTTPS proxy (BEHIND_HTTPS_PROXY) every request comes
    from the proxy, which appends the client's address to X-Forwarded-For: the last entry is the one it
    added; earlier ones were sent by the client and may be forged."""
    if settings.BEHIND_HTTPS_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The page of a refused login attempt (HTTP 429): when to try again, and the way back now."""
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": settings.LOGIN_COOLOFF_MINUTES},
        status=429,
    )


def forget_failures(user) -> None:
    """Lift the lock on `user`'s account (after they chose a new password): the address's stays."""
    reset(username=user.email.lower())
