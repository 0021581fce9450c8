"""Order creation, shared by direct purchases, accepted quotes and subcontracting allocations."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from marketplace.workflow import record

from .models import Fulfilment, Order, OrderLine


@dataclass(frozen=True)
class LineSpec:
    supplier: object
    description: str
    quantity: int
    unit: str
    unit_price: Decimal
    product: object = None
    is_sample: bool = False
    lead_time_days: int | None = None


def create_order(*, buyer, currency, lines, source, source_ref="", actor=None, **terms):
    """Create an order in "awaiting payment" with one fulfilment per supplier.

    Idempotent per `source_ref` (e.g. "quote:12"): a second call returns the order the first one made.
    `terms` may set incoterm, incoterm_place, destination_country and the shipping fields.
    """
    if not lines:
        raise ValueError("An order needs at least one line")
    if source_ref:
        existing = Order.objects.filter(source_ref=source_ref).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            order = Order.objects.create(
                buyer=buyer, currency=currency, source=source, source_ref=source_ref, **terms
            )
            fulfilments = {}
            for spec in lines:
                fulfilment = fulfilments.get(spec.supplier.pk)
                if fulfilment is None:
                    fulfilment = Fulfilment.objects.create(
                        order=order, supplier=spec.supplier, lead_time_days=spec.lead_time_days
                    )
                    fulfilments[spec.supplier.pk] = fulfilment
                OrderLine.objects.create(
                    order=order,
                    fulfilment=fulfilment,
                    product=spec.product,
                    description=spec.description[:300],
                    quantity=spec.quantity,
                    unit=spec.unit,
                    unit_price=spec.unit_price,
                    is_sample=spec.is_sample,
                )
            record(order, "", order.state, actor or buyer, note=f"created from {source} {source_ref}".strip())
    except IntegrityError:
        # Two requests raced to create the order of the same source: the loser returns the winner's order.
        if source_ref:
            return Order.objects.get(source_ref=source_ref)
        raise
    return order
