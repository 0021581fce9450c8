"""Log formats: one JSON object per line (production, LOG_FORMAT=json) or readable text (development).

Both carry the current request id (marketplace.logging_context), so a request's line, the lines its code
logged and the lines of the tasks it enqueued share one id. The JSON line holds the fields a record was given
with `extra=` (the request and task lines use that: event, method, path, status, duration_ms, task...),
never the request's headers, query string or task arguments, where tokens and addresses travel.
"""

import json
import logging
from datetime import UTC, datetime

from .logging_context import current_request_id

# Attributes every LogRecord has: what is not among them came through `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Stamps each record with the current request id (or the one it was given)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or current_request_id(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`time level logger [request id] message`, for a developer's terminal."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id() or "-"
        return super().format(record)
