"""Factories of the trade flows."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from orders.trade.models import RFQ, CapacityOffer, Message, Quote, SubcontractRequest, Thread
from tests.factories import BuyerFactory, CategoryFactory, ClusterFactory, SupplierFactory, UserFactory


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    buyer = factory.SubFactory(BuyerFactory)
    supplier = factory.SubFactory(SupplierFactory)
    subject = factory.Sequence(lambda n: f"Question {n}")
    last_message_at = factory.LazyFunction(timezone.now)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    thread = factory.SubFactory(ThreadFactory)
    author = factory.LazyAttribute(lambda o: o.thread.buyer)
    body = "Do you make these in indigo?"


class RFQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RFQ

    buyer = factory.SubFactory(BuyerFactory)
    title = factory.Sequence(lambda n: f"Blue pottery planters {n}")
    description = "Hand-painted planters, 20 cm, food-safe glaze."
    category = factory.SubFactory(CategoryFactory)
    quantity = 500
    unit = "piece"
    target_unit_price = Decimal("9.00")
    currency = "USD"
    destination_country = "DE"
    incoterm = "FOB"
    needed_by = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    rfq = factory.SubFactory(RFQFactory)
    supplier = factory.SubFactory(SupplierFactory)
    submitted_by = factory.SubFactory(UserFactory)
    unit_price = Decimal("10.00")
    currency = "USD"
    incoterm = "FOB"
    incoterm_place = "Karachi"
    lead_time_days = 45
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class SubcontractRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubcontractRequest

    cluster = factory.SubFactory(ClusterFactory)
    requester = factory.SubFactory(BuyerFactory)
    specification = "Embroidered cushion covers, 45x45 cm, cotton"
    quantity = 1000
    unit = "piece"
    currency = "USD"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))


class CapacityOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapacityOffer

    request = factory.SubFactory(SubcontractRequestFactory)
    supplier = factory.SubFactory(SupplierFactory)
    offered_by = factory.SubFactory(UserFactory)
    quantity = 600
    unit_price = Decimal("4.20")
    lead_time_days = 40


class LeadFactory(factory.django.DjangoModelFactory):
    """A buyer met at a booth who agreed to be contacted (issue 20)."""

    class Meta:
        model = "trade.Lead"

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Buyer Contact {n}")
    company = "Hamburg Home GmbH"
    country = "DE"
    email = factory.Sequence(lambda n: f"contact{n}@importer.example")
    products_wanted = "Blue pottery planters"
    consent_given = True
    consent_text = "I agree to be contacted about my inquiry by this supplier."
    consent_at = factory.LazyFunction(timezone.now)
