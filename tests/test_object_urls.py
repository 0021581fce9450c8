"""Every URL of ours that names an object refuses everyone but the people the object is for.

The URLs are found, not listed: the resolver is walked as Django routes (tests/test_layering.py does the
same), and every pattern with a parameter (<int:pk>, <slug:slug>, <str:rail>, a regex group) that is ours
counts: its view or its URLconf belongs to one of our apps, or it is an admin view of a viewset our apps
register (catalog snippets, the Trade and Operations menus; Wagtail's own admin, such as its user admin over
our User model, is Wagtail's). Each one needs a recipe in tests/object_urls/recipes.py (what the URL names,
who it serves, who it must refuse) or a line in ALLOWED_PUBLIC saying why anyone may open it; a new object
URL without either fails `test_every_object_url_has_a_recipe_or_is_public`.

For each recipe, one test: an anonymous visitor and each stranger are refused (a 302 to a login page or to
the admin's dashboard, or 401/403/404, never a page) for GET and, when the recipe has a form, for POST,
and their POSTs change no row of ours and send nothing to Stripe; then each owner is served.
"""

import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.urls import URLResolver, get_resolver, reverse

from orders.payments import stripe_gateway
from tests.object_urls.recipes import RECIPES
from tests.object_urls.scene import Scene, snapshot_of
from tests.orders.stripe_standin import CannedStripe

# Object URLs anyone may open, and why.
ALLOWED_PUBLIC = {
    # Hidden and draft listings are 404 there (tests/catalog/test_pages.py).
    "catalog:product-detail": "a published product's public page",
    "trade:subcontract-new": "a public cluster's form to ask it for capacity, for any signed-in account",
    # Token links: holding the emailed token is the permission (tests/accounts: used once, expiring).
    "password_reset_confirm": "the emailed password-reset link; a wrong or used token shows Django's refusal",
    "signup-confirm": "the emailed sign-up confirmation link; a wrong, used or expired token is refused",
}
if settings.SERVE_MEDIA:
    ALLOWED_PUBLIC[rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$"] = (
        "public media (product photos) in development; private files live outside MEDIA_ROOT"
    )

# The back office's old /ops/ addresses: permanent redirects to the admin URL (which has its recipe).
MOVED = {
    "ops/orders/<int:pk>/": "operations_orders:inspect",
    "ops/orders/<int:pk>/refund-late-payment/": "operations_orders:inspect",
    "ops/commissions/<int:pk>/": "operations_commissions:edit",
    "ops/commissions/<int:pk>/delete/": "operations_commissions:delete",
    "ops/payouts/<int:pk>/": "operations_payouts:inspect",
    "ops/payouts/<int:pk>/<str:rail>.csv": "operations_payouts:csv",
}


# --- Finding the object URLs -------------------------------------------------------------------------------
@cache
def our_packages() -> frozenset[str]:
    """The apps whose code is in this repository; installed packages are not ours even when the virtual
    environment lives inside it (`make` puts it in .venv/)."""
    base = Path(settings.BASE_DIR).resolve()
    installed = Path(sys.prefix).resolve()
    return frozenset(
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and not Path(config.path).resolve().is_relative_to(installed)
        and "site-packages" not in Path(config.path).parts
    )


