"""One rule, two doors: the API checks input with the very form the page uses."""

from rest_framework import serializers


def check_with_form(form_class, values, field_names=None, **kwargs):
    """Run `form_class` over `values` (the serializer's typed values; None left out, as an empty field) and
    return the valid form, or raise a ValidationError carrying the form's messages per field (the form's
    own non-field errors under "non_field_errors"; `field_names` renames a form field to the API's name)."""
    data = {name: value for name, value in values.items() if value is not None}
    form = form_class(data=data, files={}, **kwargs)
    names = {"__all__": "non_field_errors"} | (field_names or {})
    if not form.is_valid():
        raise serializers.ValidationError(
            {
                names.get(name, name): [str(message) for message in messages]
                for name, messages in form.errors.items()
            }
        )
    return form
