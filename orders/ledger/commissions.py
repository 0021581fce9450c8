"""Commission rates: the platform's cut of each release (`commission_percent`), and operators' per-category
overrides of PLATFORM_COMMISSION_PERCENT.

Each change is recorded in the audit trail (field "percent": old rate to new rate, by whom), because a rate
decides how much of every later release the platform keeps. A rate already applied to a release stays in that
posting; changing it affects only releases to come.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.workflow import record

from ..access import require_operator
from ..models import CategoryCommission


def save_category_commission(*, category, percent: Decimal, actor, commission=None) -> CategoryCommission:
    """Create `category`'s rate, or change `commission` (to `category` and `percent`). Refuses non-operators
    (TransitionError) and rates outside 0-100 or a second rate for a category (ValidationError)."""
    require_operator(actor)
    if not isinstance(percent, Decimal) or not Decimal("0") <= percent <= Decimal("100"):
        raise ValidationError(_("Enter a percentage from 0 to 100."), code="percent_range")
    with transaction.atomic():
        if commission is None:
            commission, old = CategoryCommission(category=category, percent=percent), ""
        else:
            commission = CategoryCommission.objects.select_for_update().get(pk=commission.pk)
            old = f"{commission.percent}"
            commission.category, commission.percent = category, percent
        commission.full_clean()
        commission.percent = commission.percent.quantize(Decimal("0.01"))  # 9 is recorded as 9.00
        commission.save()
        record(commission, old, f"{commission.percent}", actor, field="percent", note=str(category))
    return commission


def delete_category_commission(commission, actor):
    """Remove a rate: its category's releases fall back to the parent's rate or the default setting."""
    require_operator(actor)
    with transaction.atomic():
        record(commission, f"{commission.percent}", "", actor, field="percent", note=f"deleted: {commission}")
        commission.delete()


def commission_percent(fulfilment) -> Decimal:
    """The commission on a fulfilment: the most specific category override of its lines, else the setting.

    A fulfilment with lines in several categories takes the highest override among them (one rate per
    release keeps the posting simple and never under-charges).
    """
    categories = {line.product.category for line in fulfilment.lines.all() if line.product_id}
    overrides = list(CategoryCommission.objects.select_related("category"))
    best = None
    for category in categories - {None}:
        ancestry = set(category.ancestor_paths())
        matching = [o for o in overrides if o.category.path in ancestry]
        if matching:
            deepest = max(matching, key=lambda o: len(o.category.path))
            best = deepest.percent if best is None else max(best, deepest.percent)
    return best if best is not None else Decimal(str(settings.PLATFORM_COMMISSION_PERCENT))
