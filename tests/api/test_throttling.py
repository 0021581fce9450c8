"""Rate limits per token: each token has its own count; writes have a lower limit of their own."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {"api": "3/minute", "api_write": "1/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    # DRF reads the rates into a class attribute at import: point it at the test's.
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    cache.clear()
    yield
    SimpleRateThrottle.THROTTLE_RATES = original


def test_a_token_over_its_rate_is_refused_429_with_retry_after(low_rates, api_client_for, buyer):
    client = api_client_for(buyer)
    for _ in range(3):
        assert client.get(reverse("api:category-list")).status_code == 200

    response = client.get(reverse("api:category-list"))

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_another_token_of_the_same_user_has_its_own_count(low_rates, api_client_for, buyer):
    first = api_client_for(buyer)
    for _ in range(3):
        first.get(reverse("api:category-list"))

    response = api_client_for(buyer).get(reverse("api:category-list"))

    assert response.status_code == 200


def test_writes_have_their_own_lower_rate(low_rates, api_client_for, artisan, supplier):
    product = ProductFactory(supplier=supplier)
    client = api_client_for(artisan)
    url = reverse("api:listing-detail", args=[product.pk])
    assert client.patch(url, {"title": "Once"}).status_code == 200

    response = client.patch(url, {"title": "Twice"})

    assert response.status_code == 429
    assert client.get(url).status_code == 200
