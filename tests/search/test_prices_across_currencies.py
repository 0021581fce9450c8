"""Search prices across currencies: sorts compare USD values from the rate table, at the buyer's quantity
when given, and the cards show the price the sort used, in the buyer's currency."""

import pytest

from marketplace.currency import COOKIE_NAME
from search import services
from search.documents import build_documents, products_for_index
from tests.currency.helpers import LOW_TO_HIGH_IN_USD, mixed_currency_products, product_in, store_rates
from tests.factories import ProductFactory, SupplierFactory


@pytest.fixture
def index(db, settings):
    settings.SEARCH_BACKEND = "database"
    store_rates()

    def rebuild():
        services.rebuild_index(services.database_backend())

    return rebuild


def found(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def test_lowest_price_compares_usd_values_not_raw_numbers(client, index):
    products = mixed_currency_products()
    index()
    ids = [p.pk for p in found(client, sort="price").context["products"]]
    assert ids == [products[key].pk for key in LOW_TO_HIGH_IN_USD]


@pytest.fixture
def tiered(index):
    """From-prices and prices at 100 that sort differently, in three currencies."""

    def make(currency, tiers, title):
        return ProductFactory(supplier=SupplierFactory(currency=currency), tiers=tiers, title=title)

    products = {
        # 10+: 4.00 GBP = 5.33 USD; 100+: 3.80 GBP = 5.07 USD
        "gbp": make("GBP", [(10, "4.00"), (100, "3.80")], "Walnut box"),
        # 10+: 2,800 PKR = 10.00 USD; 100+: 1,120 PKR = 4.00 USD
        "pkr": make("PKR", [(10, "2800"), (100, "1120")], "Ajrak shawl"),
        # 10+: 6.00 USD; 100+: 4.50 USD
        "usd": make("USD", [(10, "6.00"), (100, "4.50")], "Leather ball"),
    }
    index()
    return products


def test_lowest_price_at_a_quantity_uses_each_products_tier_at_that_quantity_in_usd(client, tiered):
    ids = [p.pk for p in found(client, sort="price", qty=100).context["products"]]
    assert ids == [tiered["pkr"].pk, tiered["usd"].pk, tiered["gbp"].pk]


def test_cards_at_a_quantity_show_the_price_at_that_quantity_in_the_buyers_currency(client, tiered):
    client.cookies[COOKIE_NAME] = "GBP"
    html = found(client, sort="price", qty=100).content.decode()
    # 1,120 PKR = 4.00 USD = 3.00 GBP; 4.50 USD = 3.38 GBP (3.375 half up)
    assert "at 100 piece: 3.00 GBP (1,120.00 PKR)" in html
    assert "at 100 piece: 3.38 GBP (4.50 USD)" in html
    assert "at 100 piece: 3.80 GBP</p>" in html
    assert "from " not in html.split('class="results"')[1]


def test_a_card_under_the_moq_at_the_quantity_says_it_is_not_sold_there(client, index):
    product_in("USD", "9.00", moq=50, title="Big carpet")  # tier at 10 but MOQ 50
    index()
    html = found(client, sort="price", qty=20).content.decode()
    assert "Not sold at 20 piece (minimum order above it)" in html


def test_cards_without_a_quantity_show_the_from_price_in_the_buyers_currency(client, index):
    product_in("EUR", "12.80")
    index()
    client.cookies[COOKIE_NAME] = "PKR"
    # 12.80 EUR = 16.00 USD = 4,480.00 PKR
    assert "from 4,480.00 PKR (12.80 EUR)" in found(client).content.decode()


def test_a_product_whose_currency_has_no_rate_has_no_usd_price_and_no_price_band(db):
    product = product_in("AED", "120.00")  # no AED rate stored: 120 must not pass for 120 USD
    (document,) = build_documents(products_for_index([product.pk]))
    assert document.price_usd is None and document.tiers_usd == []
    assert not [value for facet, value in document.facets if facet == "price"]
