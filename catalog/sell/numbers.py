"""The artisan's numbers from the catalog: how often their product pages and storefront were viewed.

Views are counted per day in `ViewCount` (only a count: never who, never an IP or a cookie). A view is not
counted when it comes from a member of the supplier (an artisan checking their own page is not a buyer's
interest) or from an obvious robot by its user agent (search engines, link previews, scripts, headless
browsers); a request without a user agent is a script too.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalog.onboarding_models import ViewCount
from catalog.permissions import role_of

from .charts import BarChart, bar_chart

DAYS = 30
ROBOTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrapy|curl|wget|python-|httpx|aiohttp|go-http|java/|okhttp|headless"
    r"|facebookexternalhit|embedly|preview|lighthouse|pingdom|uptime|monitor",
    re.IGNORECASE,
)


def is_robot(request) -> bool:
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return not user_agent.strip() or bool(ROBOTS.search(user_agent))


def count_view(request, *, supplier, product=None) -> bool:
    """Adds one to today's count of views of `product` (or of the supplier's storefront when None), unless the
    viewer is a robot or a member of the supplier, or the request is not a GET. Returns whether it counted.

    One UPDATE ... SET count = count + 1 in the usual case; the day's first view inserts the row, and when two
    first views race the loser's insert fails on the unique constraint and it updates instead: never a lost
    view, never two rows.
    """
    # Only a GET is someone reading the page (a HEAD is a link checker's).
    if request.method != "GET" or is_robot(request) or role_of(request.user, supplier) is not None:
        return False
    kind = ViewCount.Kind.PRODUCT if product is not None else ViewCount.Kind.STOREFRONT
    day = timezone.localdate()
    if product is not None:
        rows = ViewCount.objects.filter(kind=kind, product=product, day=day)
    else:
        rows = ViewCount.objects.filter(kind=kind, supplier=supplier, product__isnull=True, day=day)
    if rows.update(count=F("count") + 1):
        return True
    try:
        with transaction.atomic():
            ViewCount.objects.create(kind=kind, supplier=supplier, product=product, day=day, count=1)
    except IntegrityError:
        rows.update(count=F("count") + 1)
    return True


@dataclass(frozen=True)
class ViewNumbers:
    product_views: int
    storefront_views: int
    product_chart: BarChart
    storefront_chart: BarChart


def view_numbers(suppliers, today: date | None = None, days: int = DAYS) -> dict[int, ViewNumbers]:
    """Each supplier's product and storefront views per day over the last `days` days (today included), by
    supplier id. One query for all the suppliers."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    counts = {}
    rows = (
        ViewCount.objects.filter(supplier__in=suppliers, day__gte=first, day__lte=today)
        .values_list("supplier_id", "kind", "day")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for supplier_id, kind, day, total in rows:
        counts[supplier_id, kind, day] = total
    span = [first + timedelta(days=offset) for offset in range(days)]
    numbers = {}
    for supplier in suppliers:

        def series(kind, supplier_id=supplier.pk):
            return [(date_format(day, "j M"), counts.get((supplier_id, kind, day), 0)) for day in span]

        products, storefront = series(ViewCount.Kind.PRODUCT), series(ViewCount.Kind.STOREFRONT)
        numbers[supplier.pk] = ViewNumbers(
            product_views=sum(value for _label, value in products),
            storefront_views=sum(value for _label, value in storefront),
            product_chart=bar_chart(_("Views of your product pages, day by day"), products),
            storefront_chart=bar_chart(_("Views of your storefront, day by day"), storefront),
        )
    return numbers
