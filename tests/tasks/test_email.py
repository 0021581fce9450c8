"""Every email goes out through the outbox: delivered by a task, tried again with backoff, sent once, and kept
as failed for operators, who can send it again (marketplace/jobs/mail.py)."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from marketplace.jobs import mail as outbox
from marketplace.jobs.models import OutgoingEmail
from marketplace.jobs.queue import enqueue

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status


class FlakyBackend:
    """An email backend refusing the first `fails` messages it is given, then taking them (class-wide)."""

    fails = 0
    attempts = []

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        for message in messages:
            FlakyBackend.attempts.append(message.to[0])
            if FlakyBackend.fails > 0:
                FlakyBackend.fails -= 1
                raise ConnectionError("relay busy")
            mail.outbox.append(message)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.attempts = []
    FlakyBackend.fails = 0
    mail.outbox = []
    return FlakyBackend


def queued(*recipients, key=None, subject="New RFQ", body="Body"):
    """Queue and deliver (the on-commit enqueue runs at the block's end, as after a commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        outbox.queue_email(list(recipients), subject, body, key=key)


def test_an_email_refused_twice_then_taken_is_sent_once(flaky):
    flaky.fails = 2

    queued("a@example.com")

    assert flaky.attempts == ["a@example.com"] * 3
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (Status.SENT, 3)


def test_an_email_refused_every_time_is_marked_failed_and_logged(flaky, settings, caplog):
    settings.EMAIL_MAX_ATTEMPTS = 3
    flaky.fails = 10

    queued("a@example.com", subject="Quote accepted")

    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (Status.FAILED, 3)
    assert "ConnectionError: relay busy" in email.last_error
    assert mail.outbox == []
    errors = [r for r in caplog.records if r.levelname == "ERROR" and r.name == "marketplace.jobs.mail"]
    assert len(errors) == 1 and "not sent after 3 attempts" in errors[0].getMessage()


def test_one_refused_recipient_does_not_hold_back_the_others(flaky, settings):
    settings.EMAIL_MAX_ATTEMPTS = 1
    flaky.fails = 1  # the first recipient, in address order

    queued("a@example.com", "b@example.com")

    assert [m.to for m in mail.outbox] == [["b@example.com"]]
    assert dict(OutgoingEmail.objects.values_list("to", "status")) == {
        "a@example.com": Status.FAILED,
        "b@example.com": Status.SENT,
    }


def test_the_same_message_queued_twice_is_one_email(flaky):
    queued("a@example.com", key="rfq-invite:7")
    queued("a@example.com", key="rfq-invite:7")

    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_delivery_task_run_twice_sends_once(flaky):
    queued("a@example.com")
    email = OutgoingEmail.objects.get()

    enqueue(outbox.deliver_email, email.pk)

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 1)


def test_an_email_being_sent_by_another_run_is_left_to_it(flaky):
    outbox.queue_email(["a@example.com"], "Subject", "Body")  # not delivered: the test never commits
    email = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=Status.SENDING)

    enqueue(outbox.deliver_email, email.pk)

    assert mail.outbox == []


