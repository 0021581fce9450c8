"""The pay page's Content-Security-Policy allows Stripe.js, its frames and its API, and nothing else extra."""

import pytest
from django.urls import reverse

from marketplace.csp import header_value
from orders.payments import stripe_gateway
from tests.test_csp import InlineCode, assert_strict, directives, directives_of

pytestmark = pytest.mark.django_db


def pay_page(client_for, buyer, order):
    response = client_for(buyer).post(reverse("orders:pay", args=[order.pk]))
    assert response.status_code == 200
    return response


def test_with_stripes_own_stripe_js_the_policy_allows_stripes_origins_per_its_guide(settings):
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"
    settings.STRIPE_API_BASE = ""  # production: Stripe.js calls Stripe's API
    policy = directives_of(header_value(settings.CONTENT_SECURITY_POLICY, stripe_gateway.browser_sources()))

    assert_strict(policy, "pay page")
    assert policy["script-src"] == ["'self'", "https://js.stripe.com", "https://*.js.stripe.com"]
    assert policy["frame-src"] == [
        "https://js.stripe.com",
        "https://*.js.stripe.com",
        "https://hooks.stripe.com",
    ]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com"]


def test_pay_page_policy_follows_the_stripe_js_url_setting(client_for, stripe_api, settings, order, buyer):
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"
    response = pay_page(client_for, buyer, order)
    policy = directives(response)

    assert '<script src="http://127.0.0.1:8420/js.stripe.com/v3/">' in response.content.decode()
    assert policy["script-src"] == ["'self'", "http://127.0.0.1:8420"]
    assert policy["frame-src"] == ["http://127.0.0.1:8420"]
    assert policy["connect-src"] == ["'self'", settings.STRIPE_API_BASE.rstrip("/")]


def test_pay_page_has_no_inline_code(client_for, stripe_api, order, buyer):
    parser = InlineCode()
    parser.feed(pay_page(client_for, buyer, order).content.decode())
    assert parser.found == []


def test_the_order_page_next_to_it_allows_no_stripe(client_for, stripe_api, order, buyer):
    policy = directives(client_for(buyer).get(order.get_absolute_url()))
    assert not any(
        "stripe" in source or "8420" in source for sources in policy.values() for source in sources
    )
