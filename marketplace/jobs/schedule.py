"""The periodic jobs and the one mechanism that runs them: `manage.py run_schedule` (started by `make run`).

Why a scheduler process rather than cron lines: it is the same on a laptop (`make run`, nothing to install)
and on servers, on the database queue and on RQ; it only enqueues, so the jobs run in the workers with the
same retries and logs as every other task; and it keeps each job's next due time in the database
(ScheduledJob), claimed with a conditional update, so two schedulers (a second server, an overlap during a
deploy) or a restart never enqueue the same run twice. The jobs are idempotent besides: a run repeated finds
nothing left to do.

Each entry names its task by import path (the core names no app above it; the path is resolved when due).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledJob
from .queue import enqueue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Every:
    name: str
    task: str  # import path of a @job task taking no arguments
    interval: timedelta


SCHEDULE = [
    # Emails whose enqueue was lost (queue down at the commit) or whose worker died while sending.
    Every("flush_outbox", "marketplace.jobs.tasks.flush_outbox", timedelta(minutes=5)),
    # Finished results of the database queue older than TASK_RESULTS_KEEP_DAYS (RQ expires its own).
    Every("prune_task_results", "marketplace.jobs.tasks.prune_task_results", timedelta(days=1)),
    Every("expire_rfqs", "orders.trade.tasks.expire_rfqs", timedelta(hours=1)),
    Every("expire_unpaid_orders", "orders.tasks.expire_unpaid_orders", timedelta(hours=1)),
    Every("release_escrow", "orders.tasks.release_escrow", timedelta(days=1)),
    Every("check_ledger", "orders.tasks.check_ledger", timedelta(days=1)),
    # Each morning's email of due lead follow-ups: hourly, sending from 07:00 once a day per person.
    Every("lead_reminders", "orders.trade.tasks.send_lead_reminders", timedelta(hours=1)),
]


def run_due(now=None, schedule=SCHEDULE) -> list[str]:
    """Enqueue every job of `schedule` that is due at `now`; returns their names.

    A job never seen before is due at once. Claiming a run moves its next due time forward by its interval
    with an update conditional on the time read: if another scheduler moved it first, the update matches no
    row and this one enqueues nothing. The claim and the enqueue share a transaction: on the database queue
    both commit or neither; on RQ a refused enqueue undoes the claim, so the next pass tries again.
    """
    now = now or timezone.now()
    enqueued = []
    for entry in schedule:
        row, _created = ScheduledJob.objects.get_or_create(name=entry.name, defaults={"next_run_at": now})
        if row.next_run_at > now:
            continue
        try:
            with transaction.atomic():
                claimed = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                    next_run_at=now + entry.interval, last_enqueued_at=now
                )
                if not claimed:
                    continue  # another scheduler took this run
                enqueue(import_string(entry.task))
        except Exception:
            logger.exception("scheduled job %s not enqueued; next pass tries again", entry.name)
            continue
        logger.info("scheduled job %s enqueued", entry.name, extra={"event": "schedule", "job": entry.name})
        enqueued.append(entry.name)
    return enqueued
