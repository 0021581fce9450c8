from decimal import Decimal

import pytest

from catalog.models import BelowMinimumOrder
from marketplace.money import Money
from tests.factories import ProductFactory, ProductImageFactory


@pytest.mark.django_db
def test_price_for_picks_the_tier_of_the_quantity():
    product = ProductFactory(moq=10, tiers=[(10, "12.50"), (50, "10.80")])
    assert product.price_for(49) == Money(Decimal("12.50"), "USD")
    assert product.price_for(50) == Money(Decimal("10.80"), "USD")


@pytest.mark.django_db
def test_photo_factory_creates_a_stored_photo():
    image = ProductImageFactory()
    assert image.photo.width == 64


@pytest.mark.django_db
def test_price_for_below_moq_raises_a_clear_error():
    product = ProductFactory(moq=10)
    with pytest.raises(BelowMinimumOrder, match="minimum order is 10"):
        product.price_for(9)
