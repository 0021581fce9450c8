"""The error pages a visitor meets in production (DEBUG off): styled, translated, never Django's debug page
or a bare "Server Error"; the 500 page and the refused-form page render without the database."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.error_urls"


def test_an_unknown_page_is_the_styled_404_page_with_the_sites_header(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html and 'class="menu-button"' in html
    assert "site.css" in html


def test_an_unknown_product_is_the_styled_404_page(client):
    response = client.get(reverse("catalog:product-detail", args=["no-such-product"]))
    assert response.status_code == 404 and "We could not find that page" in response.content.decode()


def test_a_refusal_is_the_styled_403_page(client):
    response = client.get("/forbidden/")
    assert response.status_code == 403 and "You may not open this page" in response.content.decode()


def test_a_bug_is_the_styled_500_page(db):
    response = Client(raise_request_exception=False).get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and "site.css" in html


def test_the_500_page_renders_without_a_query_or_a_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


def test_a_form_sent_without_its_csrf_token_is_the_styled_expired_form_page():
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "a@b.c"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_the_error_pages_follow_the_visitors_language_direction(client):
    response = client.get("/no-such-page/", headers={"accept-language": "ur"})
    assert 'dir="rtl"' in response.content.decode()
