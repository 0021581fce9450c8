"""Making, checking and revoking API tokens: the tokens page, the authentication class and tests use these."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken

# "pkm_" + 43 URL-safe characters (32 random bytes); the first PREFIX_LENGTH characters are its public name.
TOKEN_MARK = "pkm_"
PREFIX_LENGTH = 12
LAST_USED_GRANULARITY = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user, *, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the row (holding only the secret's hash) and the secret, to show once."""
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"Unknown token scope {scope!r}")
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, scope=scope, prefix=secret[:PREFIX_LENGTH], secret_hash=_hash(secret)
    )
    return token, secret


def revoke_token(user, token_id) -> ApiToken:
    """`user` revokes one of their own tokens, at once and for good. Idempotent (a second revoke keeps the
    first time); ApiToken.DoesNotExist for a token that is not theirs."""
    with transaction.atomic():
        token = ApiToken.objects.of_user(user).select_for_update().get(pk=token_id)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def find_token(secret: str) -> ApiToken | None:
    """The token whose secret this is, revoked or not (the caller refuses a revoked one with its reason);
    None when no token matches. The hash is compared in constant time."""
    if not secret.startswith(TOKEN_MARK) or len(secret) > 200:
        return None
    wanted = _hash(secret)
    candidates = ApiToken.objects.filter(prefix=secret[:PREFIX_LENGTH]).select_related("user")
    for token in candidates:
        if hmac.compare_digest(token.secret_hash, wanted):
            return token
    return None


def note_use(token: ApiToken) -> None:
    """Record that `token` was used, at most once a minute (one UPDATE, no write on most requests)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
