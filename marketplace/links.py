"""Links made outside the page that shows them: absolute URLs for emails, and public pages of a lower layer's
models that a higher layer serves.

A supplier's storefront is a cms page that Wagtail routes from the page tree: the catalog cannot reverse it
by name, and must not name the cms at all. The app that serves such pages says where they are when it
starts (`serve_public_pages` in its AppConfig.ready()); the model's get_absolute_url() asks
`public_page_url`.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

_public_pages: dict[str, Callable] = {}


def serve_public_pages(model_label: str, url_of: Callable) -> None:
    """`url_of(obj)` is the public page of each `model_label` ("catalog.Supplier") object. One app serves
    them: a second registration is a mistake (ValueError)."""
    if _public_pages.get(model_label, url_of) is not url_of:
        raise ValueError(f"{_public_pages[model_label]} already serves the public pages of {model_label}.")
    _public_pages[model_label] = url_of


def public_page_url(obj) -> str:
    """The URL of `obj`'s public page; LookupError if no installed app serves pages of its model."""
    url_of = _public_pages.get(obj._meta.label)
    if url_of is None:
        raise LookupError(f"No installed app serves public pages of {obj._meta.label}.")
    return url_of(obj)


def absolute_url(path_or_url: str) -> str:
    """`path_or_url` (from reverse() or get_absolute_url()) on settings.SITE_URL; a URL with a scheme as is.

    An email is read outside the site, where a path leads nowhere: every link an email carries goes through
    this function.
    """
    if urlsplit(path_or_url).scheme:
        return path_or_url
    return settings.SITE_URL.rstrip("/") + "/" + path_or_url.lstrip("/")
