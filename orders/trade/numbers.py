"""The artisan's trade numbers on /sell/: inquiries and how fast they are answered, RFQs seen, quoted and won,
orders and revenue by month. Computed here because the catalog, which owns /sell/, may not read trade data;
shown through the "sell.numbers" slot of its dashboard (trade/includes/sell_numbers.html).

Everything covers the last MONTHS calendar months, this one included, in the site's time zone. Revenue is
what buyers paid for the supplier's lines of orders that were paid and not cancelled or refunded, by the
month the order was placed; amounts are summed as Decimal in Python (exact, where SQLite would sum floats),
in each order's currency. The chart is in the supplier's own currency; any other currency (a quote made in
one) is listed beside it, never converted.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from statistics import median

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalog.sell.charts import BarChart, bar_chart
from marketplace.currency import format_money
from marketplace.money import Money
from orders.models import Fulfilment, Order, OrderLine

from .models import Quote, RFQInvitation, Thread

MONTHS = 12
# Orders whose money the supplier has, or will have once delivered: paid and not undone.
EARNING_STATES = [
    Order.State.PAID,
    Order.State.IN_PRODUCTION,
    Order.State.SHIPPED,
    Order.State.DELIVERED,
    Order.State.COMPLETED,
    Order.State.DISPUTED,
]


@dataclass
class TradeNumbers:
    inquiries: int = 0
    answered: int = 0
    median_response_hours: float | None = None
    rfqs_seen: int = 0
    rfqs_quoted: int = 0
    quotes_won: int = 0
    orders: int = 0
    revenue: Money | None = None  # in the supplier's currency
    other_currencies: list[Money] = field(default_factory=list)
    orders_chart: BarChart | None = None
    revenue_chart: BarChart | None = None


def first_months(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the last `count` months, oldest first, this month last."""
    months = []
    year, month = today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _month_of(moment) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def trade_numbers(suppliers, today: date | None = None) -> dict[int, TradeNumbers]:
    """Each supplier's trade numbers by supplier id; four queries for any number of suppliers."""
    today = today or timezone.localdate()
    months = first_months(today)
    since = timezone.make_aware(datetime.combine(months[0], time.min))
    numbers = {supplier.pk: TradeNumbers() for supplier in suppliers}

    delays = defaultdict(list)
    for supplier_id, asked, answered in Thread.objects.filter(
        supplier__in=suppliers, created_at__gte=since
    ).values_list("supplier_id", "created_at", "first_response_at"):
        numbers[supplier_id].inquiries += 1
        if answered is not None:
            numbers[supplier_id].answered += 1
            delays[supplier_id].append((answered - asked).total_seconds())
    for supplier_id, seconds in delays.items():
        numbers[supplier_id].median_response_hours = round(median(seconds) / 3600, 1)

    for row in (
        RFQInvitation.objects.filter(supplier__in=suppliers, created_at__gte=since)
        .values("supplier_id")
        .annotate(seen=Count("id"))
        .order_by()
    ):
        numbers[row["supplier_id"]].rfqs_seen = row["seen"]
    for row in (
        Quote.objects.filter(supplier__in=suppliers, created_at__gte=since)
        .values("supplier_id")
        .annotate(quoted=Count("rfq", distinct=True), won=Count("id", filter=Q(state=Quote.State.ACCEPTED)))
        .order_by()
    ):
        numbers[row["supplier_id"]].rfqs_quoted = row["quoted"]
        numbers[row["supplier_id"]].quotes_won = row["won"]

    revenue = defaultdict(Decimal)  # (supplier id, month, currency) -> amount
    orders = defaultdict(set)  # (supplier id, month) -> order ids
    lines = (
        OrderLine.objects.filter(
            fulfilment__supplier__in=suppliers, order__state__in=EARNING_STATES, order__created_at__gte=since
        )
        .exclude(fulfilment__state=Fulfilment.State.DECLINED)
        .values_list("fulfilment__supplier_id", "order_id", "order__created_at", "order__currency",
                     "unit_price", "quantity")
    )  # fmt: skip
    for supplier_id, order_id, placed, currency, unit_price, quantity in lines:
        month = _month_of(placed)
        revenue[supplier_id, month, currency] += unit_price * quantity
        orders[supplier_id, month].add(order_id)

    for supplier in suppliers:
        figures = numbers[supplier.pk]
        own = supplier.currency
        by_month = [revenue.get((supplier.pk, month, own), Decimal(0)) for month in months]
        figures.revenue = Money(sum(by_month, Decimal(0)), own)
        others = defaultdict(Decimal)
        for (supplier_id, _month, currency), amount in revenue.items():
            if supplier_id == supplier.pk and currency != own:
                others[currency] += amount
        figures.other_currencies = [Money(amount, currency) for currency, amount in sorted(others.items())]
        order_counts = [len(orders.get((supplier.pk, month), ())) for month in months]
        figures.orders = sum(order_counts)
        labels = [date_format(month, "M") for month in months]
        figures.orders_chart = bar_chart(_("Orders by month"), zip(labels, order_counts, strict=True))
        figures.revenue_chart = bar_chart(
            _("Revenue by month, in %(currency)s") % {"currency": own},
            zip(labels, by_month, strict=True),
            show=lambda amount, currency=own: format_money(Money(amount, currency)),
        )
    return numbers
