"""Index updates on commit: a catalog change reindexes the products it touches, and only those."""

import pytest

from catalog.models import Product
from search import services
from search.backends.database import DatabaseBackend
from search.models import SearchEntry
from search.query import SearchQuery
from tests.factories import ProductFactory

from .factories import category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.SEARCH_BACKEND = "database"


def found(text):
    return set(DatabaseBackend().search(SearchQuery(text=text)).ids)


def test_renaming_a_category_reindexes_the_products_below_it(django_capture_on_commit_callbacks):
    home = category("Home")
    rug = ProductFactory(category=category("Rugs", parent=home))
    services.rebuild_index(services.database_backend())
    with django_capture_on_commit_callbacks(execute=True):
        home.name = "Dwelling"
        home.save()
    assert rug.pk in found("dwelling")


def test_a_category_change_leaves_a_sibling_whose_slug_starts_the_same_alone(
    django_capture_on_commit_callbacks,
):
    home = category("Home")
    textiles = category("Home textiles")  # path "home-textiles" starts with "home" but is not below it
    cushion = ProductFactory(category=textiles, title="Ajrak cushion cover")
    services.rebuild_index(services.database_backend())
    # Change the row behind the index's back (update() sends no signal): only a reindex would pick it up.
    Product.objects.filter(pk=cushion.pk).update(title="Changed without a signal")
    with django_capture_on_commit_callbacks(execute=True):
        home.name = "Dwelling"
        home.save()
    assert SearchEntry.objects.get(product_id=cushion.pk).title == "Ajrak cushion cover"
