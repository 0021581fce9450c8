"""Nothing is paid without a shipping address: the payment service refuses to start, the pay button sends the
buyer back to the order page with the reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.checkout.ordering import LineSpec, create_order
from orders.models import Payment
from orders.payments.errors import PaymentError
from orders.payments.intents import start_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def addressless(buyer, supplier, product):
    """An order awaiting payment with no shipping address (as a quote's order is made)."""
    line = LineSpec(supplier, product.title, 10, "pcs", Decimal("12.50"), product=product)
    return create_order(buyer=buyer, currency="USD", lines=[line], source="direct")


def test_a_payment_is_not_started_for_an_order_without_a_shipping_address(canned_stripe, addressless, buyer):
    with pytest.raises(PaymentError) as error:
        start_payment(addressless, buyer)

    assert error.value.code == "no_shipping_address"
    assert not Payment.objects.exists()


def test_the_pay_button_of_an_order_without_an_address_returns_to_the_order_with_the_reason(
    canned_stripe, client_for, addressless, buyer
):
    client = client_for(buyer)

    response = client.post(reverse("orders:pay", args=[addressless.pk]))

    assert response["Location"] == addressless.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "Give a shipping address for this order before paying it." in page
    assert not Payment.objects.exists()


def test_another_buyer_is_refused_before_the_address_is_looked_at(canned_stripe, addressless, other_artisan):
    with pytest.raises(PaymentError) as error:
        start_payment(addressless, other_artisan)

    assert error.value.code == "not_yours"
