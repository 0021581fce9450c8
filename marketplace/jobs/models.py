"""What background work keeps in the database besides the queue itself: outgoing email and schedule runs."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One email to one recipient. Created in the transaction of the change it reports (so a rollback sends
    nothing) and delivered by `mail.deliver_email` after the commit.

    (idempotency_key, to) is unique: asking again for the same message to the same address adds nothing, and
    a delivery task run twice finds the row sent. `sensitive` hides the body from operators (sign-up and
    password reset links are keys to an account).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # {to_state: {from_states}} for marketplace.workflow.transition.
    TRANSITIONS = {
        Status.SENDING: {Status.PENDING},
        Status.SENT: {Status.SENDING},
        # A failed try waiting for its retry; a stuck send given back; an operator's resend of a failure.
        Status.PENDING: {Status.SENDING, Status.FAILED},
        Status.FAILED: {Status.PENDING, Status.SENDING},
    }

    idempotency_key = models.CharField(_("idempotency key"), max_length=200)
    to = models.EmailField(_("to"), max_length=254)
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    sensitive = models.BooleanField(_("sensitive"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # When the next attempt is due (creation, or after a failure the backoff's end): `flush_outbox` leaves a
    # pending row alone until then.
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    request_id = models.CharField(_("request id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key", "to"], name="outgoing_email_once_per_key")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoing_email_due")]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class ScheduledJob(models.Model):
    """A periodic job's next due time. `schedule.run_due` moves `next_run_at` forward with a conditional
    update before enqueueing: of two schedulers (or one restarted), only the one whose update matched
    enqueues."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name
