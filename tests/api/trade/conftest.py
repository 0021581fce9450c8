"""Trade API fixtures: an API client per user, and the trade scene of tests/trade (a ceramics category, two
matching suppliers with a member each, an open RFQ of `buyer`).

`trade_client_for` sends a write-scoped API token of the user, as a procurement system would.
"""

import pytest
from rest_framework.test import APIClient

from tests.factories import BuyerFactory
from tests.trade import conftest as trade_scene
from tests.trade.factories import QuoteFactory

# The trade scene of the pages' tests (tests/trade/conftest.py), shared rather than copied.
category = trade_scene.category
cluster = trade_scene.cluster
matching_supplier = trade_scene.matching_supplier
rival_supplier = trade_scene.rival_supplier
rival_artisan = trade_scene.rival_artisan
rfq = trade_scene.rfq
rates = trade_scene.rates


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
def quote(rfq, matching_supplier, artisan):
    """`matching_supplier`'s quote: 10.00 USD a piece, 5,000.00 for the 500."""
    return QuoteFactory(rfq=rfq, supplier=matching_supplier, submitted_by=artisan)


@pytest.fixture
def rival_quote(rfq, rival_supplier, rival_artisan):
    """The rival's cheaper quote: 9.00 USD a piece."""
    return QuoteFactory(rfq=rfq, supplier=rival_supplier, submitted_by=rival_artisan, unit_price="9.00")
