"""Events and exhibitors for the lead capture, badge import, event admin and event page tests."""

from datetime import date

import factory

from catalog.models import Event, Exhibitor
from tests.factories import SupplierFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"SME Cluster Showcase Expo {n}")
    slug = factory.Sequence(lambda n: f"sme-expo-{n}")
    starts_on = date(2026, 3, 10)
    ends_on = date(2026, 3, 12)
    city = "Lahore"
    venue = "Expo Centre"


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibitor

    event = factory.SubFactory(EventFactory)
    supplier = factory.SubFactory(SupplierFactory)
    booth = factory.Sequence(lambda n: f"A-{n:02d}")
