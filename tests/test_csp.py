"""Content-Security-Policy: the public site runs no inline code, and its policy says so.

Every page reachable from the home page, for a visitor, a buyer, an artisan and an operator, is parsed: no
inline <script>, no on* handler attribute, no javascript: link, no inline style (the strict policy allows
none), and the header is the strict one. Wagtail's admin gets its own, relaxed policy.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from cms.demo.builder import build_demo
from cms.models import SupplierPage
from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

# <script> types that hold data, which browsers never run (and CSP does not govern).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """The inline code of a page, one line per finding, and the same-site links it holds."""

    def __init__(self):
        super().__init__()
        self.found, self.links = [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> (inline event handler)")
            elif name == "style":
                self.found.append(f"<{tag} style=...> (inline style)")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}='javascript:...'>")
        if tag == "style":
            self.found.append("<style> element (inline style)")
        if tag == "script" and not attrs.get("src") and attrs.get("type") not in DATA_SCRIPT_TYPES:
            self._script = ""
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script.strip():
                self.found.append(f"inline <script>: {self._script.strip()[:60]!r}")
            self._script = None


def directives_of(header: str) -> dict[str, list[str]]:
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def directives(response) -> dict[str, list[str]]:
    return directives_of(response.get("Content-Security-Policy", ""))


def assert_strict(policy, where):
    assert policy, f"{where}: no Content-Security-Policy header"
    for directive in ("script-src", "style-src"):
        assert policy[directive] and not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(policy[directive]), (
            f"{where}: {directive} {policy[directive]}"
        )
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], where
    assert "'self'" in policy["base-uri"] and "'self'" in policy["form-action"], where


def crawl(client, starts, per_section=6):
    """GET pages breadth-first from `starts` through same-site links, at most `per_section` pages under each
    first path segment (a few storefronts stand for all); {path: response} of the HTML pages."""
    admin = reverse("wagtailadmin_home")
    skip = (admin, settings.STATIC_URL, settings.MEDIA_URL, reverse("logout"))
    seen, pages, queue, sections = set(starts), {}, deque(starts), Counter()
    while queue:
        path = queue.popleft()
        section = path.split("/")[1]
        if sections[section] >= per_section:
            continue
        sections[section] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages[path] = response
        parser = InlineCode()
        parser.feed(response.content.decode())
        response.inline_code = parser.found
        for href in parser.links:
            link = urldefrag(href).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/") or link.startswith(skip):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def test_every_page_reachable_from_home_has_the_strict_policy_and_no_inline_code(client):
    build_demo(products=8)
    starts = [
        "/",
        reverse("login"),
        reverse("signup"),
        reverse("password_reset"),
        reverse("orders:cart"),
        reverse("search:search") + "?q=pottery",
    ]
    problems, checked = [], 0
    for email in [None, "buyer@demo.pk", "artisan@demo.pk", "operator@demo.pk"]:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for path, response in crawl(client, starts).items():
            checked += 1
            assert_strict(directives(response), f"{path} as {email or 'visitor'}")
            problems += [f"{path} as {email or 'visitor'}: {finding}" for finding in response.inline_code]
    assert checked > 60
    assert problems == []


def test_the_strict_policy_allows_no_stripe_outside_the_pay_page(client):
    policy = directives(client.get(reverse("login")))
    assert not any("stripe" in source for sources in policy.values() for source in sources)


def test_wagtail_admin_gets_its_own_policy_that_its_inline_scripts_need(client, curator):
    client.force_login(curator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"] and "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # the page preview is framed by the admin
    assert policy["object-src"] == ["'none'"]


def test_a_policy_the_settings_change_is_sent_from_the_next_response(client, settings):
    # The middleware remembers the header of each settings policy (marketplace/csp.py): never a stale one.
    client.get(reverse("login"))

    settings.CONTENT_SECURITY_POLICY = {"default-src": ["'self'"], "img-src": ["'self'", "data:"]}

    response = client.get(reverse("login"))
    assert response["Content-Security-Policy"] == "default-src 'self'; img-src 'self' data:"


def test_a_view_that_sets_its_own_policy_keeps_it(client, settings, tmp_path):
    # Wagtail serves documents with "default-src 'none'": the middleware must not replace it.
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    document = Document.objects.create(title="Price list", file=ContentFile(b"%PDF-1.4", name="prices.pdf"))
    response = client.get(document.url)
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_public_pages_may_not_be_framed(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"


def test_the_page_check_finds_inline_scripts_handlers_styles_and_javascript_links():
    parser = InlineCode()
    parser.feed(
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/ld+json">{"a": 1}</script><button onclick="go()">x</button>'
        '<p style="color:red">x</p><style>p{}</style><a href="javascript:go()">x</a>'
    )
    assert parser.found == [
        "inline <script>: 'alert(1)'",
        "<button onclick=...> (inline event handler)",
        "<p style=...> (inline style)",
        "<style> element (inline style)",
        "<a href='javascript:...'>",
    ]


def test_wagtail_page_preview_keeps_the_strict_policy_but_may_be_framed_by_the_admin(rf, curator):
    build_demo(products=2)
    storefront = SupplierPage.objects.first()
    # What the admin's preview view does: the page served through the middleware for a dummy request.
    editor_request = rf.get(reverse("wagtailadmin_pages:edit", args=[storefront.pk]))
    editor_request.user = curator
    response = storefront.make_preview_request(original_request=editor_request)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
