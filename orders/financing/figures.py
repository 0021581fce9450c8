"""A lender's figures and exposure, by aggregate queries (a handful per lender, whatever its book's size).

Amounts are per currency (an advance is in its order's currency); shares are of disbursed advances by count,
which is what a programme reports ("how many women-led businesses did we finance").
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncDate

from catalog.reference import SupplierSize
from marketplace.money import Money, quantize

from ..models import Dispute, Refund
from .models import Advance

A = Advance.State
DISBURSED_STATES = (A.DISBURSED, A.REPAID)


def lender_figures(lender) -> dict:
    """Requests, approvals, disbursed, repaid, outstanding (per currency), average days to repay, and the
    shares of disbursed advances to women-led and to micro suppliers."""
    advances = Advance.objects.filter(lender=lender)
    counts = advances.aggregate(
        requests=Count("pk"),
        approvals=Count("pk", filter=Q(approved_amount__isnull=False)),
        declined=Count("pk", filter=Q(state=A.DECLINED)),
        disbursed=Count("pk", filter=Q(state__in=DISBURSED_STATES)),
        repaid=Count("pk", filter=Q(state=A.REPAID)),
        women_led=Count("pk", filter=Q(state__in=DISBURSED_STATES, supplier__women_led=True)),
        micro=Count("pk", filter=Q(state__in=DISBURSED_STATES, supplier__size=SupplierSize.MICRO)),
    )
    took = ExpressionWrapper(TruncDate("repaid_at") - F("disbursed_on"), output_field=DurationField())
    average = (
        advances.filter(state=A.REPAID, disbursed_on__isnull=False)
        .annotate(took=took)
        .aggregate(average=Avg("took"))["average"]
    )
    money = (
        advances.filter(state__in=DISBURSED_STATES)
        .values("currency")
        .annotate(
            disbursed=Sum("approved_amount"),
            fees=Sum("fee_amount"),
            repaid=Sum("repaid_amount"),
        )
        .order_by("currency")
    )
    amounts = []
    for row in money:
        currency = row["currency"]
        disbursed, fees, repaid = (
            quantize(row[k] or Decimal("0"), currency) for k in ("disbursed", "fees", "repaid")
        )
        amounts.append(
            {
                "currency": currency,
                "disbursed": Money(disbursed, currency),
                "fees": Money(fees, currency),
                "repaid": Money(repaid, currency),
                "outstanding": Money(disbursed + fees - repaid, currency),
            }
        )
    disbursed = counts["disbursed"]
    return {
        **counts,
        "amounts": amounts,
        "average_days_to_repay": _days(average),
        "women_led_percent": round(100 * counts["women_led"] / disbursed) if disbursed else None,
        "micro_percent": round(100 * counts["micro"] / disbursed) if disbursed else None,
    }


def _days(value):
    """Avg of a duration is a timedelta on PostgreSQL, microseconds on some SQLite versions."""
    if value is None:
        return None
    if not isinstance(value, timedelta):
        value = timedelta(microseconds=value)
    return round(value.total_seconds() / 86400, 1)


def exposure(lender):
    """The lender's disbursed advances not repaid in full on orders refunded or disputed (open dispute), with
    what is still owed on each: the money at risk."""
    at_risk = Q(order__refunds__status=Refund.Status.SUCCEEDED) | Q(order__disputes__state=Dispute.State.OPEN)
    advances = (
        Advance.objects.filter(lender=lender, state=A.DISBURSED)
        .filter(at_risk)
        .distinct()
        .select_related("order", "supplier")
        .order_by("-disbursed_on", "-pk")
    )
    return [
        {
            "advance": advance,
            "outstanding": outstanding(advance),
            "disputed": advance.order.state == "disputed",
        }
        for advance in advances
    ]


def outstanding(advance) -> Money:
    """What the supplier still owes the lender on this advance: the advance and fee less what was repaid."""
    if advance.state not in DISBURSED_STATES:
        return Money(Decimal("0"), advance.currency)
    due = (advance.approved_amount or Decimal("0")) + advance.fee_amount
    return Money(due - advance.repaid_amount, advance.currency)
