"""Text rules shared by every app: one-line text (titles, names, email subjects) and country codes.

A line break in a title is harmless on a page and fatal in an email header: Django refuses a subject with a
newline (BadHeaderError), and a notification sent with fail_silently is then silently not sent. So one-line
fields fold whitespace when they are typed (marketplace.formfields.SingleLineField) and every email subject is
folded again when it is built, whatever reached the database another way.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries


def fold_whitespace(text) -> str:
    """`text` on one line: each run of whitespace (CR, LF, tabs, Unicode line breaks) becomes one space."""
    return " ".join(str(text).split())


def is_country_code(code) -> bool:
    """True for an ISO 3166-1 alpha-2 code in upper case ("DE"); the list is django-countries'."""
    return (
        isinstance(code, str)
        and len(code) == 2
        and code.isascii()
        and code.isalpha()
        and code.isupper()
        and countries.alpha2(code) == code
    )


def validate_country_code(value):
    if value and not is_country_code(value):
        raise ValidationError(_("Use a two-letter country code, e.g. DE, US, AE."), code="invalid")
