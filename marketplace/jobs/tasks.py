"""The core's periodic tasks (marketplace.jobs.schedule)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from . import mail
from .queue import job


@job()
def flush_outbox():
    """Enqueue emails left pending or stuck sending (mail.flush_outbox). Idempotent."""
    return mail.flush_outbox()


@job()
def prune_task_results():
    """Delete the database queue's finished results older than TASK_RESULTS_KEEP_DAYS (RQ expires its own).
    Idempotent: a second run finds nothing that old."""
    from django_tasks_db.models import DBTaskResult

    before = timezone.now() - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return deleted
