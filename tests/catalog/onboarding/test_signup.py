"""The artisan's sign-up: an account without a buyer company, confirmed by email, back to /sell/join/."""

import re

import pytest
from django.core import mail

from marketplace.accounts.models import PendingSignup, User

pytestmark = pytest.mark.django_db


def confirm_link():
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/accounts/signup/confirm/[^\s]+/)", body).group(1)


def test_a_new_artisan_signs_up_confirms_and_lands_on_join(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/supplier/",
            {
                "full_name": "Gul Bano",
                "email": "Gul@Example.pk",
                "password": "a-long-pass-phrase-9",
                "next": "/sell/join/",
            },
        )
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent/"
    assert "seller account" in mail.outbox[-1].subject
    link = confirm_link()
    assert "seller account" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/sell/join/"
    user = User.objects.get(email="gul@example.pk")
    assert user.buyer_company is None and user.email_verified
    assert not PendingSignup.objects.exists()


def test_the_artisan_keeps_the_language_they_signed_up_in(client, django_capture_on_commit_callbacks):
    # Urdu from the browser (Accept-Language), no cookie: the page was in Urdu, so are their emails.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/supplier/",
            {"full_name": "Gul Bano", "email": "gul@example.pk", "password": "a-long-pass-phrase-9"},
            HTTP_ACCEPT_LANGUAGE="ur",
        )
    client.post(confirm_link(), HTTP_ACCEPT_LANGUAGE="ur")
    assert User.objects.get(email="gul@example.pk").language == "ur"


def test_a_buyers_signup_still_makes_a_buyer_company(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "full_name": "Anna",
                "email": "anna@example.de",
                "company": "Anna GmbH",
                "country": "DE",
                "preferred_currency": "EUR",
                "password": "a-long-pass-phrase-9",
            },
        )
    client.post(confirm_link())
    user = User.objects.get(email="anna@example.de")
    assert user.buyer_company.name == "Anna GmbH"


def test_a_bad_signup_keeps_what_was_typed(client):
    response = client.post(
        "/accounts/signup/supplier/", {"full_name": "Gul Bano", "email": "not-an-email", "password": "x"}
    )
    assert response.status_code == 200 and "Gul Bano" in response.content.decode()
    assert not PendingSignup.objects.exists()
