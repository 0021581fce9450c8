"""The site's language: chosen in the header (or on the profile), kept on the account, restored at login.

Django's LocaleMiddleware picks the language of each request from the language cookie, else the browser's
Accept-Language. The header's switcher posts to `switch_language`, Django's own `set_language` (which sets
the cookie and goes back to `next`) plus, for a signed-in user, saving the choice on `User.language`: an
artisan who chose Urdu on a shared phone or a new one gets Urdu again as soon as they log in
(`remember_at_login`, called by the login view), whatever that browser's cookie said.
"""

from django import forms
from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .models import User

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class LanguageForm(forms.Form):
    """The profile's language section. The languages are named in their own script ("اردو", "English"):
    a reader who cannot read the current language can still find theirs."""

    language = forms.ChoiceField(label=gettext_lazy("Language of the site"), choices=settings.LANGUAGES)


def save_choice(user, code):
    """Keep `code` as the user's language (an unknown code is ignored: the cookie alone is never trusted to be
    a valid choice)."""
    if code in LANGUAGE_CODES and user.language != code:
        User.objects.filter(pk=user.pk).update(language=code)
        user.language = code


def set_cookie(response, code):
    """The same cookie Django's set_language writes, so LocaleMiddleware reads it on the next request."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@csrf_exempt
@require_POST
def switch_language(request):
    """The header's switcher: Django's set_language (validates the code and `next`, sets the cookie,
    redirects), and for a signed-in user the choice saved on the account.

    CSRF is checked for a signed-in user only (the header's form carries the token for them): their choice
    changes the account. An anonymous switch only sets a language cookie, so anonymous pages carry no CSRF
    token and set no CSRF cookie (they stay the same for everyone: tests/accounts/test_signup.py)."""
    if request.user.is_authenticated:
        refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    response = set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and translation.check_for_language(code):
        save_choice(request.user, code)
    return response


def remember_at_login(response, user):
    """Called with the login's response: the account's language (if it has one) becomes this browser's, from
    the page the login redirects to on."""
    if user.language in LANGUAGE_CODES:
        set_cookie(response, user.language)
    return response
