"""Inquiries: a message thread between one buyer and one supplier, optionally about a product."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from marketplace.numbers import validate_quantity


class Thread(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inquiry_threads"
    )
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="inquiry_threads")
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    quantity = models.PositiveIntegerField(
        _("quantity of interest"), null=True, blank=True, validators=[validate_quantity]
    )
    destination_country = CountryField(_("destination country"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_message_at = models.DateTimeField(null=True, blank=True)
    # When a supplier member first answered: the responsiveness figures are computed from it.
    first_response_at = models.DateTimeField(null=True, blank=True)
    buyer_read_at = models.DateTimeField(null=True, blank=True)
    supplier_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        indexes = [models.Index(fields=["supplier", "created_at"])]

    def __str__(self):
        return self.subject


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_supplier = models.BooleanField(default=False)
    # Written by a cluster coordinator for the supplier: shown as "sent by <author> for <supplier>" (kept
    # as it was when sent, whoever manages the supplier later).
    by_coordinator = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)
    # Curators hide abusive messages; the row stays for the record.
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Message {self.pk} in {self.thread_id}"
