"""The trade API's writes refuse a read-only token and a revoked one, as every API write does."""

import pytest

from api.tokens import revoke_token

pytestmark = pytest.mark.django_db


def test_read_only_token_cannot_accept_a_quote(api_client_for, buyer, rfq, quote):
    client = api_client_for(buyer, scope="read")
    response = client.post(f"/api/v1/rfqs/{rfq.pk}/quotes/{quote.pk}/accept/", {}, format="json")
    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.state != "accepted"


def test_read_only_token_can_list_own_rfqs(api_client_for, buyer, rfq):
    response = api_client_for(buyer, scope="read").get("/api/v1/rfqs/")
    assert response.status_code == 200


def test_revoked_token_cannot_read_rfqs(buyer, rfq):
    from rest_framework.test import APIClient

    from api.tokens import issue_token

    token, secret = issue_token(buyer, name="old", scope="write")
    revoke_token(buyer, token.pk)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/rfqs/").status_code == 401
