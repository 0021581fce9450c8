"""Factories for the members tests (tests/factories.py is shared and not ours to change)."""

import datetime

import factory

from catalog.models import AssistedOnboarding, ClusterCoordinator
from tests.factories import ClusterFactory, SupplierFactory, UserFactory


class ClusterCoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterCoordinator

    user = factory.SubFactory(UserFactory)
    cluster = factory.SubFactory(ClusterFactory)
    kind = ClusterCoordinator.Kind.NGO
    organisation = "Chitral Women's Crafts Association"


class AssistedOnboardingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistedOnboarding

    supplier = factory.SubFactory(SupplierFactory)
    coordinator = factory.SubFactory(UserFactory)
    artisan_name = "Bibi Zainab"
    artisan_phone = "+92 300 1234567"
    consent_given_on = datetime.date(2026, 11, 2)
    consent_how = "Signed form kept at the association's office"
    paid_by = AssistedOnboarding.PaidBy.MOBILE_WALLET
