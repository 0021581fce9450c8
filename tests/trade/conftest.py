"""Trade fixtures: a category with two matching suppliers (each with a member), an open RFQ, a cluster."""

import pytest
from django.core.cache import cache

from tests.factories import CategoryFactory, ClusterFactory, MembershipFactory, SupplierFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db):
    return CategoryFactory(name="Ceramics", slug="ceramics")


@pytest.fixture
def cluster(db):
    return ClusterFactory(slug="multan-pottery")


@pytest.fixture
def matching_supplier(category, cluster, supplier):
    """`supplier` (whose member is `artisan`) makes ceramics in `cluster`."""
    supplier.categories.add(category)
    supplier.clusters.add(cluster)
    return supplier


@pytest.fixture
def rival_supplier(category, cluster):
    rival = SupplierFactory(name="Rival Pottery")
    rival.categories.add(category)
    rival.clusters.add(cluster)
    return rival


@pytest.fixture
def rival_artisan(rival_supplier):
    return MembershipFactory(supplier=rival_supplier, role="owner").user


@pytest.fixture
def rfq(buyer, category, matching_supplier, rival_supplier):
    from .factories import RFQFactory

    return RFQFactory(buyer=buyer, category=category, currency="USD")


@pytest.fixture
def rates(db):
    """A small dated rate table: 1 USD = 0.92 EUR = 280 PKR."""
    from datetime import date
    from decimal import Decimal

    from marketplace.exchange.models import ExchangeRate

    ExchangeRate.objects.create(currency="EUR", on_date=date(2020, 1, 1), per_usd=Decimal("0.92"))
    ExchangeRate.objects.create(currency="PKR", on_date=date(2020, 1, 1), per_usd=Decimal("280"))
