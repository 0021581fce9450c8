"""Leads: a buyer contact a supplier met at an event, followed up until it orders or is lost.

A lead belongs to one supplier and is seen by that supplier's members and by curators, never by another
supplier. When the lead's buyer signs up with the lead's email, their inquiries, RFQs and orders with the
supplier are linked to it (LeadLink) and move its stage (orders.trade.leads).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from marketplace.money import CURRENCY_CHOICES
from marketplace.numbers import validate_price, validate_quantity


class Lead(models.Model):
    class Stage(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        CONVERSATION = "conversation", _("In conversation")
        QUOTED = "quoted", _("Quoted")
        ORDERED = "ordered", _("Ordered")
        LOST = "lost", _("Lost")

    class Source(models.TextChoices):
        BOOTH = "booth", _("Captured at the booth")
        BADGE_SCAN = "badge_scan", _("Badge-scan import")

    event = models.ForeignKey(
        "catalog.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="leads"
    )
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="leads")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.BOOTH)
    # The buyer contact.
    name = models.CharField(_("name"), max_length=150)
    company = models.CharField(_("company"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # What they want.
    categories = models.ManyToManyField("catalog.Category", blank=True, related_name="+")
    products_wanted = models.CharField(_("products wanted"), max_length=300, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), null=True, blank=True, validators=[validate_quantity]
    )
    target_price = models.DecimalField(
        _("target unit price"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[validate_price],
    )
    target_currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True)
    timing = models.CharField(_("timing"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Consent to be contacted: the exact wording shown and when it was given (empty: no consent).
    consent_given = models.BooleanField(_("agreed to be contacted"), default=False)
    consent_text = models.TextField(blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    # Follow-up pipeline (every change through marketplace.workflow.transition).
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.NEW)
    lost_reason = models.CharField(_("why it was lost"), max_length=300, blank=True)
    next_action_on = models.DateField(_("next action on"), null=True, blank=True)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    first_contacted_at = models.DateTimeField(null=True, blank=True)
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    # Linked when the buyer signs up with `email`; the order that made it "ordered" and its value.
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads_as_buyer",
    )
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    order_currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, blank=True)
    order_value_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    ordered_at = models.DateTimeField(null=True, blank=True)
    # Who captured it; `client_key` is made by the capture form so a retried or double submit makes one lead.
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["next_action_on", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["supplier", "stage"]),
            models.Index(fields=["event", "email"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "client_key"], name="one_lead_per_capture"),
            models.CheckConstraint(
                condition=~models.Q(stage="lost") | ~models.Q(lost_reason=""), name="lost_lead_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.company})" if self.company else self.name


OPTIONAL = {"null": True, "blank": True}


class LeadLink(models.Model):
    """A buyer's inquiry, RFQ, quote or order with the lead's supplier, linked to the lead."""

    class Kind(models.TextChoices):
        INQUIRY = "inquiry", _("Inquiry")
        RFQ = "rfq", _("RFQ")
        QUOTE = "quote", _("Quote")
        ORDER = "order", _("Order")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    thread = models.ForeignKey(
        "trade.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rfq = models.ForeignKey("trade.RFQ", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    quote = models.ForeignKey(
        "trade.Quote", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "thread"], name="lead_link_thread_once"),
            models.UniqueConstraint(fields=["lead", "rfq"], name="lead_link_rfq_once"),
            models.UniqueConstraint(fields=["lead", "quote"], name="lead_link_quote_once"),
            models.UniqueConstraint(fields=["lead", "order"], name="lead_link_order_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.lead}"
