"""Background work: how the project enqueues, retries, logs and schedules tasks, and the outgoing email.

- `queue.py`: `@job` (a django-tasks task that logs one JSON line per run, carries the request id and retries
  with backoff) and `enqueue_on_commit`.
- `mail.py`: every email goes out through `queue_email`: a row per message and recipient (its idempotency
  key makes it once), delivered by a task, tried again with backoff, and kept as failed for operators.
- `schedule.py`: the periodic jobs' table and `run_due`, which `manage.py run_schedule` calls.
"""
