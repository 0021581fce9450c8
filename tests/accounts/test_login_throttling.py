"""Login throttling: repeated failures lock the account and the address, on our login form and Wagtail's.

LOGIN_FAILURE_LIMIT is 5 (the default), LOGIN_COOLOFF_MINUTES 15.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.processes import settings_of

pytestmark = pytest.mark.django_db

LIMIT = settings.LOGIN_FAILURE_LIMIT


def log_in(client, email, password, ip="10.0.0.1", url=None, **headers):
    return client.post(
        url or reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip, **headers
    )


def assert_refused(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed attempts; try again in 15 minutes or reset your password." in text
    assert reverse("password_reset") in text
    assert "_auth_user_id" not in response.wsgi_request.session


def test_limit_and_cooloff_come_from_the_environment():
    configured = settings_of(
        "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME", LOGIN_FAILURE_LIMIT="3", LOGIN_COOLOFF_MINUTES="2"
    )
    assert configured == {"AXES_FAILURE_LIMIT": 3, "AXES_COOLOFF_TIME": str(timedelta(minutes=2))}


def test_a_few_wrong_passwords_then_the_right_one_logs_in(client, buyer):
    for _ in range(LIMIT - 1):
        assert log_in(client, buyer.email, "wrong").status_code == 200
    response = log_in(client, buyer.email, PASSWORD)
    assert response.status_code == 302 and response.wsgi_request.user == buyer


def test_account_is_locked_after_the_limit_of_failures_from_different_addresses(client, buyer):
    for n in range(LIMIT):
        log_in(client, buyer.email, "wrong", ip=f"10.0.1.{n}")
    assert_refused(log_in(client, buyer.email, PASSWORD, ip="10.0.2.1"))


def test_the_account_counts_its_failures_whatever_the_case_of_the_email(client, buyer):
    for n in range(LIMIT):
        log_in(client, buyer.email.upper() if n % 2 else buyer.email, "wrong", ip=f"10.0.1.{n}")
    assert_refused(log_in(client, buyer.email, PASSWORD, ip="10.0.2.1"))


def test_address_is_locked_after_the_limit_of_failures_across_accounts(client, buyer):
    for n in range(LIMIT):
        log_in(client, f"someone{n}@example.com", "wrong", ip="10.0.3.3")
    assert_refused(log_in(client, buyer.email, PASSWORD, ip="10.0.3.3"))


def test_the_failure_that_reaches_the_limit_already_gets_the_refusal(client, buyer):
    for _ in range(LIMIT - 1):
        log_in(client, buyer.email, "wrong")
    assert_refused(log_in(client, buyer.email, "wrong"))


def test_right_password_during_the_cooloff_is_refused_and_accepted_after_it(client, buyer):
    for n in range(LIMIT):
        log_in(client, buyer.email, "wrong", ip=f"10.0.4.{n}")
    assert_refused(log_in(client, buyer.email, PASSWORD, ip="10.0.5.1"))

    # 16 minutes later (the refused attempt restarted the cool-off):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    response = log_in(client, buyer.email, PASSWORD, ip="10.0.5.1")
    assert response.status_code == 302 and response.wsgi_request.user == buyer


def test_wagtail_admin_login_is_throttled_too(client, curator):
    admin_login = reverse("wagtailadmin_login")
    for n in range(LIMIT):
        log_in(client, curator.email, "wrong", ip=f"10.0.6.{n}", url=admin_login)
    assert_refused(log_in(client, curator.email, PASSWORD, ip="10.0.7.1", url=admin_login))


def test_failures_on_either_form_count_together(client, curator):
    admin_login = reverse("wagtailadmin_login")
    for n in range(LIMIT - 1):
        log_in(client, curator.email, "wrong", ip=f"10.0.8.{n}", url=admin_login if n % 2 else None)
    assert_refused(log_in(client, curator.email, "wrong", ip="10.0.8.9"))


def test_behind_the_proxy_the_client_is_the_address_the_proxy_appended(client, buyer, settings):
    settings.BEHIND_HTTPS_PROXY = True
    # Every request comes from the proxy (REMOTE_ADDR); the client forges the first X-Forwarded-For entry.
    for n in range(LIMIT):
        log_in(client, f"someone{n}@example.com", "wrong", ip="192.168.0.1",
               HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.7")  # fmt: skip
    assert_refused(
        log_in(client, buyer.email, PASSWORD, ip="192.168.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    )
    other_client = log_in(
        client, buyer.email, PASSWORD, ip="192.168.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert other_client.status_code == 302