def test_a_retry_waits_for_the_backoff_on_a_queue_that_can_wait(flaky, settings):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_RETRY_BASE_SECONDS = 30
    flaky.fails = 1
    outbox.queue_email(["a@example.com"], "Subject", "Body")
    email = OutgoingEmail.objects.get()
    first = enqueue(outbox.deliver_email, email.pk)
    # What db_worker does with the row it claimed (its claiming transaction cannot nest in the test's).
    Worker(
        queue_names=["email"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    ).run_task(DBTaskResult.objects.get(pk=first.id))

    retry = DBTaskResult.objects.exclude(pk=first.id).get()
    assert retry.status == "READY" and retry.args_kwargs["kwargs"]["_job"]["attempt"] == 2
    assert timedelta(seconds=25) < retry.run_after - timezone.now() <= timedelta(seconds=30)
    assert DBTaskResult.objects.get(pk=first.id).status == "FAILED"
    email.refresh_from_db()
    assert (email.status, email.attempts, mail.outbox) == (Status.PENDING, 1, [])


def test_the_outbox_flush_enqueues_emails_whose_enqueue_was_lost(flaky, settings):
    outbox.queue_email(["a@example.com"], "Subject", "Body")  # its on-commit enqueue never runs here
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert outbox.flush_outbox() == 1

    assert len(mail.outbox) == 1


def test_the_outbox_flush_leaves_a_fresh_or_sent_email_alone(flaky):
    queued("sent@example.com")
    outbox.queue_email(["fresh@example.com"], "Subject", "Body")
    OutgoingEmail.objects.filter(to="sent@example.com").update(
        next_attempt_at=timezone.now() - timedelta(days=1)
    )

    assert outbox.flush_outbox() == 0


def test_an_email_stuck_sending_is_given_back_and_sent(flaky, settings):
    outbox.queue_email(["a@example.com"], "Subject", "Body")
    stale = timezone.now() - timedelta(seconds=settings.EMAIL_SENDING_LEASE_SECONDS + 60)
    OutgoingEmail.objects.update(status=Status.SENDING)
    OutgoingEmail.objects.update(updated_at=stale)  # auto_now is set by save(), not by update()

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert outbox.flush_outbox() == 1

    assert OutgoingEmail.objects.get().status == Status.SENT


@pytest.fixture
def failed_email(flaky, settings):
    settings.EMAIL_MAX_ATTEMPTS = 1
    flaky.fails = 1
    queued("buyer@example.com", subject="Your quote was accepted", body="Order created.")
    email = OutgoingEmail.objects.get()
    assert email.status == Status.FAILED
    return email


def test_operators_see_failed_emails_first(client_for, operator, failed_email, flaky):
    queued("later@example.com", subject="A later email")

    page = client_for(operator).get(reverse("operations_emails:index"))

    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("Your quote was accepted") < text.index("A later email")


def test_an_operator_sends_a_failed_email_again(client_for, operator, failed_email, flaky):
    client = client_for(operator)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("operations_emails:resend", args=[failed_email.pk]))

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["buyer@example.com"]]
    failed_email.refresh_from_db()
    assert failed_email.status == Status.SENT
    page = client.get(reverse("operations_emails:inspect", args=[failed_email.pk])).content.decode()
    assert "resent by an operator" in page and str(operator) in page


def test_a_sent_email_cannot_be_sent_again(client_for, operator, flaky):
    queued("a@example.com")
    email = OutgoingEmail.objects.get()

    client_for(operator).post(reverse("operations_emails:resend", args=[email.pk]), follow=True)

    assert len(mail.outbox) == 1


def test_a_sensitive_emails_text_is_not_shown_to_operators(client_for, operator, flaky):
    with TestCase.captureOnCommitCallbacks(execute=True):
        outbox.queue_email(["a@example.com"], "Reset", "https://site/reset/SECRET-TOKEN/", sensitive=True)

    page = client_for(operator).get(
        reverse("operations_emails:inspect", args=[OutgoingEmail.objects.get().pk])
    )

    assert page.status_code == 200
    assert "SECRET-TOKEN" not in page.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "buyer", "curator"])
def test_only_operators_see_or_resend_emails(client, client_for, who, buyer, curator, failed_email):
    if who != "anonymous":
        client = client_for({"buyer": buyer, "curator": curator}[who])

    pages = [
        client.get(reverse("operations_emails:index")),
        client.get(reverse("operations_emails:inspect", args=[failed_email.pk])),
        client.post(reverse("operations_emails:resend", args=[failed_email.pk])),
    ]

    assert all(page.status_code in (302, 403) for page in pages)
    assert all("Your quote was accepted" not in page.content.decode() for page in pages)
    failed_email.refresh_from_db()
    assert failed_email.status == Status.FAILED


def test_a_failed_delivery_is_logged_as_one_line_per_attempt(flaky, caplog):
    caplog.set_level(logging.INFO, logger="marketplace.tasks")
    flaky.fails = 1

    queued("a@example.com")

    runs = [r for r in caplog.records if r.name == "marketplace.tasks"]
    assert [(r.attempt, r.outcome) for r in runs] == [(1, "retry"), (2, "success")]


def test_an_emails_history_names_its_states_by_their_labels(client_for, operator, failed_email):
    page = (
        client_for(operator)
        .get(reverse("operations_emails:inspect", args=[failed_email.pk]))
        .content.decode()
    )

    assert "Waiting to be sent → Being sent" in page and "Waiting to be sent → Failed" in page
    assert "pending → sending" not in page and "pending → failed" not in page
