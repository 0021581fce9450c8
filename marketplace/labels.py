"""Stored codes as people read them: "Awaiting payment", never "awaiting_payment".

Pages use the model's own `get_FOO_display()`; this is for the places that hold a code apart from its row:
an audit record (marketplace.audit) and a refused transition's message (marketplace.workflow).
"""

from django.core.exceptions import FieldDoesNotExist


def choice_label(model, field: str, value) -> str:
    """The translated label of `value` among the choices of `model`'s `field`; the value itself when the field
    has no such choice (a commission rate, a message's "hidden" flag) or `model` is gone (None)."""
    try:
        choices = model._meta.get_field(field).flatchoices if model is not None else ()
    except FieldDoesNotExist:  # an audit record of a field since removed
        choices = ()
    return str(dict(choices).get(value, value))
