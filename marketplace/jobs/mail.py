"""Every email the site sends: queued in the caller's transaction, delivered by a task, never sent twice.

`queue_email` stores one OutgoingEmail per recipient (no recipient sees another's address) and enqueues its
delivery when the transaction commits. The (idempotency key, recipient) pair is unique, so asking twice for
the same message (a service called again, a task repeated) queues it once.

`deliver_email` claims the row (pending → sending, marketplace.workflow: of two workers given the same row,
one sends), sends it, and marks it sent. A refused message goes back to pending and is tried again after a
growing delay (marketplace.jobs.queue); after EMAIL_MAX_ATTEMPTS it is marked failed and logged as an error,
and operators see it in the admin's Operations menu, where `resend_email` queues it again.

An SMTP server offers no idempotency: a worker killed after the server took a message but before the row was
marked sent leaves it "sending"; `flush_outbox` gives such rows back after EMAIL_SENDING_LEASE_SECONDS and
the message may then arrive twice. That is the one double send left, and it needs a crash at that instant.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.logging_context import current_request_id
from marketplace.text import fold_whitespace
from marketplace.workflow import TransitionError, transition

from .models import OutgoingEmail
from .queue import backoff_seconds, enqueue_on_commit, job

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status


def queue_email(recipients, subject, body, *, key=None, sensitive=False, from_email=None) -> int:
    """Queue `subject`/`body` to each of `recipients` (blanks and repeats dropped); returns how many rows
    were new. `key` names the message (e.g. "rfq-invite:12"): with the recipient it makes the message once.
    Without a key every call is a new message. Call it inside the transaction of the change it reports.
    """
    key = key or f"once:{uuid.uuid4().hex}"
    # A subject holds titles people typed; a line break in it and Django refuses the whole message.
    subject = fold_whitespace(subject)[:998]
    created = 0
    for to in sorted({address.strip().lower() for address in recipients if address and address.strip()}):
        email = _create_once(
            idempotency_key=key,
            to=to,
            subject=subject,
            body=body,
            sensitive=sensitive,
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
            request_id=current_request_id(),
        )
        if email is not None:
            created += 1
            enqueue_on_commit(deliver_email, email.pk)
    return created


def _create_once(**fields):
    """The new row, or None if (key, recipient) exists: in a savepoint, so a duplicate does not break the
    caller's transaction."""
    if OutgoingEmail.objects.filter(idempotency_key=fields["idempotency_key"], to=fields["to"]).exists():
        return None
    try:
        with transaction.atomic():
            return OutgoingEmail.objects.create(**fields)
    except IntegrityError:
        return None


def _give_up(error, email_id):
    """After the last attempt: the row is failed, where operators see it, and the failure is an error log."""
    try:
        transition(OutgoingEmail, email_id, Status.FAILED, OutgoingEmail.TRANSITIONS, field="status")
    except TransitionError:
        return  # sent or failed meanwhile by another run
    email = OutgoingEmail.objects.get(pk=email_id)
    logger.error(
        "email %s not sent after %s attempts: %s",
        email_id,
        email.attempts,
        email.last_error,
        extra={"event": "email_failed", "email_id": email_id},
    )


def _max_attempts():
    return settings.EMAIL_MAX_ATTEMPTS


class EmailNotSent(Exception):
    """The mail server refused the message (its error is the cause); the task tries again later."""


@job(queue_name="email", attempts=_max_attempts, retry_on=(EmailNotSent,), on_give_up=_give_up)
def deliver_email(email_id):
    """Send OutgoingEmail `email_id` unless it is sent, failed or being sent by another run. Idempotent."""
    try:
        claimed = transition(
            OutgoingEmail, email_id, Status.SENDING, OutgoingEmail.TRANSITIONS, field="status"
        )
    except (TransitionError, OutgoingEmail.DoesNotExist):
        return "not pending"
    if not claimed.changed:
        return "being sent by another run"
    email = claimed.obj
    message = EmailMessage(
        email.subject, email.body, email.from_email, [email.to], connection=get_connection()
    )
    try:
        message.send()
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:2000]

        def record_failure(obj):
            obj.attempts += 1
            obj.last_error = reason
            obj.next_attempt_at = timezone.now() + timedelta(seconds=backoff_seconds(obj.attempts))

        transition(
            OutgoingEmail,
            email_id,
            Status.PENDING,
            OutgoingEmail.TRANSITIONS,
            field="status",
            apply=record_failure,
        )
        raise EmailNotSent(reason) from error

    def record_success(obj):
        obj.attempts += 1
        obj.sent_at = timezone.now()

    transition(
        OutgoingEmail, email_id, Status.SENT, OutgoingEmail.TRANSITIONS, field="status", apply=record_success
    )
    return "sent"


def resend_email(email_id, *, actor):
    """An operator's resend of a failed email: back to pending (recorded with the operator as actor), then a
    new series of attempts. Raises TransitionError if the email is not failed (sent, or still being tried)."""
    with transaction.atomic():
        email = OutgoingEmail.objects.get(pk=email_id)
        if email.status != Status.FAILED:
            raise TransitionError(
                f"Only a failed email can be sent again; this one is “{email.get_status_display()}”.",
                code="not_failed",
            )
        transition(
            OutgoingEmail,
            email_id,
            Status.PENDING,
            OutgoingEmail.TRANSITIONS,
            field="status",
            actor=actor,
            note="resent by an operator",
            apply=lambda obj: setattr(obj, "next_attempt_at", timezone.now()),
        )
        enqueue_on_commit(deliver_email, email_id)


def flush_outbox() -> int:
    """Enqueue delivery of emails whose enqueue was lost (the queue was down at the commit) and of emails
    stuck sending for EMAIL_SENDING_LEASE_SECONDS (their worker died): pending rows due that long ago.
    Returns how many. Idempotent: `deliver_email` skips a row another run claimed or sent."""
    now = timezone.now()
    overdue = now - timedelta(seconds=settings.EMAIL_SENDING_LEASE_SECONDS)
    stuck = OutgoingEmail.objects.filter(status=Status.SENDING, updated_at__lt=overdue)
    for pk in list(stuck.values_list("pk", flat=True)):
        try:
            transition(
                OutgoingEmail,
                pk,
                Status.PENDING,
                OutgoingEmail.TRANSITIONS,
                field="status",
                note="sending timed out",
                apply=lambda obj: setattr(obj, "next_attempt_at", overdue),
            )
        except TransitionError:
            continue
    waiting = OutgoingEmail.objects.filter(status=Status.PENDING, next_attempt_at__lte=overdue)
    pks = list(waiting.values_list("pk", flat=True))
    for pk in pks:
        enqueue_on_commit(deliver_email, pk)
    return len(pks)
