"""The supplier's record a lender sees, and only the one the supplier agreed to share (snapshotted into the
advance's `shared_record` when they ask, so what the lender decided on never changes afterwards)."""

from datetime import timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from ..models import Dispute, Fulfilment

FS = Fulfilment.State


def supplier_record(supplier, now=None) -> dict:
    """Orders fulfilled, on-time rate, disputes, months on the marketplace, women-led, size. Two queries.

    "Fulfilled" is a part shipped or delivered. "On time" is shipped within the part's lead time of the order
    being placed; parts without a lead time are not counted either way (no promise to keep).
    """
    now = now or timezone.now()
    shipped = Q(state__in=[FS.SHIPPED, FS.DELIVERED], shipped_at__isnull=False)
    took = ExpressionWrapper(F("shipped_at") - F("order__created_at"), output_field=DurationField())
    parts = Fulfilment.objects.filter(supplier=supplier).annotate(took=took)
    with_lead_time = shipped & Q(lead_time_days__isnull=False)
    figures = parts.aggregate(
        fulfilled=Count("pk", filter=shipped),
        promised=Count("pk", filter=with_lead_time),
    )
    # Comparing a duration with a per-row lead time in days differs between databases: count in Python over
    # the few rows that have a lead time (a supplier's shipped parts, not the marketplace's).
    on_time = sum(
        1
        for took_, days in parts.filter(with_lead_time).values_list("took", "lead_time_days")
        if took_ is not None and took_ <= timedelta(days=days)
    )
    disputes = Dispute.objects.filter(order__fulfilments__supplier=supplier).distinct().count()
    months = max(0, (now.year - supplier.created_at.year) * 12 + now.month - supplier.created_at.month)
    return {
        "supplier": supplier.name,
        "orders_fulfilled": figures["fulfilled"],
        "on_time_percent": round(100 * on_time / figures["promised"]) if figures["promised"] else None,
        "disputes": disputes,
        "months_on_marketplace": months,
        "women_led": supplier.women_led,
        "size": supplier.size,
    }


def order_facts(order, supplier, held) -> dict:
    """The order's facts shared with the lender: its number, date, state, buyer's country, the part's value
    and what is held in escrow for it. Never the buyer's name or address."""
    part = order.fulfilments.filter(supplier=supplier).first()
    return {
        "order": order.pk,
        "placed_on": order.created_at.date().isoformat(),
        "state": order.state,
        "buyer_country": str(order.shipping_country or ""),
        "currency": order.currency,
        "part_value": str(part.total.amount) if part else None,
        "held_in_escrow": str(held),
        "lead_time_days": part.lead_time_days if part else None,
    }
