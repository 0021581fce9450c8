"""Pieces every trade representation shares: a state as its code and its human label, the error body as the
schema describes it, and the one ordering of every trade list."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend


class LabelledChoiceField(serializers.Field):
    """A TextChoices value as {"code": "awaiting_payment", "label": "Awaiting payment"}: the code for
    programs, the label (translated) for people."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        extend_schema_field(
            {
                "type": "object",
                "properties": {
                    "code": {"type": "string", "enum": list(choices.values)},
                    "label": {"type": "string"},
                },
                "required": ["code", "label"],
            }
        )(self)

    def to_representation(self, value):
        return {"code": value, "label": str(self.choices(value).label)}


ERROR_BODY = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "Stable, e.g. rfq_closed, quote_changed, not_found."},
        "message": {"type": "string"},
        "fields": {
            "type": "object",
            "description": "Validation errors only: each field's messages.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["code", "message"],
}


@extend_schema_field(ERROR_BODY)
class ErrorBodyField(serializers.DictField):
    pass


@extend_schema_serializer(component_name="Error")
class ErrorSerializer(serializers.Serializer):
    """The body of every error (api.errors), as the `Error` component the whole API's schema shares (API-1's
    schema hook writes the same component: one shape, one name)."""

    error = ErrorBodyField()


ERROR_DESCRIPTIONS = {
    400: _("The request is not valid: `fields` says what to change."),
    401: _("No valid credentials."),
    403: _("The credentials do not allow this."),
    404: _("No such object among yours."),
    409: _("The object's state does not allow this: see the code."),
    422: _("The accepted terms cannot become an order: see the code."),
    429: _("Too many requests: see the message."),
}


def error_responses(*statuses):
    """The documented error answers of an operation (401 and 403 always: every endpoint needs a user)."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=str(ERROR_DESCRIPTIONS[code]))
        for code in sorted({401, 403, *statuses})
    }


class NewestFirst(BaseFilterBackend):
    """The cursor paginator asks the view's filters for the ordering: this one answers the view's
    `ordering` (a unique, never-changing key such as "-id"), so each list pages stably whatever the
    paginator's default."""

    def get_ordering(self, request, queryset, view):
        return view.ordering

    def filter_queryset(self, request, queryset, view):
        return queryset.order_by(*view.ordering)
