"""One rule, two doors: the API checks input with the very form the page uses."""

from rest_framework import serializers


def check_with_form(form_class, values, **kwargs):
    """Run `form_class` over `values` (the serializer's typed values; None left out, as an empty field) and
    return the valid form, or raise a ValidationError carrying the form's messages per field (the form's
    own non-field errors under "non_field_errors")."""
    data = {name: value for name, value in values.items() if value is not None}
    form = form_class(data=data, files={}, **kwargs)
    if not form.is_valid():
        raise serializers.ValidationError(
            {
                ("non_field_errors" if name == "__all__" else name): [str(message) for message in messages]
                for name, messages in form.errors.items()
            }
        )
    return form
