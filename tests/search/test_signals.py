"""Index updates on commit: a catalog change reindexes the products it touches, and only those."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import Product
from search import services, signals
from search.backends.database import DatabaseBackend
from search.models import SearchEntry
from search.query import SearchQuery
from tests.currency.helpers import product_in, store_rates
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


def _price_usd(product):
    return SearchEntry.objects.get(product_id=product.pk).price_usd


def test_a_new_rate_for_today_reindexes_the_usd_prices_of_products_in_that_currency(
    django_capture_on_commit_callbacks,
):
    store_rates()  # yesterday: 280 PKR to the dollar
    shawl, ball = product_in("PKR", "2800"), product_in("USD", "12.00")
    services.rebuild_index(services.database_backend())
    assert _price_usd(shawl) == Decimal("10")

    with django_capture_on_commit_callbacks(execute=True):
        store_rates({"PKR": "350", "GBP": "0.80"}, on=timezone.localdate())

    assert _price_usd(shawl) == Decimal("8")
    assert _price_usd(ball) == Decimal("12")


def test_a_back_filled_older_rate_reindexes_nothing(django_capture_on_commit_callbacks, monkeypatch):
    with django_capture_on_commit_callbacks(execute=True):
        store_rates()
    product_in("PKR", "2800")
    reindexed = []
    monkeypatch.setattr(signals, "_update_products_of", lambda kind, key: reindexed.append((kind, key)))

    with django_capture_on_commit_callbacks(execute=True):
        store_rates({"PKR": "300"}, on=timezone.localdate() - timedelta(days=5))
        store_rates({"GBP": "0.80"}, on=timezone.localdate())

    assert reindexed == [("currencies", ["GBP"])]
