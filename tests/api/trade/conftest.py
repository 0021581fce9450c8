"""Trade API fixtures: an API client per user, and the trade scene of tests/trade (a ceramics category, two
matching suppliers with a member each, an open RFQ of `buyer`).

`trade_client_for` sends a write-scoped API token of the user, as a procurement system would.
"""

import pytest
from rest_framework.test import APIClient

from tests.factories import BuyerFactory, CategoryFactory, ClusterFactory, MembershipFactory, SupplierFactory
from tests.trade.factories import QuoteFactory, RFQFactory


@pytest.fixture
def trade_client_for(api_client_for):
    return api_client_for


@pytest.fixture
def anonymous(db):
    return APIClient()


@pytest.fixture
def other_buyer(db):
    return BuyerFactory()


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
    """500 pieces of ceramics, USD, open for a week."""
    return RFQFactory(buyer=buyer, category=category, currency="USD")


@pytest.fixture
def quote(rfq, matching_supplier, artisan):
    """`matching_supplier`'s quote: 10.00 USD a piece, 5,000.00 for the 500."""
    return QuoteFactory(rfq=rfq, supplier=matching_supplier, submitted_by=artisan)


@pytest.fixture
def rival_quote(rfq, rival_supplier, rival_artisan):
    """The rival's cheaper quote: 9.00 USD a piece."""
    return QuoteFactory(rfq=rfq, supplier=rival_supplier, submitted_by=rival_artisan, unit_price="9.00")


@pytest.fixture
def rates(db):
    """A small dated rate table: 1 USD = 0.92 EUR = 280 PKR."""
    from datetime import date
    from decimal import Decimal

    from marketplace.exchange.models import ExchangeRate

    ExchangeRate.objects.create(currency="EUR", on_date=date(2020, 1, 1), per_usd=Decimal("0.92"))
    ExchangeRate.objects.create(currency="PKR", on_date=date(2020, 1, 1), per_usd=Decimal("280"))
