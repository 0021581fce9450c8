"""Links made outside the page (marketplace.links): absolute URLs for emails, public pages served above."""

import pytest

from marketplace import links
from marketplace.accounts.models import User


@pytest.mark.parametrize(
    "site_url, path, expected",
    [
        ("https://market.example", "/inbox/5/", "https://market.example/inbox/5/"),
        ("https://market.example/", "/inbox/5/", "https://market.example/inbox/5/"),
        ("http://127.0.0.1:8000", "rfqs/3/", "http://127.0.0.1:8000/rfqs/3/"),
        ("https://market.example", "https://cdn.example/a.pdf", "https://cdn.example/a.pdf"),
    ],
)
def test_absolute_url_puts_a_path_on_site_url(settings, site_url, path, expected):
    settings.SITE_URL = site_url
    assert links.absolute_url(path) == expected


def test_a_model_no_app_serves_pages_of_has_no_public_page():
    with pytest.raises(LookupError, match="accounts.User"):
        links.public_page_url(User(email="a@example.com"))


def test_one_app_serves_a_models_public_pages(monkeypatch):
    monkeypatch.setattr(links, "_public_pages", {})
    links.serve_public_pages("accounts.User", lambda user: f"/people/{user.pk}/")
    links.serve_public_pages("accounts.User", links._public_pages["accounts.User"])  # the same: harmless

    assert links.public_page_url(User(pk=4)) == "/people/4/"
    with pytest.raises(ValueError, match="already serves"):
        links.serve_public_pages("accounts.User", lambda user: "/elsewhere/")
