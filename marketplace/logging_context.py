"""The request id: one id per request, carried into the tasks the request enqueues and into every log line.

`RequestIdMiddleware` (first in MIDDLEWARE) takes an incoming X-Request-ID when it looks like one (a proxy or
load balancer that set it can follow the request through our logs) or makes a new one, returns it in the
response's X-Request-ID header, and logs one line per request on the "marketplace.requests" logger: method,
path (never the query string: reset and sign-up tokens travel in URLs), status, duration, user id.
`marketplace.jobs` reads `current_request_id()` when it enqueues and sets it again while the task runs.
"""

import contextvars
import logging
import re
import time
import uuid
from contextlib import contextmanager

from django.utils.functional import empty

_request_id = contextvars.ContextVar("request_id", default="")
request_logger = logging.getLogger("marketplace.requests")

# Letters, digits and - _ . : only, at most 100: anything else (a line break, markup, a megabyte) is not an id
# we pass on into logs and task arguments.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,100}$")
HEADER = "X-Request-ID"


def current_request_id() -> str:
    """The id of the request (or task) this code runs for; "" outside both."""
    return _request_id.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def request_id_set(value: str):
    """Run the block with `value` as the current request id, then restore the previous one."""
    token = _request_id.set(value or "")
    try:
        yield
    finally:
        _request_id.reset(token)


def incoming_request_id(request) -> str:
    """The client's X-Request-ID if it is sane, else a new one."""
    offered = request.headers.get(HEADER, "")
    return offered if SANE_REQUEST_ID.match(offered) else new_request_id()


def _user_id(request):
    """The user's id if something in the request already loaded the user, else None: loading it here would
    cost a session query on requests that never needed one."""
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if user is None or wrapped is empty:
        return None
    return getattr(wrapped, "pk", None)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_request_id(request)
        request.request_id = request_id
        started = time.perf_counter()
        with request_id_set(request_id):
            response = self.get_response(request)
            response[HEADER] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "event": "request",
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
        return response
