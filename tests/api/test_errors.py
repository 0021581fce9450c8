"""Every error is {"error": {"code", "message", ["fields"]}} with a stable code; domain errors registered in
api.errors.DOMAIN_ERRORS (by any app, at any time) come out the same way."""

import pytest
from django.urls import reverse
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from api import errors
from catalog.models import BelowMinimumOrder
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


class CapacityExhausted(Exception):
    code = "capacity_exhausted"


def raising(exception):
    class Raising(APIView):
        def get(self, request):
            raise exception

    return Raising.as_view()


def call(view, user):
    request = APIRequestFactory().get(reverse("api:product-list"))
    force_authenticate(request, user=user)
    return view(request)


def test_a_validation_error_names_each_field_with_its_messages(api_client_for, buyer):
    response = api_client_for(buyer).get(reverse("api:product-list"), {"moq_max": "many", "region": "mars"})

    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "validation_error"
    assert set(body["fields"]) == {"moq_max", "region"}
    assert all(isinstance(message, str) for messages in body["fields"].values() for message in messages)


def test_not_found_has_its_code_and_no_fields(api_client_for, buyer):
    response = api_client_for(buyer).get(reverse("api:product-detail", args=[999_999]))

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": response.json()["error"]["message"]}}


def test_a_method_the_endpoint_lacks_is_405_with_its_code(api_client_for, buyer):
    response = api_client_for(buyer).delete(reverse("api:product-list"))

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_a_body_that_is_no_json_is_400_parse_error(api_client_for, artisan, supplier):
    product = ProductFactory(supplier=supplier)

    response = api_client_for(artisan).patch(
        reverse("api:listing-detail", args=[product.pk]), "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_a_registered_domain_error_takes_its_status_and_code(buyer, monkeypatch):
    monkeypatch.setitem(errors.DOMAIN_ERRORS, BelowMinimumOrder, (422, "below_minimum_order"))
    product = ProductFactory()

    response = call(raising(BelowMinimumOrder(product, 1)), buyer)

    assert response.status_code == 422
    assert response.data["error"]["code"] == "below_minimum_order"
    assert "minimum order is 10" in response.data["error"]["message"]


def test_a_domain_error_registered_later_without_a_code_uses_its_own(buyer, monkeypatch):
    monkeypatch.setitem(errors.DOMAIN_ERRORS, CapacityExhausted, (409, None))

    response = call(raising(CapacityExhausted("No capacity left this month.")), buyer)

    assert response.status_code == 409
    assert response.data == {
        "error": {"code": "capacity_exhausted", "message": "No capacity left this month."}
    }


def test_djangos_permission_denied_is_a_403_permission_denied(buyer):
    from django.core.exceptions import PermissionDenied

    response = call(raising(PermissionDenied("Only the supplier's members edit its listings.")), buyer)

    assert response.status_code == 403
    assert response.data["error"] == {
        "code": "permission_denied",
        "message": "Only the supplier's members edit its listings.",
    }


def test_djangos_validation_error_by_field_is_a_400_with_fields(buyer):
    from django.core.exceptions import ValidationError

    response = call(raising(ValidationError({"reason": ["Give a reason."]})), buyer)

    assert response.status_code == 400
    assert response.data["error"]["fields"] == {"reason": ["Give a reason."]}


def test_an_unexpected_exception_is_not_hidden_as_a_4xx(buyer):
    with pytest.raises(ZeroDivisionError):
        call(raising(ZeroDivisionError("a bug")), buyer)


def test_an_address_under_the_api_that_matches_nothing_is_a_json_404(api_client_for, buyer):
    url = reverse("api:product-list") + "not-a-number/"

    response = api_client_for(buyer).get(url)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_write_to_an_address_that_matches_nothing_is_a_json_404_too(api_client_for, artisan):
    url = reverse("api:listing-list") + "x/photos/"

    response = api_client_for(artisan).post(url, {})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
