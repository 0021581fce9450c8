"""Proving an email address after sign-up: the emailed one-time link that changes a user's address or confirms
it, only for its own user, logged in; and "send me the link again" for an account made unconfirmed."""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from marketplace.accounts import services, verification
from marketplace.accounts.models import EmailConfirmation, User
from marketplace.audit.models import StateChange
from tests.factories import BuyerFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://crafts.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def no_wait(monkeypatch):
    """No interval between two requests for a link (the throttle has its own test)."""
    monkeypatch.setattr(verification, "RESEND_INTERVAL", timedelta(0))


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """sent(function, *args): call it and return the emails it queued, delivered when it commits."""

    def call(function, *args):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            function(*args)
        return mail.outbox[before:]

    return call


def link_in(message) -> str:
    (path,) = re.findall(rf"{re.escape(SITE)}(/accounts/email/confirm/\S+/)", message.body)
    return path


def change_link(sent, user, new_email) -> str:
    """Ask to move `user` to `new_email` and return the path of the link sent there."""
    emails = sent(verification.request_email_change, user, new_email)
    return link_in(next(message for message in emails if message.to == [new_email]))


# --- changing the address -----------------------------------------------------------------------------
def test_a_change_sends_a_link_to_the_new_address_and_a_notice_to_the_current_one(sent, buyer):
    emails = sent(verification.request_email_change, buyer, "New@Example.com")

    by_address = {message.to[0]: message for message in emails}
    assert set(by_address) == {"new@example.com", buyer.email}
    assert link_in(by_address["new@example.com"])
    assert "new@example.com" in by_address[buyer.email].body
    assert "/accounts/email/confirm/" not in by_address[buyer.email].body  # the link goes to the new one only
    assert User.objects.get(pk=buyer.pk).email == buyer.email  # nothing changes before the link is followed


def test_only_a_hash_of_the_token_is_stored(sent, buyer):
    path = change_link(sent, buyer, "new@example.com")
    token = path.rstrip("/").rsplit("/", 1)[1]

    stored = EmailConfirmation.objects.get(user=buyer)
    assert token not in stored.token_hash and len(stored.token_hash) == 64


def test_following_the_link_logged_in_makes_it_the_confirmed_address(client_for, sent, buyer):
    path = change_link(sent, buyer, "new@example.com")
    client = client_for(buyer)

    asked = client.get(path)
    assert asked.status_code == 200 and "new@example.com" in asked.content.decode()
    assert User.objects.get(pk=buyer.pk).email == buyer.email  # opening the link changes nothing

    response = client.post(path)

    assert response.status_code == 302 and response["Location"] == reverse("accounts:profile")
    buyer.refresh_from_db()
    assert buyer.email == "new@example.com" and buyer.email_verified
    assert not EmailConfirmation.objects.exists()
    assert StateChange.objects.filter(object_id=buyer.pk, field="email", note="address changed").exists()


def test_another_user_cannot_confirm_someone_elses_link(client_for, sent, buyer):
    path = change_link(sent, buyer, "new@example.com")
    client = client_for(BuyerFactory())

    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    buyer.refresh_from_db()
    assert buyer.email != "new@example.com"
    assert EmailConfirmation.objects.filter(user=buyer).exists()  # still there for its owner


def test_an_anonymous_visitor_following_the_link_is_asked_to_log_in_first(client, sent, buyer):
    path = change_link(sent, buyer, "new@example.com")

    response = client.post(path)

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert User.objects.get(pk=buyer.pk).email == buyer.email


def test_the_link_works_once(client_for, sent, buyer):
    path = change_link(sent, buyer, "new@example.com")
    client = client_for(buyer)
    client.post(path)

    assert client.post(path).status_code == 404
    assert client.get(path).status_code == 404


def test_an_expired_link_is_refused(client_for, sent, buyer, settings):
    path = change_link(sent, buyer, "new@example.com")
    settings.PASSWORD_RESET_TIMEOUT = 0

    response = client_for(buyer).post(path)

    assert response.status_code == 404 and "has expired" in response.content.decode()
    assert User.objects.get(pk=buyer.pk).email == buyer.email


