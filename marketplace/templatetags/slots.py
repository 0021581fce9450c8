"""{% slot %} and {% slot_version %}, the template side of marketplace.slots.

The core is a package, not an app: settings.TEMPLATES names this library ("slots") for every template.
"""

from django import template

from marketplace import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name, **values):
    """{% slot "product.actions" product=product %}: every template registered for the slot, in order."""
    return slots.render(name, context, **values)


@register.simple_tag(takes_context=True)
def slot_version(context, name, **values):
    """{% slot_version "supplier.card" supplier=supplier as v %}: what the slot's templates show, for the key
    of a cached fragment that holds the slot."""
    return slots.version(name, context, **values)
