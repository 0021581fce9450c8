"""The language switcher in the header and on the profile: Django's set_language for everyone, the choice kept
on a signed-in account and restored at login (marketplace.accounts.language)."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from marketplace.accounts.models import User
from tests.accounts.test_signup import SITE, emailed_link, form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-123"  # UserFactory's
COOKIE = settings.LANGUAGE_COOKIE_NAME


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_the_header_offers_the_other_language_in_its_own_script_and_comes_back_to_the_page(client):
    url = reverse("catalog:product-list") + "?q=shawl"
    text = client.get(url).content.decode()
    assert f'action="{reverse("set_language")}"' in text
    assert 'name="next" value="/products/?q=shawl"' in text
    assert 'value="ur" lang="ur"' in text and ">اردو</button>" in text

    response = client.post(reverse("set_language"), {"language": "ur", "next": url})

    assert response.status_code == 302 and response["Location"] == url
    assert response.cookies[COOKIE].value == "ur"
    page = client.get(url).content.decode()
    assert '<html lang="ur" dir="rtl">' in page
    assert ">English</button>" in page  # and the way back


def test_an_anonymous_switch_sets_only_the_cookie(client):
    response = client.post(reverse("set_language"), {"language": "ur", "next": "/"})
    assert response.cookies[COOKIE].value == "ur"
    assert not User.objects.exclude(language="").exists()


def test_a_signed_in_users_choice_is_saved_on_the_account(client_for, artisan):
    client_for(artisan).post(reverse("set_language"), {"language": "ur", "next": "/sell/"})
    assert fresh(artisan).language == "ur"


def test_an_unknown_language_changes_nothing(client_for, artisan):
    response = client_for(artisan).post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert fresh(artisan).language == ""


def test_the_switch_does_not_send_anyone_to_another_site(client):
    response = client.post(reverse("set_language"), {"language": "ur", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_switch_needs_a_post(client):
    assert client.get(reverse("set_language") + "?language=ur").status_code == 405


def test_the_login_restores_the_accounts_language_in_a_new_browser(client):
    user = UserFactory(language="ur")
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "ur"
    assert '<html lang="ur" dir="rtl">' in client.get(reverse("accounts:profile")).content.decode()


def test_a_login_without_a_chosen_language_keeps_the_browsers(client):
    user = UserFactory()
    client.cookies[COOKIE] = "ur"
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert COOKIE not in response.cookies
    assert '<html lang="ur" dir="rtl">' in client.get("/accounts/profile/").content.decode()


def test_a_failed_login_sets_no_language(client):
    user = UserFactory(language="ur")
    response = client.post(reverse("login"), {"username": user.email, "password": "wrong"})
    assert response.status_code == 200
    assert COOKIE not in response.cookies


def test_the_profile_shows_and_changes_the_language(client_for, artisan):
    client = client_for(artisan)
    text = client.get(reverse("accounts:profile")).content.decode()
    assert f'action="{reverse("accounts:profile-language")}"' in text
    assert '<option value="ur">اردو</option>' in text

    response = client.post(reverse("accounts:profile-language"), {"language": "ur"})

    assert response.status_code == 302 and response["Location"] == reverse("accounts:profile")
    assert response.cookies[COOKIE].value == "ur"
    assert fresh(artisan).language == "ur"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert '<option value="ur" selected>اردو</option>' in page


def test_the_profile_refuses_an_unknown_language_with_a_form_error(client_for, artisan):
    response = client_for(artisan).post(reverse("accounts:profile-language"), {"language": "xx"})
    assert response.status_code == 400
    assert 'id="language-language_errors"' in response.content.decode()
    assert fresh(artisan).language == ""


def test_an_anonymous_visitor_cannot_use_the_profiles_language_form(client):
    response = client.post(reverse("accounts:profile-language"), {"language": "ur"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_one_account_choosing_changes_no_other_account(client_for, artisan):
    other = UserFactory(language="en")
    client_for(artisan).post(reverse("set_language"), {"language": "ur", "next": "/"})
    assert fresh(other).language == "en"


def test_a_signed_in_switch_without_the_csrf_token_is_refused_and_saves_nothing(artisan):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(artisan)
    response = client.post(reverse("set_language"), {"language": "ur", "next": "/"})
    assert response.status_code == 403
    assert fresh(artisan).language == ""


def test_a_signed_in_switch_with_the_headers_token_is_saved(artisan):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(artisan)
    page = client.get(reverse("sell:dashboard")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        reverse("set_language"), {"language": "ur", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert fresh(artisan).language == "ur"


def test_anonymous_pages_carry_no_csrf_token_for_the_switcher(client):
    response = client.get(reverse("catalog:product-list"))
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_a_visitor_who_chose_urdu_before_signing_up_keeps_it_on_the_new_account(
    client, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = SITE  # the emailed link is absolute on it
    client.cookies[COOKIE] = "ur"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signup"), form(email="new-artisan@example.com"))
    (confirm_path,) = emailed_link(mail.outbox[-1])
    client.post(confirm_path)

    assert User.objects.get(email="new-artisan@example.com").language == "ur"


def test_a_visitor_who_chose_nothing_gets_no_language_on_the_account(
    client, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = SITE
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signup"), form(email="new-buyer@example.com"))
    (confirm_path,) = emailed_link(mail.outbox[-1])
    client.post(confirm_path)

    assert User.objects.get(email="new-buyer@example.com").language == ""