def is_ours(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in our_packages()


def our_admin_namespaces() -> set[str]:
    """The URL namespaces of the admin viewsets our apps register, and of the choosers Wagtail adds for our
    snippets (same model)."""
    from wagtail.admin.viewsets import viewsets

    ours = [viewset for viewset in viewsets.viewsets if is_ours(type(viewset).__module__)]
    models = {getattr(viewset, "model", None) for viewset in ours} - {None}
    return {viewset.url_namespace for viewset in ours} | {
        viewset.url_namespace for viewset in viewsets.viewsets if getattr(viewset, "model", None) in models
    }


def object_urls() -> dict[str, str]:
    """{URL name (its route when it has none): route} of every object URL of ours."""
    get_resolver().url_patterns  # noqa: B018 (loads the admin's URLs, which register the viewsets)
    admin_namespaces = our_admin_namespaces()
    found = {}

    def walk(patterns, namespaces, urlconf, prefix, parameters):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            here = parameters | set(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                module = getattr(pattern.urlconf_module, "__name__", urlconf)
                walk(pattern.url_patterns, inner, module, route, here)
                continue
            view = getattr(pattern.callback, "view_class", pattern.callback)
            ours = (
                is_ours(urlconf)
                or is_ours(view.__module__)
                or bool(namespaces and namespaces[-1] in admin_namespaces)
            )
            if ours and here:
                found[":".join([*namespaces, pattern.name]) if pattern.name else route] = route

    walk(get_resolver().url_patterns, [], settings.ROOT_URLCONF, "", set())
    return found


def test_every_object_url_has_a_recipe_or_is_public():
    found = set(object_urls())
    covered = set(RECIPES) | set(ALLOWED_PUBLIC) | set(MOVED)

    missing = sorted(found - covered)
    assert not missing, (
        "These URLs name an object but nothing says who may open them: add a recipe to "
        "tests/object_urls/recipes.py (what the URL names, who it serves, who it refuses), or, for a page "
        f"anyone may see, a line with the reason to ALLOWED_PUBLIC in {__name__}: {missing}"
    )
    assert not sorted(covered - found), f"No such object URL any more: {sorted(covered - found)}"


def test_the_walk_finds_our_views_our_admin_menus_and_not_wagtails_own():
    found = object_urls()

    assert {"orders:detail", "trade:attachment", "operations_payouts:csv", "trade_rfq:inspect"} <= set(found)
    assert "wagtailsnippetchoosers_catalog_certification:chosen" in found
    assert not [name for name in found if name.startswith(("wagtailusers", "wagtailadmin", "wagtailimages"))]


# --- Asking as everyone -----------------------------------------------------------------------------------
LOGIN_PAGES = ("login", "wagtailadmin_login")


def refused(response) -> bool:
    """A refusal: to a login page (or the admin's dashboard, Wagtail's "no permission"), or 401/403/404."""
    if response.status_code in (401, 403, 404):
        return True
    if response.status_code == 302:
        target = urlsplit(response["Location"]).path
        return target in {reverse(name) for name in LOGIN_PAGES} | {reverse("wagtailadmin_home")}
    return False


def described(response) -> str:
    return f"{response.status_code} {response.get('Location', '')}".strip()


def our_rows() -> dict:
    """How many rows each of our models holds: a refused request adds or deletes none."""
    return {model._meta.label: model._default_manager.count() for model in our_models()}


@cache
def our_models():
    return [model for model in apps.get_models() if is_ours(model.__module__) and not model._meta.proxy]


@pytest.fixture
def stripe(settings):
    """Stripe as a stand-in that answers nothing (404 at once) and records what it was asked."""
    settings.STRIPE_SECRET_KEY = "sk_test_object_urls"
    recorder = CannedStripe(timeout=1)
    stripe_gateway.set_http_client(recorder)
    yield recorder
    stripe_gateway.set_http_client(None)


def url_of(name, args) -> str:
    return reverse(name, args=[value.pk if isinstance(value, Model) else value for value in args])


def ask(client, user, url, method, form=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.post(url, form) if method == "POST" else client.get(url)


def assert_refused(client, stripe, name, recipe, url, form, people, rows):
    """Each of `people` ({who: user}) is refused `url` by GET (unless POST-only) and POST (when the recipe
    has a form), and nothing changed: our tables' row counts, the `rows` named, Stripe not called."""
    before = (our_rows(), [snapshot_of(row) for row in rows], len(stripe.sent))
    methods = ([] if recipe.post_only else ["GET"]) + ([] if form is None else ["POST"])
    for who, user in people.items():
        for method in methods:
            response = ask(client, user, url, method, form)
            assert refused(response), f"{name}: {method} {url} as {who} gave {described(response)}"
    after = (our_rows(), [snapshot_of(row) for row in rows], len(stripe.sent))
    changed = {
        label: (before[0][label], count) for label, count in after[0].items() if before[0][label] != count
    }
    assert not changed, f"{name}: a refused request added or deleted rows: {changed}"
    assert after[1] == before[1], f"{name}: a refused request changed a row"
    assert after[2] == before[2], f"{name}: a refused request called Stripe"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(RECIPES))
def test_an_object_url_refuses_everyone_but_the_people_it_is_for(client, stripe, name):
    recipe, scene = RECIPES[name], Scene()
    args = recipe.args(scene)
    url, form = url_of(name, args), recipe.form(scene) if recipe.form else None
    people = {"an anonymous visitor": None} | {who: getattr(scene, who) for who in recipe.strangers}
    rows = [value for value in args if isinstance(value, Model)]

    assert_refused(client, stripe, name, recipe, url, form, people, rows)

    assert recipe.owners or recipe.why, f"{name}: a URL that serves nobody says why"
    for who in recipe.owners:
        response = ask(client, getattr(scene, who), url, "POST" if recipe.post_only else "GET", form)
        if recipe.post_only:  # its normal answer: the page again (a form error) or a redirect onwards
            assert response.status_code in (200, 302) and not refused(response), (
                f"{name}: POST {url} as {who} (its owner) gave {described(response)}"
            )
        else:
            assert response.status_code == 200, (
                f"{name}: GET {url} as {who} (its owner) gave {described(response)}"
            )


class Ghost:
    """Stands for a scene and everything on it: what a recipe's URL names, counted without building it."""

    def __getattr__(self, name):
        return Ghost()


TWO_OBJECTS = sorted(
    name
    for name, recipe in RECIPES.items()
    if recipe.owners and sum(isinstance(value, Ghost) for value in recipe.args(Ghost())) >= 2
)


@pytest.mark.django_db
@pytest.mark.parametrize("name", TWO_OBJECTS)
def test_an_owner_is_refused_someone_elses_object_named_inside_their_own(client, stripe, name):
    """orders/<mine>/dispute-photos/<theirs>/: the inner object must belong to the outer one."""
    recipe, mine, theirs = RECIPES[name], Scene(), Scene()
    args = (*recipe.args(mine)[:-1], recipe.args(theirs)[-1])
    url, form = url_of(name, args), recipe.form(mine) if recipe.form else None
    people = {f"{who} (of the outer object)": getattr(mine, who) for who in recipe.owners}

    assert_refused(client, stripe, name, recipe, url, form, people, [v for v in args if isinstance(v, Model)])


@pytest.mark.parametrize("route", sorted(MOVED))
def test_an_old_ops_address_moves_to_its_checked_admin_url(client, route):
    target = MOVED[route]
    args = [7, "bank"] if "<str:rail>" in route else [7]
    old = "/" + route.replace("<int:pk>", "7").replace("<str:rail>", "bank")

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == reverse(target, args=args)
    assert target in RECIPES
