"""Every API error as one JSON shape, with a stable code a client can branch on:

    {"error": {"code": "read_only_token", "message": "…", "fields": {"moq": ["…"]}}}

(`fields` only for validation errors). `handle` is DRF's EXCEPTION_HANDLER. It turns DRF's exceptions (their
code: not_authenticated, permission_denied, not_found, throttled, …), Django's PermissionDenied, Http404 and
ValidationError, and domain errors into that shape. A domain error is any exception class in
DOMAIN_ERRORS, {class: (HTTP status, code)}; with code None the exception's own `.code` is used. Apps add
their errors there (api/trade/errors.py); the registry is read at each call, so what they add counts.
Anything else is a bug: it is re-raised, Django logs it and answers 500.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from catalog.models import BelowMinimumOrder

DOMAIN_ERRORS: dict[type[Exception], tuple[int, str | None]] = {
    BelowMinimumOrder: (status.HTTP_400_BAD_REQUEST, "below_minimum_order"),
}


def error_body(code: str, message, fields: dict | None = None) -> dict:
    body = {"code": code, "message": force_str(message)}
    if fields is not None:
        body["fields"] = fields
    return {"error": body}


def _domain_error(exc):
    for cls in type(exc).__mro__:
        if cls in DOMAIN_ERRORS:
            http_status, code = DOMAIN_ERRORS[cls]
            code = code or getattr(exc, "code", None) or "domain_error"
            return Response(error_body(code, exc), status=http_status)
    return None


def _fields(detail) -> dict:
    """DRF's validation detail as {field: [messages]}; errors of no one field under "non_field_errors"."""
    if isinstance(detail, dict):
        return {name: [force_str(m) for m in _flat(messages)] for name, messages in detail.items()}
    return {"non_field_errors": [force_str(m) for m in _flat(detail)]}


def _flat(detail):
    if isinstance(detail, list | tuple):
        for item in detail:
            yield from _flat(item)
    elif isinstance(detail, dict):
        for name, item in detail.items():
            for message in _flat(item):
                yield f"{name}: {message}"
    else:
        yield detail


def handle(exc, context):
    response = _domain_error(exc)
    if response is not None:
        return response
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "validation_error"
        if code == "invalid":
            code = "validation_error"
        response.data = error_body(
            code, _("Some of what was sent is not valid; see the fields."), _fields(exc.detail)
        )
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        code = codes if isinstance(codes, str) else "error"
        message = exc.detail if isinstance(exc, exceptions.APIException) else exc
        if isinstance(message, list | dict):
            message = " ".join(_flat(message))
        response.data = error_body(code, message)
    return response
