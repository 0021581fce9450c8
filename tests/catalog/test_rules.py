from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.models import Certification, PriceTier, Product, normalize_hs_code, validate_tiers
from tests.factories import CertificationFactory, ProductFactory


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


def test_a_tier_whose_unit_price_rises_with_quantity_is_refused():
    # The table: 50+ at 18.50, then 100+ at 19.00.
    problems = validate_tiers(50, [(50, Decimal("18.50")), (100, Decimal("19.00"))])
    assert [str(problem) for problem in problems] == [
        "A larger quantity cannot cost more per unit: 100+ at 19.00 is dearer than 50+ at 18.50."
    ]


def test_a_larger_quantity_may_keep_the_same_unit_price():
    assert validate_tiers(50, [(50, Decimal("18.50")), (100, Decimal("18.50"))]) == []


def test_a_rise_between_later_tiers_is_refused_whatever_order_they_were_typed_in():
    tiers = [(200, Decimal("9.00")), (10, Decimal("12.00")), (50, Decimal("8.00"))]
    assert validate_tiers(10, tiers)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("6304.92 00", "63049200"), ("6304 92", "630492"), (" 9018.90 ", "901890"), ("5701", "5701")],
)
def test_an_hs_code_is_stored_as_its_digits(typed, stored):
    assert normalize_hs_code(typed) == stored


@pytest.mark.django_db
def test_a_product_cleaned_with_a_dotted_hs_code_keeps_the_digits():
    product = ProductFactory(hs_code="630492")
    product.hs_code = "6304.92 00"
    product.full_clean()
    assert product.hs_code == "63049200"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["63049", "6304.9", "6304-92", "63O4.92", "6304.92.00.10.1"])
def test_an_hs_code_keeps_the_4_6_8_or_10_digit_rule(typed):
    product = ProductFactory(hs_code="630492")
    product.hs_code = typed
    with pytest.raises(ValidationError) as raised:
        product.full_clean()
    assert "hs_code" in raised.value.message_dict


@pytest.mark.django_db
def test_check_catalog_reports_stored_tiers_that_rise_and_changes_nothing():
    product = ProductFactory(moq=10)  # 10+ at 12.50, 50+ at 10.80
    PriceTier.objects.filter(product=product, min_quantity=50).update(unit_price=Decimal("13.00"))
    stderr = StringIO()
    with pytest.raises(CommandError):
        call_command("check_catalog", stderr=stderr)
    assert f"Product {product.pk}" in stderr.getvalue() and "50+ at 13.00" in stderr.getvalue()
    assert [tier.unit_price for tier in product.tiers()] == [Decimal("12.50"), Decimal("13.00")]


@pytest.mark.django_db
def test_check_catalog_reports_a_stored_hs_code_that_is_no_code():
    product = ProductFactory()
    Product.objects.filter(pk=product.pk).update(hs_code="63.04")
    stderr = StringIO()
    with pytest.raises(CommandError):
        call_command("check_catalog", stderr=stderr)
    assert f"Product {product.pk}" in stderr.getvalue() and "'63.04'" in stderr.getvalue()


@pytest.mark.django_db
def test_check_catalog_passes_a_catalog_that_follows_the_rules():
    ProductFactory()
    stdout = StringIO()
    call_command("check_catalog", stdout=stdout)
    assert "Every listing follows" in stdout.getvalue()
