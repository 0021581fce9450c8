"""The periodic jobs: each run enqueued once, however many schedulers run or restart
(marketplace/jobs/schedule.py)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.jobs import schedule
from marketplace.jobs.models import ScheduledJob

pytestmark = pytest.mark.django_db

HOURLY = [schedule.Every("note", "tests.tasks.test_logging.note_request_id", timedelta(hours=1))]


def test_a_job_never_run_is_due_at_once_then_not_again_before_its_interval():
    now = timezone.now()

    assert schedule.run_due(now, HOURLY) == ["note"]
    assert schedule.run_due(now + timedelta(minutes=59), HOURLY) == []
    assert schedule.run_due(now + timedelta(minutes=61), HOURLY) == ["note"]


def test_a_restarted_scheduler_does_not_run_a_job_again_early():
    now = timezone.now()
    schedule.run_due(now, HOURLY)

    # A new process reads the rows afresh: nothing of the first one's memory is needed.
    assert schedule.run_due(now + timedelta(seconds=5), HOURLY) == []


def test_of_two_schedulers_seeing_a_job_due_only_one_enqueues_it():
    now = timezone.now()
    schedule.run_due(now, HOURLY)
    due = now + timedelta(hours=2)
    seen_by_both = ScheduledJob.objects.get(name="note")  # both read the row while it was due

    assert schedule.run_due(due, HOURLY) == ["note"]
    # The second scheduler's claim is conditional on the due time it read, which the first moved on.
    claimed = ScheduledJob.objects.filter(pk=seen_by_both.pk, next_run_at=seen_by_both.next_run_at).update(
        next_run_at=due + timedelta(hours=1)
    )
    assert claimed == 0


def test_the_schedule_enqueues_the_tasks_it_names(caplog):
    import logging

    caplog.set_level(logging.INFO, logger="marketplace.tasks")

    schedule.run_due(timezone.now(), HOURLY)

    assert [r.outcome for r in caplog.records if r.name == "marketplace.tasks"] == ["success"]


def test_every_scheduled_task_exists_and_runs(caplog):
    import logging

    caplog.set_level(logging.INFO, logger="marketplace.tasks")

    assert schedule.run_due(timezone.now()) == [entry.name for entry in schedule.SCHEDULE]

    outcomes = [r.outcome for r in caplog.records if r.name == "marketplace.tasks"]
    assert outcomes == ["success"] * len(schedule.SCHEDULE)


def test_run_schedule_once_enqueues_what_is_due(capsys):
    call_command("run_schedule", "--once")

    assert "enqueued expire_rfqs" in capsys.readouterr().out
    assert ScheduledJob.objects.count() == len(schedule.SCHEDULE)
