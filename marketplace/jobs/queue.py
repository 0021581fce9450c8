"""Enqueueing, retrying and logging tasks, the same way on every backend (database, RQ, immediate).

A task is a module-level function decorated with `@job(...)`: a django-tasks `Task` whose runs

- carry the request id of the request (or task) that enqueued them, set again while they run, so their log
  lines and the tasks they enqueue share it;
- log one line each on the "marketplace.tasks" logger (JSON in production): task, task id, queue, attempt,
  request id, duration and outcome ("success", "retry": failed and enqueued again, "failed": given up);
- are tried again when they raise, up to `attempts` times, after a growing delay (`backoff_seconds`):
  django-tasks has no retries of its own, so a failed run enqueues a new one with `run_after` and the attempt
  number. The failed run itself is recorded as failed by the backend: that is what happened. The immediate
  backend runs in the caller and cannot wait, so there the next attempt follows at once.

Tasks take JSON arguments only (ids, not model instances) and must be idempotent: a run repeated (a retry
after a crash, a duplicate enqueue) changes nothing the first run did not. Run one with `enqueue` (or
`enqueue_on_commit`), not `Task.call`: the function the backend calls takes the task's context first.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from marketplace.logging_context import current_request_id, request_id_set

logger = logging.getLogger("marketplace.tasks")

# The wrapped function's extra keyword argument: {"request_id": str, "attempt": int}.
META = "_job"


def backoff_seconds(failed_attempts: int) -> float:
    """The wait after the `failed_attempts`-th failure: TASK_RETRY_BASE_SECONDS × 4^(n−1) (30 s, 2 min, 8 min,
    32 min with the default), never more than an hour."""
    return min(settings.TASK_RETRY_BASE_SECONDS * 4 ** (failed_attempts - 1), 3600)


def job(*, queue_name="default", attempts=1, retry_on=(Exception,), on_give_up=None):
    """Make `func` a task on `queue_name` (one of settings.TASKS' QUEUES).

    `attempts`: how many runs in all (an int, or a function returning one, read when a run fails).
    `retry_on`: the exceptions worth another run; others fail at once. `on_give_up(error, *args, **kwargs)`
    runs after the last failed attempt (e.g. to record the failure where operators see it).
    """

    def decorate(func):
        def run(context, *args, **kwargs):
            meta = kwargs.pop(META, None) or {}
            attempt = int(meta.get("attempt", 1))
            request_id = meta.get("request_id") or ""
            with request_id_set(request_id):
                started = time.perf_counter()
                try:
                    result = func(*args, **kwargs)
                except Exception as error:
                    limit = attempts() if callable(attempts) else attempts
                    again = isinstance(error, retry_on) and attempt < limit
                    _log_run(context, func, attempt, started, "retry" if again else "failed")
                    if again:
                        enqueue_retry(the_task, args, kwargs, attempt + 1, request_id)
                    elif on_give_up is not None:
                        _give_up(on_give_up, error, args, kwargs)
                    raise
                _log_run(context, func, attempt, started, "success")
                return result

        # Named as `func` so the task's import path (how workers find it) is the decorated name's.
        run.__name__, run.__qualname__, run.__module__ = func.__name__, func.__qualname__, func.__module__
        run.__doc__ = func.__doc__
        the_task = task(queue_name=queue_name, takes_context=True)(run)
        return the_task

    return decorate


def _give_up(on_give_up, error, args, kwargs):
    try:
        on_give_up(error, *args, **kwargs)
    except Exception:
        logger.exception("giving up on a task failed too", extra={"event": "give_up_failed"})


def _log_run(context, func, attempt, started, outcome):
    result = context.task_result
    level = logging.ERROR if outcome == "failed" else logging.WARNING if outcome == "retry" else logging.INFO
    logger.log(
        level,
        "task %s %s",
        func.__name__,
        outcome,
        extra={
            "event": "task",
            "task": f"{func.__module__}.{func.__qualname__}",
            "task_id": result.id,
            "queue": result.task.queue_name,
            "attempt": attempt,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "outcome": outcome,
        },
    )


def enqueue(the_task, *args, **kwargs):
    """Enqueue now, carrying the current request id; returns the TaskResult."""
    return the_task.enqueue(*args, **kwargs, **{META: {"request_id": current_request_id(), "attempt": 1}})


def enqueue_on_commit(the_task, *args, **kwargs):
    """Enqueue once the current transaction commits (at once outside one), so a task never sees data a
    rollback undoes nor runs before its rows are visible to the worker.

    The change is committed by then: a queue that refuses the task (Redis down) is logged, never raised into
    the request. What such a lost enqueue leaves behind is caught up elsewhere: pending emails by the
    scheduled `flush_outbox`, the search index by `search_index update`.
    """
    meta = {"request_id": current_request_id(), "attempt": 1}

    def send():
        try:
            the_task.enqueue(*args, **kwargs, **{META: meta})
        except Exception:
            logger.exception("task %s not enqueued", the_task.name, extra={"event": "enqueue_failed"})

    transaction.on_commit(send)


def enqueue_retry(the_task, args, kwargs, attempt, request_id):
    """Enqueue run number `attempt` of `the_task` after the backoff (at once on a backend that cannot
    wait)."""
    delayed = the_task
    if the_task.get_backend().supports_defer:
        wait = timedelta(seconds=backoff_seconds(attempt - 1))
        delayed = the_task.using(run_after=timezone.now() + wait)
    try:
        delayed.enqueue(*args, **kwargs, **{META: {"request_id": request_id, "attempt": attempt}})
    except Exception:
        logger.exception("retry of task %s not enqueued", the_task.name, extra={"event": "enqueue_failed"})
