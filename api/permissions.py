"""Who may call the API at all: a signed-in user, and with a read-only token only safe methods.

Per-object rules are not written here: views call the same functions the pages use (catalog's
`Product.objects.of_member`, orders.access, ...), so a rule is written once for both doors.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from .models import ApiToken


class TokenScope(permissions.BasePermission):
    """Authenticated; a token of scope "read" may not write. Session and forced authentication count as
    read and write (a person at their own browser)."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        token = request.auth
        if (
            isinstance(token, ApiToken)
            and not token.allows_writes
            and request.method not in permissions.SAFE_METHODS
        ):
            raise exceptions.PermissionDenied(
                _("This token may only read; make a read and write token to change data."),
                code="read_only_token",
            )
        return True
