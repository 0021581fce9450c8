"""Password reset at /accounts/password_reset/: the way back into an account, locked or forgotten."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from marketplace.accounts.models import User
from tests.conftest import PASSWORD

from .test_login_throttling import log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Indigo-Ajrak-4471"


def emailed_link(message, site_url):
    links = re.findall(rf"{re.escape(site_url)}\S+", message.body)
    assert len(links) == 1, message.body
    return links[0].removeprefix(site_url)


def ask_for_reset(client, email):
    """Post the reset form; the email is queued and delivered once the request's work commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("password_reset"), {"email": email})


def reset_password(client, user, site_url, new_password=NEW_PASSWORD):
    """Ask for the email, follow its link, choose `new_password`; the last response."""
    response = ask_for_reset(client, user.email.upper())
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert [m.to for m in mail.outbox] == [[user.email]]
    link = emailed_link(mail.outbox[0], site_url)
    form_page = client.get(link, follow=True)  # Django swaps the token for a session key, then shows the form
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    return client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )


def test_reset_emails_an_absolute_link_that_sets_a_new_password_to_log_in_with(client, buyer, settings):
    settings.SITE_URL = "https://crafts.example"
    done = reset_password(client, buyer, "https://crafts.example")
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    assert "Your new password is set." in client.get(done["Location"]).content.decode()

    assert client.post(reverse("login"), {"username": buyer.email, "password": PASSWORD}).status_code == 200
    response = client.post(reverse("login"), {"username": buyer.email, "password": NEW_PASSWORD})
    assert response.status_code == 302 and response.wsgi_request.user == buyer


def test_the_reset_link_works_once(client, buyer, settings):
    settings.SITE_URL = "https://crafts.example"
    reset_password(client, buyer, "https://crafts.example")
    again = client.get(emailed_link(mail.outbox[0], "https://crafts.example"), follow=True)
    assert "This link is invalid or has been used already." in again.content.decode()


def test_unknown_email_gets_the_same_answer_and_no_mail(client):
    response = ask_for_reset(client, "nobody@example.com")
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_new_password_lifts_the_accounts_login_lock(client, buyer, settings):
    settings.SITE_URL = "https://crafts.example"
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(client, buyer.email, "wrong", ip=f"10.1.0.{n}")
    assert log_in(client, buyer.email, PASSWORD, ip="10.2.0.1").status_code == 429

    reset_password(client, buyer, "https://crafts.example")
    response = log_in(client, buyer.email, NEW_PASSWORD, ip="10.2.0.1")
    assert response.status_code == 302 and response.wsgi_request.user == buyer


def test_the_login_page_links_to_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_weak_new_password_is_refused_with_the_reason(client, buyer, settings):
    settings.SITE_URL = "https://crafts.example"
    response = reset_password(client, buyer, "https://crafts.example", new_password="password")
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert User.objects.get(pk=buyer.pk).check_password(PASSWORD)
