"""`Authorization: Bearer <token>`: a user's API token (api.tokens). Session cookies are the other way in
(settings.REST_FRAMEWORK), for the docs page's "try it out" while signed in."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import tokens


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the header as “Authorization: Bearer <token>”."), code="malformed_token"
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid."), code="invalid_token"
            ) from error
        token = tokens.find_token(secret)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid."), code="invalid_token")
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."), code="token_revoked")
        tokens.note_use(token)
        return token.user, token

    def authenticate_header(self, request):
        # Makes an unauthenticated request a 401 (with this challenge), not a 403.
        return f'{self.keyword} realm="api"'
