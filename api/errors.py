"""Every API error as {"error": {"code", "message", "fields"?}} (scaffolding of API-2, same interface as
API-1's foundation, which replaces this file at merge).

DOMAIN_ERRORS maps a domain exception class to (HTTP status, code or None: then the exception's `.code`).
Apps register theirs at import time; the handler reads the registry when an error happens, the most specific
registered class of the exception winning.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

DOMAIN_ERRORS: dict[type[BaseException], tuple[int, str | None]] = {}


def _body(code, message, fields=None):
    error = {"code": code, "message": str(message)}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _domain_response(exc):
    for cls in type(exc).__mro__:
        if cls in DOMAIN_ERRORS:
            http_status, code = DOMAIN_ERRORS[cls]
            message = getattr(exc, "message", None) or str(exc)
            return Response(_body(code or exc.code, message), status=http_status)
    return None


def _fields(detail):
    if isinstance(detail, dict):
        return {name: [str(item) for item in _flat(value)] for name, value in detail.items()}
    return {"non_field_errors": [str(item) for item in _flat(detail)]}


def _flat(value):
    if isinstance(value, dict):
        return [item for inner in value.values() for item in _flat(inner)]
    if isinstance(value, list):
        return [item for inner in value for item in _flat(inner)]
    return [value]


def handle(exc, context):
    response = _domain_response(exc)
    if response is not None:
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _body("validation_error", "The request is not valid.", _fields(exc.detail))
        response.status_code = status.HTTP_400_BAD_REQUEST
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = _body(code, detail)
    return response
