"""Fixtures for the actors, shared by every test package."""

import pytest
from django.contrib.auth.models import Group

from marketplace.accounts.models import CURATORS_GROUP, OPERATORS_GROUP

from .factories import BuyerFactory, MembershipFactory, SupplierFactory, UserFactory

PASSWORD = "pass-word-123"

# In CI (CI=true) a skipped test fails the run, except a PostgreSQL-only test on SQLite.
pytest_plugins = ["pytester", "tests.ci_rules"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    from django.core.cache import cache

    # Each test starts with an empty cache: cached rows (rates, renditions, page types, responsiveness)
    # of an earlier test's database must not leak into the next one.
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tasks run in the caller unless a test asks for a real queue and worker (tests/tasks/).
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield
    # Each test ends in the site's language: a request in Urdu leaves Urdu active in this thread (the
    # LocaleMiddleware activates it and nothing deactivates it), and the next test's labels came out in Urdu.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _wagtail_tree_roots(request):
    """Transactional tests start with Wagtail's default Locale, root Collection and root Page.

    A transactional test empties every table when it ends (Django flushes instead of rolling back), so
    without this the next transactional test, in any order, runs without them and photo uploads fail
    (an image's collection defaults to the root collection).
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    if not Page.get_first_root_node():
        Page.add_root(title="Root", slug="root", content_type=_page_content_type())


def _page_content_type():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page)


@pytest.fixture
def on_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


@pytest.fixture
def on_sqlite_run():
    """For a test that never touches the suite's database (it starts `make serve` on a SQLite file of its
    own): it would run the same in both of CI's runs, so it runs in the SQLite one only (tests/ci_rules.py
    allows this skip, marked `sqlite_run`, on PostgreSQL only)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("runs in the SQLite run only: it does not use the suite's database")


@pytest.fixture
def buyer(db):
    return BuyerFactory()


@pytest.fixture
def supplier(db):
    return SupplierFactory()


@pytest.fixture
def artisan(db, supplier):
    """A member (owner) of `supplier`."""
    return MembershipFactory(supplier=supplier, role="owner").user


@pytest.fixture
def other_artisan(db):
    """A member of a different supplier."""
    return MembershipFactory().user


@pytest.fixture
def curator(db):
    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    user.groups.add(group)
    _grant_wagtail_admin(group)
    return user


@pytest.fixture
def operator(db):
    """A member of the Operators group, with the group's admin access as cms/permissions.py grants it."""
    from cms.permissions import grant_operator_permissions

    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name=OPERATORS_GROUP)
    grant_operator_permissions(group)
    user.groups.add(group)
    return user


def _grant_wagtail_admin(group):
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))


@pytest.fixture
def client_for(client):
    """client_for(user) logs `user` into the Django test client and returns it."""

    def login(user):
        client.force_login(user)
        return client

    return login
