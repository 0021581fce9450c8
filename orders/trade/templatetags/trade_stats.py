from django import template

from ..services.responsiveness import responsiveness

register = template.Library()


@register.simple_tag
def supplier_responsiveness(supplier):
    """{% supplier_responsiveness supplier as r %}: r.rate (percent), r.median_hours, r.asked."""
    return responsiveness(supplier.pk)


@register.simple_tag(takes_context=True)
def trade_party(context, thread):
    """'buyer' or 'supplier': which side the current user reads `thread` from."""
    return "buyer" if thread.buyer_id == context["request"].user.pk else "supplier"
