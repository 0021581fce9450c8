from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import Certification, validate_tiers
from tests.factories import CertificationFactory


def test_tiers_must_start_at_the_moq():
    assert validate_tiers(10, [(20, Decimal("5"))])


def test_tiers_must_rise_strictly():
    assert validate_tiers(10, [(10, Decimal("5")), (10, Decimal("4"))])


def test_tiers_starting_at_moq_and_rising_are_valid():
    assert validate_tiers(10, [(10, Decimal("5")), (50, Decimal("4")), (200, Decimal("3.5"))]) == []


def test_a_product_needs_at_least_one_tier():
    assert validate_tiers(10, [])


@pytest.mark.django_db
def test_an_expired_certificate_is_not_valid():
    cert = CertificationFactory(expires_on=timezone.localdate() - timedelta(days=1))
    assert not cert.is_valid
    assert not Certification.objects.valid().filter(pk=cert.pk).exists()


@pytest.mark.django_db
def test_a_certificate_expiring_today_is_still_valid():
    cert = CertificationFactory(expires_on=timezone.localdate())
    assert cert.is_valid
