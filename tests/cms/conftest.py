"""Fixtures for the cms tests: the page tree, storefronts and a curator with the demo's admin permissions."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from cms import services
from cms.permissions import grant_curator_permissions
from marketplace.accounts.models import CURATORS_GROUP


@pytest.fixture(autouse=True)
def _empty_cache():
    # Renditions and page types are cached; each test starts cold so query counts do not depend on order.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return services.ensure_home()


@pytest.fixture
def storefront(home, supplier):
    return services.ensure_storefront(supplier)


@pytest.fixture
def admin_curator(curator):
    """The conftest curator, with the permissions the demo's Curators group has (pages, snippets, images)."""
    grant_curator_permissions(Group.objects.get(name=CURATORS_GROUP))
    return curator


def get_twice(client, url):
    """The first view creates renditions and warms caches; tests count queries on the second."""
    client.get(url)
    return client.get(url)