def test_asking_again_replaces_the_first_link(client_for, sent, buyer, no_wait):
    first = change_link(sent, buyer, "first@example.com")
    second = change_link(sent, buyer, "second@example.com")
    client = client_for(buyer)

    assert client.post(first).status_code == 404
    client.post(second)
    assert User.objects.get(pk=buyer.pk).email == "second@example.com"


def test_a_second_request_within_a_minute_is_refused(sent, buyer):
    sent(verification.request_email_change, buyer, "first@example.com")

    with pytest.raises(services.AccountError) as refused:
        verification.request_email_change(buyer, "second@example.com")

    assert refused.value.code == "too_soon"


def test_an_address_another_account_has_gets_a_note_and_no_link(sent, buyer):
    other = UserFactory(email="taken@example.com")

    emails = sent(verification.request_email_change, buyer, "Taken@example.com")

    note = next(message for message in emails if message.to == [other.email])
    assert note.subject == "Someone tried to move an account to your email address"
    assert "/accounts/email/confirm/" not in note.body
    assert "/accounts/reset/" in note.body  # as sign-up's note: the way back in, should they need it
    assert [message.to for message in emails if message is not note] == [[buyer.email]]  # the notice
    assert User.objects.get(pk=buyer.pk).email == buyer.email


def test_an_address_taken_after_the_link_was_sent_is_refused(client_for, sent, buyer):
    path = change_link(sent, buyer, "new@example.com")
    UserFactory(email="new@example.com")

    response = client_for(buyer).post(path)

    assert response.status_code == 400
    assert "Another account has this email address" in response.content.decode()
    assert User.objects.get(pk=buyer.pk).email == buyer.email


def test_changing_to_the_current_address_is_refused(buyer):
    with pytest.raises(services.AccountError) as refused:
        verification.request_email_change(buyer, buyer.email.upper())
    assert refused.value.code == "same_email"


# --- confirming an account made unconfirmed -----------------------------------------------------------
def test_signup_makes_confirmed_accounts(sent):
    (message,) = sent(
        lambda: services.request_signup(
            email="new@example.com",
            password="a-Long-pass-123",
            full_name="New Buyer",
            company="Lamps LLC",
            country="AE",
            preferred_currency="AED",
        )  # fmt: skip
    )
    (token,) = re.findall(r"/accounts/signup/confirm/([^/\s]+)/", message.body)

    assert services.confirm_signup(token).user.email_verified


def test_an_account_made_otherwise_is_unconfirmed_until_its_link_is_followed(client_for, sent):
    user = User.objects.create_user("made@example.com", "a-Long-pass-123")
    assert not user.email_verified

    (message,) = sent(verification.send_verification, user)
    assert message.to == ["made@example.com"]
    client_for(user).post(link_in(message))

    user.refresh_from_db()
    assert user.email_verified and user.email == "made@example.com"


def test_a_confirmed_account_is_sent_no_link(sent, buyer):
    assert sent(verification.send_verification, buyer) == []


def test_send_me_the_link_again_sends_it_and_goes_back(client_for, sent):
    user = UserFactory(email_verified_at=None)
    client = client_for(user)

    emails = sent(client.post, reverse("accounts:email-verify"), {"next": "/rfqs/new/"})

    assert [message.to for message in emails] == [[user.email]]
    response = client.post(reverse("accounts:email-verify"), {"next": "/rfqs/new/"})
    assert response["Location"] == "/rfqs/new/"
    assert "Wait a minute" in client.get("/rfqs/new/").content.decode()  # the second was too soon


def test_send_me_the_link_again_does_not_go_to_another_site(client_for):
    response = client_for(UserFactory(email_verified_at=None)).post(
        reverse("accounts:email-verify"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("accounts:profile")


def test_the_migration_marks_existing_accounts_confirmed_as_of_joining():
    user = UserFactory(email_verified_at=None)
    migration = importlib.import_module("marketplace.accounts.migrations.0008_email_verification")

    migration.existing_accounts_are_verified(apps, None)

    user.refresh_from_db()
    assert user.email_verified_at == user.date_joined
