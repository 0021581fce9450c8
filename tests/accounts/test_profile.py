"""The profile page: one page, a form per section, each posting to its own URL; a failing form keeps what was
typed and changes nothing."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.accounts import addresses, verification
from marketplace.currency import COOKIE_NAME
from tests.factories import BuyerFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-123"  # UserFactory's


def page(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["profile", "profile-details", "profile-currency", "profile-password", "profile-email", "email-verify"],
)
def test_an_anonymous_visitor_is_sent_to_log_in(client, name):
    url = reverse(f"accounts:{name}")
    response = client.post(url, {"full_name": "Intruder"}) if name != "profile" else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_the_profile_shows_each_section_with_its_own_form(client_for, buyer):
    response = client_for(buyer).get(reverse("accounts:profile"))

    assert response.status_code == 200
    text = page(response)
    for name in ("profile-details", "profile-currency", "profile-password", "profile-email"):
        assert f'action="{reverse(f"accounts:{name}")}"' in text
    assert buyer.full_name in text and buyer.email in text
    assert f'href="{reverse("api_tokens:list")}"' in text
    # Four forms on one page, two with a password field: every id appears once.
    assert text.count('id="email-password"') == text.count('id="password-old_password"') == 1
    assert "autofocus" not in text  # the page opens at its top, not at the password section


def test_the_header_links_the_profile_for_a_signed_in_visitor_only(client, buyer):
    assert f'href="{reverse("accounts:profile")}"' not in page(client.get(reverse("login")))
    client.force_login(buyer)
    assert f'href="{reverse("accounts:profile")}"' in page(client.get(reverse("catalog:product-list")))


def test_the_profile_lists_only_the_users_own_saved_addresses(client_for, buyer):
    addresses.save_address(buyer, label="Warehouse", name="Lamps LLC", address="Jebel Ali 4", country="AE")
    stranger = BuyerFactory()
    addresses.save_address(stranger, label="Theirs", name="Someone Else GmbH", address="x", country="DE")

    text = page(client_for(buyer).get(reverse("accounts:profile")))

    assert "Warehouse" in text and "Lamps LLC" in text and "United Arab Emirates" in text
    assert "Someone Else GmbH" not in text


# --- name and country -----------------------------------------------------------------------------------
def test_saving_name_and_country_changes_them(client_for, buyer):
    response = client_for(buyer).post(
        reverse("accounts:profile-details"), {"full_name": "Erik\nLarsson", "country": "SE"}
    )

    assert response.status_code == 302 and response["Location"] == reverse("accounts:profile")
    buyer.refresh_from_db()
    assert (buyer.full_name, buyer.country.code) == ("Erik Larsson", "SE")


def test_a_bad_country_is_a_form_error_keeping_the_typed_name_and_saving_nothing(client_for, buyer):
    before = buyer.full_name
    response = client_for(buyer).post(
        reverse("accounts:profile-details"), {"full_name": "Typed Name", "country": "Atlantis"}
    )

    assert response.status_code == 400
    assert "Choose a country from the list." in page(response)
    assert 'value="Typed Name"' in page(response)
    buyer.refresh_from_db()
    assert buyer.full_name == before


# --- currency -------------------------------------------------------------------------------------------
def test_saving_the_currency_stores_it_and_sets_the_headers_cookie(client_for, buyer):
    client = client_for(buyer)
    response = client.post(reverse("accounts:profile-currency"), {"preferred_currency": "PKR"})

    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME].value == "PKR"
    buyer.refresh_from_db()
    assert buyer.preferred_currency == "PKR"
    # The next page's header chooser shows the new currency at once.
    assert '<option value="PKR" selected>' in page(client.get(reverse("accounts:profile")))


def test_a_currency_we_do_not_trade_in_is_a_form_error_and_changes_nothing(client_for, buyer):
    response = client_for(buyer).post(reverse("accounts:profile-currency"), {"preferred_currency": "XYZ"})

    assert response.status_code == 400
    assert "Select a valid choice" in page(response)
    assert COOKIE_NAME not in response.cookies
    buyer.refresh_from_db()
    assert buyer.preferred_currency == "EUR"


# --- password -------------------------------------------------------------------------------------------
def test_changing_the_password_keeps_this_session_signed_in(client_for, buyer):
    client = client_for(buyer)
    response = client.post(
        reverse("accounts:profile-password"),
        {"old_password": PASSWORD, "new_password1": "a-New-pass-2026", "new_password2": "a-New-pass-2026"},
    )

    assert response.status_code == 302
    buyer.refresh_from_db()
    assert buyer.check_password("a-New-pass-2026")
    assert client.get(reverse("accounts:profile")).status_code == 200  # still signed in


def test_a_wrong_current_password_is_a_form_error_and_changes_nothing(client_for, buyer):
    response = client_for(buyer).post(
        reverse("accounts:profile-password"),
        {"old_password": "wrong", "new_password1": "a-New-pass-2026", "new_password2": "a-New-pass-2026"},
    )

    assert response.status_code == 400
    assert "Your old password was entered incorrectly" in page(response)
    buyer.refresh_from_db()
    assert buyer.check_password(PASSWORD)


def test_new_passwords_that_differ_are_a_form_error(client_for, buyer):
    response = client_for(buyer).post(
        reverse("accounts:profile-password"),
        {"old_password": PASSWORD, "new_password1": "a-New-pass-2026", "new_password2": "another-Pass-1"},
    )

    assert response.status_code == 400
    assert "The two password fields didn" in page(response)


# --- email (the rules of the link are in test_email_verification.py) -------------------------------------
def test_asking_for_a_new_email_says_to_follow_the_link_and_changes_nothing_yet(client_for, buyer):
    client = client_for(buyer)
    response = client.post(
        reverse("accounts:profile-email"), {"email": "New@Example.com", "password": PASSWORD}, follow=True
    )

    assert "We sent a link to new@example.com" in page(response)
    assert "A change to <strong>new@example.com</strong> waits" in page(response)
    buyer.refresh_from_db()
    assert buyer.email != "new@example.com"


def test_an_email_change_with_a_wrong_password_is_a_form_error_keeping_the_address(client_for, buyer):
    response = client_for(buyer).post(
        reverse("accounts:profile-email"), {"email": "new@example.com", "password": "wrong"}
    )

    assert response.status_code == 400
    assert "Your password was entered incorrectly." in page(response)
    assert 'value="new@example.com"' in page(response)


def test_an_invalid_address_is_a_form_error(client_for, buyer):
    response = client_for(buyer).post(
        reverse("accounts:profile-email"), {"email": "not an address", "password": PASSWORD}
    )

    assert response.status_code == 400
    assert "Enter a valid email address." in page(response)


def test_the_page_answers_the_same_for_an_address_another_account_has(client_for, buyer, monkeypatch):
    monkeypatch.setattr(verification, "RESEND_INTERVAL", timedelta(0))
    UserFactory(email="taken@example.com")
    client = client_for(buyer)

    def ask(email):
        response = client.post(reverse("accounts:profile-email"), {"email": email, "password": PASSWORD})
        assert response.status_code == 302
        shown = page(client.get(response["Location"])).replace(email, "ADDRESS")
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", shown)  # a new token each page

    assert ask("free@example.com") == ask("taken@example.com")


def test_the_profile_page_makes_as_many_queries_for_ten_addresses_as_for_one(client_for, buyer):
    client = client_for(buyer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("accounts:profile")).status_code == 200
        return len(captured)

    addresses.save_address(buyer, name="First", address="x", country="DE")
    queries()  # the first page of a session warms what later pages reuse
    one = queries()
    for n in range(9):
        addresses.save_address(buyer, name=f"Address {n}", address="x", country="DE")

    assert queries() == one
