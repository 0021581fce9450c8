"""Buyer sign-up: the same answer for every email address, the difference told only to the address's owner."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.accounts.models import PendingSignup, User

pytestmark = pytest.mark.django_db

SITE = "https://crafts.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def form(**changes):
    return {
        "email": "new@example.com",
        "full_name": "New Buyer",
        "password": "a-Long-pass-123",
        "company": "Lamps LLC",
        "country": "ae",
        "preferred_currency": "AED",
        **changes,
    }


def emailed_link(message):
    links = re.findall(rf"{re.escape(SITE)}(\S+)", message.body)
    return links


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """sign_up(next=None, **changes): post the form (its emails leave when it commits) and follow to the page
    shown; (first response, final page)."""

    def post(next=None, **changes):
        url = reverse("signup") + (f"?next={next}" if next else "")
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(url, form(**changes))
        return first, client.get(first["Location"]) if first.status_code == 302 else first

    return post


def test_signup_answers_the_same_for_an_existing_and_a_new_email(sign_up, buyer):
    existing, existing_page = sign_up(email=buyer.email)
    new, new_page = sign_up(email="new@example.com")

    assert existing.status_code == new.status_code == 302
    assert existing["Location"] == new["Location"] == reverse("signup-sent")
    assert [t.name for t in existing_page.templates] == [t.name for t in new_page.templates]
    assert existing_page.status_code == new_page.status_code == 200
    assert existing_page.content == new_page.content
    assert "Check your inbox" in new_page.content.decode()
    assert set(existing.cookies) == set(new.cookies) == set()


def test_existing_email_gets_a_note_and_a_reset_link_and_nothing_is_created(client, sign_up, buyer):
    sign_up(email=buyer.email.upper())

    (message,) = mail.outbox
    assert message.to == [buyer.email]
    assert message.subject == "Someone tried to sign up with your email address"
    login_path, reset_path = emailed_link(message)
    assert login_path == reverse("login")
    assert reset_path.startswith("/accounts/reset/")
    assert not PendingSignup.objects.exists()
    assert User.objects.count() == 1


def test_new_email_gets_a_link_that_creates_the_account_and_logs_in(client, sign_up):
    sign_up(email="New@Example.com")
    assert not User.objects.filter(email="new@example.com").exists()  # not before the owner confirms

    (message,) = mail.outbox
    assert message.to == ["new@example.com"]
    (confirm_path,) = emailed_link(message)
    page = client.get(confirm_path)
    assert page.status_code == 200 and "new@example.com" in page.content.decode()
    assert not User.objects.filter(email="new@example.com").exists()  # opening the link creates nothing

    response = client.post(confirm_path)
    user = User.objects.get(email="new@example.com")
    assert response.status_code == 302 and response.wsgi_request.user == user
    assert (user.full_name, user.country, user.preferred_currency) == ("New Buyer", "AE", "AED")
    assert user.buyer_company.name == "Lamps LLC" and user.check_password("a-Long-pass-123")


def test_confirmation_link_works_once(client, sign_up):
    sign_up()
    (confirm_path,) = emailed_link(mail.outbox[0])
    client.post(confirm_path)
    again = client.post(confirm_path)
    assert again.status_code == 400 and "invalid or has expired" in again.content.decode()
    assert User.objects.filter(email="new@example.com").count() == 1


def test_signing_up_again_replaces_the_first_link(client, sign_up):
    sign_up(password="first-Long-pass-1")
    sign_up(password="second-Long-pass-2")
    first, second = (emailed_link(message)[0] for message in mail.outbox)
    assert client.post(first).status_code == 400
    client.post(second)
    assert User.objects.get(email="new@example.com").check_password("second-Long-pass-2")


def test_expired_confirmation_link_is_refused(client, sign_up, settings):
    sign_up()
    (confirm_path,) = emailed_link(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = 0
    assert client.post(confirm_path).status_code == 400
    assert not User.objects.filter(email="new@example.com").exists()


def test_other_errors_are_reported_and_keep_what_was_typed(client):
    response = client.post(reverse("signup"), form(country="Atlantis", password="short"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Choose a country from the list." in text
    assert "This password is too short." in text
    assert 'value="new@example.com"' in text and 'value="Lamps LLC"' in text
    assert mail.outbox == []


def test_signup_carries_the_visitor_back_where_they_were_going_after_confirming(client, sign_up):
    sign_up(next="/products/")
    (confirm_path,) = emailed_link(mail.outbox[0])
    assert client.post(confirm_path)["Location"] == "/products/"


def test_a_next_to_another_site_is_dropped(client, sign_up):
    sign_up(next="https://evil.example/")
    (confirm_path,) = emailed_link(mail.outbox[0])
    assert client.post(confirm_path)["Location"] == "/"


def test_a_country_code_no_country_has_is_refused(client):
    response = client.post(reverse("signup"), form(country="ZZ"))
    assert response.status_code == 200
    assert "Choose a country from the list." in response.content.decode()
    assert not PendingSignup.objects.exists()


def test_line_breaks_in_the_name_and_company_are_folded_into_spaces(sign_up):
    sign_up(full_name="New\r\nBuyer", company="Lamps\nLLC")
    pending = PendingSignup.objects.get()
    assert (pending.full_name, pending.company) == ("New Buyer", "Lamps LLC")
