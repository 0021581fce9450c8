"""One log line per request and per task run, sharing the request id (marketplace/logging_context.py,
marketplace/logging_json.py, marketplace/jobs/queue.py)."""

import json
import logging

import pytest
from django.urls import reverse

from marketplace.jobs.queue import enqueue, job
from marketplace.logging_context import request_id_set
from marketplace.logging_json import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@job()
def note_request_id():
    """A task that logs one line of its own (test_logging's)."""
    logging.getLogger("tests.tasks").info("inside the task")


def json_lines(caplog, name):
    formatter, stamp = JsonFormatter(), RequestIdFilter()
    lines = []
    for record in caplog.records:
        if record.name == name:
            stamp.filter(record)
            lines.append(json.loads(formatter.format(record)))
    return lines


def test_a_response_carries_a_new_request_id(client):
    response = client.get(reverse("healthz"))
    assert len(response["X-Request-ID"]) == 32


def test_a_sane_incoming_request_id_is_kept(client):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="lb-4f1c2a9e-0001")
    assert response["X-Request-ID"] == "lb-4f1c2a9e-0001"


@pytest.mark.parametrize("offered", ["short", "a" * 101, "id with spaces", "evil\nline", "<script>"])
def test_an_insane_incoming_request_id_is_replaced(client, offered):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered and len(response["X-Request-ID"]) == 32


def test_each_request_logs_one_json_line_without_its_query_string(client_for, buyer, caplog):
    caplog.set_level(logging.INFO, logger="marketplace.requests")
    client = client_for(buyer)

    response = client.get("/accounts/password_reset/?token=SECRET", HTTP_X_REQUEST_ID="req-12345678")
    client.get(reverse("healthz"))

    first = json_lines(caplog, "marketplace.requests")[0]
    assert first["event"] == "request" and first["request_id"] == "req-12345678"
    assert (first["method"], first["path"], first["status"]) == ("GET", "/accounts/password_reset/", 200)
    assert first["user_id"] == buyer.pk and first["duration_ms"] >= 0
    assert "SECRET" not in json.dumps(first)
    assert response.status_code == 200


def test_a_task_logs_one_line_with_the_request_id_that_enqueued_it(caplog):
    caplog.set_level(logging.INFO)

    with request_id_set("req-abcdef12"):
        result = enqueue(note_request_id)

    [run] = json_lines(caplog, "marketplace.tasks")
    assert run["event"] == "task" and run["outcome"] == "success"
    assert (run["task"], run["task_id"], run["request_id"]) == (
        "tests.tasks.test_logging.note_request_id",
        result.id,
        "req-abcdef12",
    )
    assert run["attempt"] == 1 and run["queue"] == "default" and run["duration_ms"] >= 0
    [inside] = json_lines(caplog, "tests.tasks")
    assert inside["request_id"] == "req-abcdef12"


def test_the_request_id_does_not_outlive_the_task(caplog):
    with request_id_set("req-abcdef12"):
        enqueue(note_request_id)
    from marketplace.logging_context import current_request_id

    assert current_request_id() == ""


def test_production_logs_json_and_development_text():
    from tests.processes import settings_of

    production = settings_of("LOG_FORMAT", DEBUG="false", SECRET_KEY="x" * 40, ALLOWED_HOSTS="crafts.example")
    development = settings_of("LOG_FORMAT", DEBUG="true")
    assert (production["LOG_FORMAT"], development["LOG_FORMAT"]) == ("json", "text")
