"""{% due_lead_count as n %}: how many of the signed-in member's leads wait for a follow-up today or earlier,
for the seller nav's "Leads" link (orders.trade.services.lead_pipeline.due_count). One query a request."""

from django import template

from ..services.lead_pipeline import due_count

register = template.Library()


@register.simple_tag(takes_context=True)
def due_lead_count(context):
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if request is None:
        return due_count(user)
    cached = getattr(request, "_due_lead_count", None)
    if cached is None or cached[0] != user.pk:
        cached = request._due_lead_count = (user.pk, due_count(user))
    return cached[1]
