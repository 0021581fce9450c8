"""The morning email of due follow-ups: to each member of a supplier with leads due today or overdue, in the
member's language, once a day however often the hourly job runs (orders.trade.services.lead_reminders)."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from marketplace.jobs import schedule
from orders.trade.models import Lead
from orders.trade.notifications import when
from orders.trade.services.lead_reminders import send_lead_reminders
from tests.factories import MembershipFactory

from .factories import LeadFactory

pytestmark = pytest.mark.django_db
SITE = "https://market.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def at(hour, days=0):
    """Today (the site's date) plus `days`, at `hour` o'clock site time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def run(now, capture):
    with capture(execute=True):
        return send_lead_reminders(now)


@pytest.fixture
def due(supplier):
    today = timezone.localdate()
    return [
        LeadFactory(
            supplier=supplier, name="Anna Importer", next_action_on=today, next_action="Call about samples"
        ),
        LeadFactory(supplier=supplier, name="Olga Overdue", next_action_on=today - timedelta(days=3)),
    ]


def test_each_member_gets_the_due_leads_once_a_day(
    supplier, artisan, due, django_capture_on_commit_callbacks
):
    staff = MembershipFactory(supplier=supplier, role="staff").user
    LeadFactory(supplier=supplier, name="Later Lars", next_action_on=timezone.localdate() + timedelta(days=2))
    LeadFactory(
        supplier=supplier, name="Done Dora", next_action_on=timezone.localdate(), stage=Lead.Stage.ORDERED
    )
    LeadFactory(name="Someone Else's", next_action_on=timezone.localdate())

    assert run(at(8), django_capture_on_commit_callbacks) == 2
    assert run(at(9), django_capture_on_commit_callbacks) == 0  # the next hourly run: nothing new

    assert sorted(message.to[0] for message in mail.outbox) == sorted([artisan.email, staff.email])
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "2 leads to follow up today"
    assert "Anna Importer" in body and "Call about samples" in body and "due today" in body
    assert "Olga Overdue" in body and "overdue since" in body
    assert f"{SITE}/sell/leads/{due[0].pk}/" in body
    assert "Later Lars" not in body and "Done Dora" not in body and "Someone Else" not in body


def test_nothing_is_sent_before_the_morning(artisan, due, django_capture_on_commit_callbacks):
    assert run(at(5), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_next_day_brings_a_new_reminder(artisan, due, django_capture_on_commit_callbacks):
    run(at(8), django_capture_on_commit_callbacks)
    run(at(8, days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_the_reminder_is_in_the_members_language(artisan, due, django_capture_on_commit_callbacks):
    artisan.language = "ur"
    artisan.save(update_fields=["language"])
    run(at(8), django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    overdue_since = due[1].next_action_on
    with translation.override("ur"):
        in_urdu = when(overdue_since)  # "1 دسمبر 2026": Django's Urdu catalogue names the months
    assert in_urdu in message.body and when(overdue_since) not in message.body


def test_the_schedule_runs_the_reminders():
    entry = next(entry for entry in schedule.SCHEDULE if entry.name == "lead_reminders")
    assert entry.task == "orders.trade.tasks.send_lead_reminders"
