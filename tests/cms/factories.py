"""Factories for cms rows; pages themselves are made with cms.services and Wagtail's add_child."""

import factory

from cms.models import FeaturedProduct, SupplierGalleryPhoto
from tests.factories import PhotoFactory, ProductImageFactory


class FeaturedProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeaturedProduct

    sort_order = factory.Sequence(int)


class GalleryPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierGalleryPhoto

    photo = factory.SubFactory(PhotoFactory)
    caption = "In the workshop"
    sort_order = factory.Sequence(int)


def with_photo(product):
    ProductImageFactory(product=product)
    return product
