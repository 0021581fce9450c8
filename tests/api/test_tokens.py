"""API tokens: made and revoked by their user on /accounts/api-tokens/, shown once, stored hashed; a revoked
or read-only token is refused what it may not do."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from api import tokens
from api.models import ApiToken
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_token(client_for, user, name="ERP sync", scope="read"):
    return client_for(user).post(reverse("api_tokens:list"), {"name": name, "scope": scope})


def test_the_tokens_page_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("api_tokens:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_new_token_is_shown_once_on_the_page_that_made_it(client_for, buyer):
    response = make_token(client_for, buyer)
    token = ApiToken.objects.get(user=buyer)
    secret = response.context["new_secret"]

    assert secret.startswith(token.prefix)
    assert secret in response.content.decode()
    assert secret not in client_for(buyer).get(reverse("api_tokens:list")).content.decode()


def test_the_page_that_shows_a_new_token_is_never_cached(client_for, buyer):
    response = make_token(client_for, buyer)

    assert "no-store" in response["Cache-Control"]


def test_a_token_is_stored_as_its_sha256_only(client_for, buyer):
    secret = make_token(client_for, buyer).context["new_secret"]
    token = ApiToken.objects.get(user=buyer)

    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert secret not in stored


def test_a_token_needs_a_name_and_the_form_keeps_the_scope_chosen(client_for, buyer):
    response = make_token(client_for, buyer, name="  ", scope="write")

    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert response.context["form"]["scope"].value() == "write"
    assert not ApiToken.objects.exists()


def test_the_page_lists_only_the_users_own_tokens(client_for, buyer):
    tokens.issue_token(UserFactory(), name="Someone else's", scope="read")
    tokens.issue_token(buyer, name="Mine", scope="read")

    page = client_for(buyer).get(reverse("api_tokens:list")).content.decode()

    assert "Mine" in page
    assert "Someone else" not in page


def test_a_user_revokes_their_token_and_it_stops_working(client_for, buyer):
    token, secret = tokens.issue_token(buyer, name="ERP", scope="read")

    response = client_for(buyer).post(reverse("api_tokens:revoke"), {"token": token.pk})
    token.refresh_from_db()
    api = client_for(buyer).__class__()  # a fresh client: no session
    refused = api.get(reverse("api:product-list"), HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 302
    assert token.revoked_at is not None
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "token_revoked"


def test_a_user_cannot_revoke_another_users_token(client_for, buyer):
    theirs, _secret = tokens.issue_token(UserFactory(), name="Theirs", scope="read")

    response = client_for(buyer).post(reverse("api_tokens:revoke"), {"token": theirs.pk})
    theirs.refresh_from_db()

    assert response.status_code == 404
    assert theirs.revoked_at is None


def test_revoking_twice_keeps_the_first_time(buyer):
    token, _secret = tokens.issue_token(buyer, name="ERP", scope="read")
    first = tokens.revoke_token(buyer, token.pk).revoked_at

    again = tokens.revoke_token(buyer, token.pk)

    assert again.revoked_at == first


def test_an_unknown_token_is_refused_with_its_code(anonymous_api_client):
    response = anonymous_api_client.get(
        reverse("api:product-list"), HTTP_AUTHORIZATION="Bearer pkm_not-a-token-at-all"
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_that_differs_only_after_its_prefix_is_refused(anonymous_api_client, buyer):
    _token, secret = tokens.issue_token(buyer, name="ERP", scope="read")
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")

    response = anonymous_api_client.get(reverse("api:product-list"), HTTP_AUTHORIZATION=f"Bearer {forged}")

    assert response.status_code == 401


def test_an_inactive_users_token_is_refused(anonymous_api_client, buyer):
    _token, secret = tokens.issue_token(buyer, name="ERP", scope="read")
    buyer.is_active = False
    buyer.save()

    response = anonymous_api_client.get(reverse("api:product-list"), HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 401


def test_no_token_at_all_is_a_401_with_the_bearer_challenge(anonymous_api_client):
    response = anonymous_api_client.get(reverse("api:product-list"))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_read_only_token_may_read(api_client_for, artisan):
    response = api_client_for(artisan, scope="read").get(reverse("api:listing-list"))

    assert response.status_code == 200


def test_a_read_only_token_may_not_write(api_client_for, artisan, supplier):
    product = ProductFactory(supplier=supplier)

    response = api_client_for(artisan, scope="read").patch(
        reverse("api:listing-detail", args=[product.pk]), {"title": "Changed"}
    )
    product.refresh_from_db()

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only_token"
    assert product.title != "Changed"


def test_using_a_token_records_when_at_most_once_a_minute(api_client_for, buyer):
    client = api_client_for(buyer)
    token = ApiToken.objects.get(user=buyer)

    client.get(reverse("api:category-list"))
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    client.get(reverse("api:category-list"))
    second = ApiToken.objects.get(pk=token.pk).last_used_at

    assert first is not None
    assert second == first


def test_a_token_last_used_over_a_minute_ago_is_stamped_again(api_client_for, buyer):
    client = api_client_for(buyer)
    long_ago = timezone.now() - tokens.LAST_USED_GRANULARITY * 2
    ApiToken.objects.filter(user=buyer).update(last_used_at=long_ago)

    client.get(reverse("api:category-list"))

    assert ApiToken.objects.get(user=buyer).last_used_at > long_ago


def test_the_header_links_a_signed_in_user_to_their_tokens(client_for, buyer):
    page = client_for(buyer).get(reverse("catalog:product-list")).content.decode()

    assert reverse("api_tokens:list") in page
