"""Fixtures for the API's tests: a client holding a user's API token."""

import pytest
from rest_framework.test import APIClient

from api.tokens import issue_token


@pytest.fixture
def api_client_for(db):
    """api_client_for(user, scope="write") makes `user` a token and returns an APIClient sending it."""

    def client_with_token(user, scope="write"):
        _token, secret = issue_token(user, name="test", scope=scope)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return client_with_token


@pytest.fixture
def anonymous_api_client():
    return APIClient()
