"""`/healthz`: is this process able to serve, and is the work behind it keeping up? JSON, no secrets.

    {"status": "ok" | "degraded" | "down",
     "checks": {"database": {"ok": true},
                "cache": {"ok": true},
                "queue": {"ok": true, "backend": "database", "depth": 0, "oldest_age_s": null},
                "search": {"ok": true, "backend": "database"}}}

503 ("down") only when the database does not answer: nothing works without it, so a load balancer should
send no traffic here. A cache, queue or search backend that fails makes the answer "degraded" with 200: pages
still render (search falls back to the database, a lost enqueue is caught up), and taking every web process
out of rotation for it would turn a partial outage into a full one. Each check reports its backend by kind
only and an error by its exception class, never a URL, host or message (they may hold passwords).

The search check belongs to the search app, above the core: it registers itself (`register`) when it
starts, as every check of a higher layer would.
"""

import time
from collections.abc import Callable
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

_checks: dict[str, Callable[[], dict]] = {}


def register(name: str, check: Callable[[], dict]) -> None:
    """Add `check` as `name` in every report: it returns a dict of plain values ("ok": False among them if
    it finds a fault); raising means not ok too."""
    _checks[name] = check


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache() -> dict:
    key, value = "healthz:probe", str(time.time_ns())
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("cache did not keep a value")
    return {}


def queue_backend() -> str:
    backend = settings.TASKS["default"]["BACKEND"]
    return {
        "django_tasks_db.DatabaseBackend": "database",
        "django_tasks_rq.RQBackend": "rq",
        "django_tasks.backends.immediate.ImmediateBackend": "immediate",
    }.get(backend, backend.rsplit(".", 1)[-1])


def check_queue() -> dict:
    """How many tasks are ready to run and how long the oldest has waited: a worker that stopped or cannot
    keep up shows here first. Delayed retries are not ready yet and do not count."""
    backend = queue_backend()
    depth, oldest = 0, None
    if backend == "database":
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready()
        depth = ready.count()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    elif backend == "rq":
        import django_rq

        for name in settings.TASKS["default"]["QUEUES"]:
            queue = django_rq.get_queue(name)
            depth += queue.count
            job_ids = queue.get_job_ids(0, 0)
            job = queue.fetch_job(job_ids[0]) if job_ids else None
            if job is not None and job.enqueued_at is not None:
                enqueued = job.enqueued_at
                if timezone.is_naive(enqueued):
                    enqueued = timezone.make_aware(enqueued, UTC)
                oldest = enqueued if oldest is None else min(oldest, enqueued)
    age = round((timezone.now() - oldest).total_seconds(), 1) if oldest else None
    return {"backend": backend, "depth": depth, "oldest_age_s": age}


def report() -> tuple[dict, int]:
    """The health document and its HTTP status."""
    checks = {}
    for name, check in {
        "database": check_database,
        "cache": check_cache,
        "queue": check_queue,
        **_checks,
    }.items():
        try:
            checks[name] = {"ok": True, **check()}
        except Exception as error:
            checks[name] = {"ok": False, "error": type(error).__name__}
    database_down = not checks["database"]["ok"]
    if database_down:
        status = "down"
    elif all(check["ok"] for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    checks["queue"].setdefault("backend", queue_backend())
    return {"status": status, "checks": checks}, 503 if database_down else 200


@never_cache
@require_GET
def healthz(request):
    body, status = report()
    return JsonResponse(body, status=status)
