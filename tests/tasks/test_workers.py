"""A task enqueued in a request runs in a real worker process, on the database queue and on RQ: the same task
code on both, its log line carrying the request's id.

The request runs here (the test client, a transactional test so the worker sees committed rows); the worker
runs as `manage.py run_worker --batch` in a process of its own, with the settings a deployment gives it.
On PostgreSQL it works the test database itself. SQLite's test database lives in this process's memory, so
the test copies it to a file for the worker and copies the worker's file back (SQLite's backup API).

RQ runs against the machine's Redis (TEST_REDIS_URL, default 127.0.0.1:6379 database 11, emptied first);
without Redis the RQ test is skipped, except in CI (CI=true), where it fails.
"""

import json
import os
import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse

from marketplace.jobs.models import OutgoingEmail
from tests.ci_rules import skip_or_fail
from tests.processes import run_python

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")


@contextmanager
def database_for_a_worker(tmp_path):
    """The DATABASE_URL a worker process reaches this test's database at, its writes visible here after."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings_dict["USER"] or "postgres"
        password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
        host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
        yield f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"
        return
    path = tmp_path / "worker.sqlite3"
    memory = connection.connection
    with sqlite3.connect(path) as file_db:
        memory.backup(file_db)
    file_db.close()
    yield f"sqlite:///{path}"
    connection.close()
    connection.ensure_connection()
    file_db = sqlite3.connect(path)
    file_db.backup(connection.connection)
    file_db.close()


def ask_for_password_reset(client, email, settings, backend):
    """A request that enqueues a task (the reset email); its request id."""
    settings.TASKS = {"default": {**settings.TASKS["default"], "BACKEND": backend}}
    response = client.post(reverse("password_reset"), {"email": email}, HTTP_X_REQUEST_ID="req-worker-test-1")
    assert response.status_code == 302
    return response["X-Request-ID"]


def run_worker(database_url, **variables):
    done = run_python(
        "manage.py",
        "run_worker",
        "--batch",
        timeout=300,
        DATABASE_URL=database_url,
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        LOG_FORMAT="json",
        **variables,
    )
    assert done.returncode == 0, done.stderr
    return done


def task_lines(output):
    lines = []
    for line in output.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == "task":
            lines.append(record)
    return lines


def test_a_task_enqueued_in_a_request_runs_in_a_database_queue_worker(client, buyer, settings, tmp_path):
    request_id = ask_for_password_reset(client, buyer.email, settings, "django_tasks_db.DatabaseBackend")
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING  # nothing ran in the request

    with database_for_a_worker(tmp_path) as database_url:
        done = run_worker(database_url, TASKS_BACKEND="database")

    email = OutgoingEmail.objects.get()
    assert (email.to, email.status) == (buyer.email, OutgoingEmail.Status.SENT)
    assert f"To: {buyer.email}" in done.stdout  # the console backend's message, in the worker's output
    [run] = task_lines(done.stdout + done.stderr)
    assert (run["task"], run["outcome"], run["request_id"]) == (
        "marketplace.jobs.mail.deliver_email",
        "success",
        request_id,
    )


@pytest.fixture
def redis_queue(settings):
    """RQ on the test Redis database, emptied; skipped (failed in CI) without Redis."""
    import redis

    try:
        connection_ = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        connection_.flushdb()
    except redis.RedisError as error:
        skip_or_fail(f"Redis at {REDIS_URL} does not answer ({type(error).__name__})")
    settings.RQ_QUEUES = {
        name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60} for name in settings.TASKS["default"]["QUEUES"]
    }
    yield connection_
    connection_.flushdb()


def test_a_task_enqueued_in_a_request_runs_in_an_rq_worker(client, buyer, settings, tmp_path, redis_queue):
    request_id = ask_for_password_reset(client, buyer.email, settings, "django_tasks_rq.RQBackend")
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING
    assert redis_queue.llen("rq:queue:email") == 1

    with database_for_a_worker(tmp_path) as database_url:
        done = run_worker(database_url, TASKS_BACKEND="rq", REDIS_URL=REDIS_URL)

    email = OutgoingEmail.objects.get()
    assert (email.to, email.status) == (buyer.email, OutgoingEmail.Status.SENT)
    [run] = task_lines(done.stdout + done.stderr)
    assert (run["task"], run["outcome"], run["request_id"]) == (
        "marketplace.jobs.mail.deliver_email",
        "success",
        request_id,
    )
