"""Which currency a visitor reads prices in: ?currency=, else the cookie, else the profile, else USD."""

import re

import pytest

from marketplace.currency import COOKIE_NAME

from .helpers import product_in, store_rates


@pytest.fixture
def pkr_product(db):
    store_rates()
    return product_in("PKR", "2800")


def page(client, url="/products/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_a_visitor_who_chose_nothing_reads_usd(client, pkr_product):
    assert "from 10.00 USD (2,800.00 PKR)" in page(client).content.decode()


def test_currency_in_the_url_selects_it_and_the_cookie_remembers_it(client, pkr_product):
    response = page(client, currency="GBP")
    assert "from 7.50 GBP (2,800.00 PKR)" in response.content.decode()
    assert response.cookies[COOKIE_NAME].value == "GBP"
    assert "from 7.50 GBP" in page(client).content.decode()  # next page, no parameter: the cookie


def test_an_unknown_currency_in_the_url_is_ignored(client, pkr_product):
    response = page(client, currency="XYZ")
    assert COOKIE_NAME not in response.cookies
    assert "from 10.00 USD" in response.content.decode()


def test_the_signed_in_buyers_preferred_currency_applies_without_a_cookie(client_for, buyer, pkr_product):
    assert buyer.preferred_currency == "EUR"
    assert "from 8.00 EUR (2,800.00 PKR)" in page(client_for(buyer)).content.decode()


def test_the_cookie_wins_over_the_profile(client_for, buyer, pkr_product):
    client = client_for(buyer)
    client.cookies[COOKIE_NAME] = "GBP"
    assert "from 7.50 GBP" in page(client).content.decode()


def test_the_url_wins_over_the_cookie(client, pkr_product):
    client.cookies[COOKIE_NAME] = "GBP"
    assert "from 2,800.00 PKR</p>" in page(client, currency="PKR").content.decode()


def test_choosing_a_currency_signed_in_stores_it_on_the_profile(client_for, buyer, pkr_product):
    page(client_for(buyer), currency="AED")
    buyer.refresh_from_db()
    assert buyer.preferred_currency == "AED"


def test_the_header_chooser_shows_the_choice_and_keeps_the_pages_query(client, pkr_product):
    html = page(client, sort="price", currency="GBP").content.decode()
    chooser = re.search(r'<form method="get" class="currency-chooser".*?</form>', html, re.S).group(0)
    assert '<option value="GBP" selected>' in chooser
    assert '<input type="hidden" name="sort" value="price">' in chooser
    assert 'name="currency" value=' not in chooser  # the select carries it, not a stale hidden copy
