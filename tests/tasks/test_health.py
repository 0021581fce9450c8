"""/healthz: JSON about the database, cache, queue and search; 503 only when the database is down; never a
secret (marketplace/health.py)."""

import json

import pytest
from django.urls import reverse

from marketplace.jobs.queue import enqueue
from tests.processes import run_python

from .test_logging import note_request_id

pytestmark = pytest.mark.django_db


def test_a_healthy_site_answers_ok_with_every_check(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["cache"] == {"ok": True}
    assert body["checks"]["search"] == {"ok": True, "backend": "database"}
    assert body["checks"]["queue"] == {"ok": True, "backend": "immediate", "depth": 0, "oldest_age_s": None}


def test_anonymous_visitors_get_it_without_a_login(client):
    assert client.get(reverse("healthz")).status_code == 200


def test_the_queue_check_counts_what_waits_for_a_worker(client, settings):
    settings.TASKS = {"default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}}
    enqueue(note_request_id)
    enqueue(note_request_id)

    queue = client.get(reverse("healthz")).json()["checks"]["queue"]

    assert (queue["backend"], queue["depth"]) == ("database", 2)
    assert 0 <= queue["oldest_age_s"] < 60


def test_search_down_is_degraded_not_down_and_names_no_server(client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://search-user:search-pass@127.0.0.1:9/"
    settings.ELASTICSEARCH_TIMEOUT = 0.5

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"] == {"ok": False, "backend": "elasticsearch"}
    assert "search-pass" not in response.content.decode() and "127.0.0.1" not in response.content.decode()


def test_an_unreachable_queue_is_degraded_and_names_no_server(client, settings):
    settings.TASKS = {"default": {**settings.TASKS["default"], "BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {
        name: {"URL": "redis://:queue-pass@127.0.0.1:9/0", "DEFAULT_TIMEOUT": 5}
        for name in settings.TASKS["default"]["QUEUES"]
    }

    response = client.get(reverse("healthz"))

    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["queue"] == {"ok": False, "error": "ConnectionError", "backend": "rq"}
    assert "queue-pass" not in response.content.decode()


def test_a_database_down_is_503_and_names_no_server():
    # A process of its own whose database does not answer (nothing listens on port 9).
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    done = run_python("-c", script, DATABASE_URL="postgres://app:db-secret@127.0.0.1:9/marketplace")

    assert done.returncode == 0, done.stderr
    status, body = done.stdout.strip().splitlines()[-2:]
    assert status == "503"
    health = json.loads(body)
    assert health["status"] == "down" and health["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
    }
    assert "db-secret" not in body and "127.0.0.1" not in body
