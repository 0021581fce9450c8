"""Records of a programme's dashboard made at chosen moments (the models stamp `created_at` themselves)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from catalog.models import Event, Exhibitor
from orders.financing.models import Advance, Lender
from orders.models import Fulfilment, Order, OrderLine
from orders.trade.models import Allocation, AllocationLine, Lead, RFQInvitation
from tests.factories import BuyerFactory

# The period most tests look at: the first half of 2026.
FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)
PERIOD = {"from": FIRST.isoformat(), "to": LAST.isoformat()}


def at(day: date, hour=12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def dated(obj, when, field="created_at"):
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})
    setattr(obj, field, when)
    return obj


def make_lead(supplier, day=date(2026, 3, 1), event=None, contacted_after=None, stage=Lead.Stage.NEW):
    lead = Lead.objects.create(
        supplier=supplier, event=event, name="Anna Berg", company="Nordic Home", stage=stage
    )
    dated(lead, at(day))
    if contacted_after is not None:
        dated(lead, at(day) + contacted_after, "first_contacted_at")
    return lead


def make_order(
    supplier, day=date(2026, 3, 1), amount="100.00", currency="USD", state=Order.State.PAID, buyer=None
):
    order = Order.objects.create(buyer=buyer or BuyerFactory(), currency=currency, state=state)
    part = Fulfilment.objects.create(order=order, supplier=supplier, state=Fulfilment.State.ACCEPTED)
    OrderLine.objects.create(
        order=order,
        fulfilment=part,
        description="Planter",
        quantity=2,
        unit="piece",
        unit_price=Decimal(amount) / 2,
    )
    dated(order, at(day))
    return order


def make_event(slug="expo-2026", first=date(2026, 3, 10), last=date(2026, 3, 12), suppliers=()):
    event = Event.objects.create(
        name="SME Cluster Showcase Expo", slug=slug, starts_on=first, ends_on=last, city="Lahore"
    )
    for index, supplier in enumerate(suppliers):
        Exhibitor.objects.create(event=event, supplier=supplier, booth=f"A{index}")
    return event


def make_lender():
    return Lender.objects.get_or_create(
        slug="akhuwat",
        defaults={"name": "Akhuwat", "kind": "islamic_mfi", "max_advance_percent": Decimal("60")},
    )[0]


def make_advance(supplier, state=Advance.State.REQUESTED, day=date(2026, 3, 2), order=None):
    order = order or make_order(supplier, day)
    advance = Advance.objects.create(
        order=order,
        supplier=supplier,
        lender=make_lender(),
        currency=order.currency,
        state=state,
        requested_amount=Decimal("50.00"),
        consent_text="I agree to share this order's facts with Akhuwat.",
        consent_at=at(day),
    )
    return dated(advance, at(day))


def make_invitation(rfq, supplier, day=date(2026, 3, 1)):
    return dated(RFQInvitation.objects.create(rfq=rfq, supplier=supplier), at(day))


def make_allocation(offer, day=date(2026, 3, 5), state="confirmed"):
    allocation = Allocation.objects.create(request=offer.request, created_by=offer.offered_by, state=state)
    dated(allocation, at(day))
    return AllocationLine.objects.create(allocation=allocation, offer=offer, quantity=100)


def days(count):
    return timedelta(days=count)
