"""Per-category commission rates, set by operators; `ledger.commission_percent` applies them on release.

Each change is recorded in the audit trail (field "percent": old rate to new rate, by whom), because a rate
decides how much of every later release the platform keeps. A rate already applied to a release stays in that
posting; changing it affects only releases to come.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.workflow import TransitionError, record

from ..models import CategoryCommission


def _must_be_operator(actor):
    if not getattr(actor, "is_operator", False):
        raise TransitionError(_("Only operators may do this."), code="not_operator")


def save_category_commission(*, category, percent: Decimal, actor, commission=None) -> CategoryCommission:
    """Create `category`'s rate, or change `commission` (to `category` and `percent`). Refuses non-operators
    (TransitionError) and rates outside 0-100 or a second rate for a category (ValidationError)."""
    _must_be_operator(actor)
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
    _must_be_operator(actor)
    with transaction.atomic():
        record(commission, f"{commission.percent}", "", actor, field="percent", note=f"deleted: {commission}")
        commission.delete()
