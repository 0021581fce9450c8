"""The morning email of due follow-ups: each supplier member gets, once a day, the leads of the suppliers they
act for whose next action is due today or overdue.

The scheduler runs the job every hour (marketplace/jobs/schedule.py); before REMINDER_HOUR (the site's time)
it does nothing, so the email arrives in the morning. Each person's email of a day is queued under the key
"lead-reminders:<date>:<user>": the outbox keeps one message per key and recipient, so the later runs of the
day, a repeated task or a second scheduler queue nothing more. That key is the record of what was sent.
"""

from collections import defaultdict
from itertools import groupby

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import SupplierMembership
from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url

from ..models import Lead
from ..notifications import when
from .lead_pipeline import due_leads

REMINDER_HOUR = 7


def send_lead_reminders(now=None) -> int:
    """Queue today's reminder to every member of a supplier with due leads; returns how many emails were new
    (0 before REMINDER_HOUR, and 0 on every run after the day's first). Idempotent per person and day."""
    now = timezone.localtime(now or timezone.now())
    if now.hour < REMINDER_HOUR:
        return 0
    today = now.date()
    leads = list(
        due_leads(Lead.objects.all(), today)
        .select_related("supplier", "event")
        .order_by("supplier__name", "next_action_on", "pk")
    )
    by_supplier = defaultdict(list)
    for lead in leads:
        by_supplier[lead.supplier_id].append(lead)
    if not by_supplier:
        return 0
    memberships = (
        SupplierMembership.objects.filter(supplier_id__in=by_supplier, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "supplier_id")
    )
    sent = 0
    for _user_id, rows in groupby(memberships, key=lambda membership: membership.user_id):
        rows = list(rows)
        person = rows[0].user
        theirs = [lead for row in rows for lead in by_supplier[row.supplier_id]]
        sent += _remind(person, theirs, today)
    return sent


def _remind(person, leads, today) -> int:
    if not person.email:
        return 0
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = ngettext("%(n)s lead to follow up today", "%(n)s leads to follow up today", len(leads)) % {
            "n": len(leads)
        }
        lines = [
            _("Good morning. These buyers wait for your follow-up:"),
            "",
            *(_line(lead, today) for lead in leads),
            "",
            _("See and update your leads at %(url)s") % {"url": absolute_url(reverse("trade:sell-leads"))},
        ]
        body = "\n".join(lines) + "\n"
    return queue_email([person.email], subject, body, key=f"lead-reminders:{today.isoformat()}:{person.pk}")


def _line(lead, today) -> str:
    who = f"{lead.name} ({lead.company})" if lead.company else lead.name
    if lead.next_action_on < today:
        due = _("overdue since %(date)s") % {"date": when(lead.next_action_on)}
    else:
        due = _("due today")
    action = f": {lead.next_action}" if lead.next_action else ""
    url = absolute_url(reverse("trade:sell-lead", args=[lead.pk]))
    return f"- {who}, {lead.supplier.name}, {due}{action}\n  {url}"
