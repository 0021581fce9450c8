"""/products/ and the product page: prices in the buyer's currency, price sorts by USD value, fragments
cached per currency."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from marketplace.currency import COOKIE_NAME
from marketplace.exchange.models import ExchangeRate

from .helpers import LOW_TO_HIGH_IN_USD, mixed_currency_products, product_in, store_rates


@pytest.fixture
def products(db):
    store_rates()
    return mixed_currency_products()


def listed(client, **params):
    response = client.get("/products/", params)
    assert response.status_code == 200
    return [card.product.pk for card in response.context["cards"]]


def visitor(currency):
    client = Client()
    client.cookies[COOKIE_NAME] = currency
    return client


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_price_low_to_high_compares_usd_values_not_raw_numbers(client, products):
    assert listed(client, sort="price") == [products[key].pk for key in LOW_TO_HIGH_IN_USD]


def test_price_high_to_low_compares_usd_values_not_raw_numbers(client, products):
    assert listed(client, sort="price_desc") == [products[key].pk for key in reversed(LOW_TO_HIGH_IN_USD)]


def test_a_product_whose_currency_has_no_rate_comes_last_in_both_price_orders(client, products):
    ExchangeRate.objects.filter(currency="GBP").delete()
    assert listed(client, sort="price")[-1] == products["gbp"].pk
    assert listed(client, sort="price_desc")[-1] == products["gbp"].pk


def test_the_price_sort_costs_no_query_beyond_the_newest_sort(client, products):
    for sort in ("newest", "price"):
        client.get("/products/", {"sort": sort})  # cards and rates cached, as on a busy site
    counts = {}
    for sort in ("newest", "price"):
        cache.clear()  # cold: the rates are read again (1 query), the cards rendered again
        with CaptureQueriesContext(connection) as queries:
            client.get("/products/", {"sort": sort})
        counts[sort] = len(queries)
    # the header's and footer's links (cms navigation, cached), categories, clusters, rates, count, products,
    # then images and tiers of the cards rendered
    assert counts == {"newest": 8, "price": 8}


def test_cards_on_the_product_list_show_the_buyers_currency(products):
    html = html_of(visitor("GBP"), "/products/")
    # 2,800 PKR = 10 USD = 7.50 GBP; 12.80 EUR = 16 USD = 12.00 GBP
    assert "from 7.50 GBP (2,800.00 PKR)" in html and "from 12.00 GBP (12.80 EUR)" in html
    assert "from 10.00 GBP</p>" in html  # the GBP product: its own price once


def test_a_card_cached_for_one_currency_is_never_served_in_another(products):
    assert "from 7.50 GBP (2,800.00 PKR)" in html_of(visitor("GBP"), "/products/")
    html = html_of(visitor("USD"), "/products/")
    assert "from 10.00 USD (2,800.00 PKR)" in html and "7.50 GBP" not in html


def test_a_new_rate_gives_cards_a_new_price(products):
    assert "from 7.50 GBP" in html_of(visitor("GBP"), "/products/")
    ExchangeRate.objects.create(currency="GBP", on_date=timezone.localdate(), per_usd=Decimal("0.80"))
    assert "from 8.00 GBP (2,800.00 PKR)" in html_of(visitor("GBP"), "/products/")


def test_the_product_page_tier_table_is_in_the_buyers_currency_with_the_rates_date(products):
    product = products["pkr"]
    html = html_of(visitor("GBP"), product.get_absolute_url())
    assert "<td>7.50 GBP (2,800.00 PKR)</td>" in html
    day = ExchangeRate.objects.get(currency="GBP").on_date
    assert "converted from the supplier's PKR at the stored exchange rate of" in html
    assert date_format(day) in html  # "Dec. 2, 2026"


def test_the_product_page_without_a_rate_shows_the_suppliers_price_and_says_so(db, client):
    product = product_in("PKR", "2800")  # no rate stored at all
    html = html_of(visitor("GBP"), product.get_absolute_url())
    assert "<td>2,800.00 PKR (conversion unavailable)</td>" in html
    assert "No exchange rate to GBP is stored" in html


def test_the_product_page_cached_for_one_currency_is_never_served_in_another(products):
    url = products["eur"].get_absolute_url()
    assert "<td>12.00 GBP (12.80 EUR)</td>" in html_of(visitor("GBP"), url)
    html = html_of(visitor("EUR"), url)
    assert "<td>12.80 EUR</td>" in html and "12.00 GBP" not in html


def test_the_sample_price_is_in_the_buyers_currency(db):
    store_rates()
    product = product_in("PKR", "2800", sample_available=True, sample_price=Decimal("5600"))
    html = html_of(visitor("GBP"), product.get_absolute_url())
    assert "15.00 GBP (5,600.00 PKR)" in html  # the facts and the "Order a sample" button
    assert "Order a sample (15.00 GBP (5,600.00 PKR))" in html
