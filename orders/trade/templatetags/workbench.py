"""{% waiting_counts as counts %}: what waits for the signed-in supplier member
(orders.trade.services.workbench), for the header's badges. Computed once per request: the header renders on
every page and may be rendered twice (error pages, includes), so the one query never repeats."""

from django import template

from ..services.workbench import waiting_counts as compute

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_counts(context):
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inquiries": 0, "rfqs": 0, "orders": 0}
    if request is None:
        return compute(user)
    cached = getattr(request, "_waiting_counts", None)
    if cached is None or cached[0] != user.pk:
        cached = request._waiting_counts = (user.pk, compute(user))
    return cached[1]
