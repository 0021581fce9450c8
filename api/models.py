"""API tokens: what a user's own tools send (Authorization: Bearer <token>) instead of a password.

The token is shown once, when it is made; only its SHA-256 is stored (a token carries 256 random bits, so a
plain hash is as good as a slow one and costs nothing per request). `prefix`, its first characters, names it
in lists and finds its row; the hash is then compared in constant time (api.tokens.authenticate).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def of_user(self, user):
        """`user`'s own tokens (none for an anonymous user): the one rule for who sees and revokes a token."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    # Not "api_tokens": Wagtail 8's own APIToken (its admin API's, without scopes) has that name.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marketplace_api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What uses it, e.g. “ERP sync”."))
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=16, db_index=True, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Updated at most once a minute (api.tokens.LAST_USED_GRANULARITY): not a write per request.
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def allows_writes(self) -> bool:
        return self.scope == self.Scope.WRITE
