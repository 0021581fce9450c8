"""Stripe payments and refunds as we recorded them, and the webhook events we have seen."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.money import CURRENCY_CHOICES


class Payment(models.Model):
    """One attempt to charge an order through a Stripe PaymentIntent.

    The row exists before the API call, so its (order, attempt) gives the idempotency key that a retry after
    a timeout sends again; `intent_id` is filled once Stripe answered.
    """

    class Status(models.TextChoices):
        CREATING = "creating", _("Being created")
        PENDING = "pending", _("Waiting for the buyer")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELED = "canceled", _("Canceled")
        # Stripe reported a captured amount or currency other than this payment's: nothing is booked and the
        # order stays unpaid until an operator checks it (orders/payments/intents.py, record_charge).
        REVIEW = "review", _("Held for an operator: Stripe reported another amount")

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="payments")
    attempt = models.PositiveIntegerField()
    intent_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    client_secret = models.CharField(max_length=200, blank=True)
    # The intent's charge, learnt from Stripe: disputes name the charge, not always the intent.
    charge_id = models.CharField(max_length=100, blank=True, db_index=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CREATING)
    failure_message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-attempt"]
        constraints = [models.UniqueConstraint(fields=["order", "attempt"], name="one_payment_per_attempt")]

    def __str__(self):
        return f"Payment {self.intent_id or self.pk} for order {self.order_id}"

    @property
    def idempotency_key(self):
        return f"pi-create-order-{self.order_id}-attempt-{self.attempt}"


class Refund(models.Model):
    """A refund we asked Stripe for; the ledger posting happens once Stripe confirms it (reply or webhook)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    fulfilment = models.ForeignKey("orders.Fulfilment", null=True, blank=True, on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    stripe_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    reason = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_amount_positive")
        ]

    def __str__(self):
        return f"Refund {self.amount} {self.currency} on order {self.order_id}"

    @property
    def idempotency_key(self):
        return f"refund-{self.pk}"


class WebhookEvent(models.Model):
    """Every Stripe event id we processed, once: a repeat delivery is acknowledged and ignored."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.event_id
