"""The demo's Expo: every demo supplier exhibits, the event has its page, and about 200 leads at every stage
that agree with themselves."""

import pytest
from django.db.models import Count

from catalog.models import Event
from cms.demo import data
from cms.demo.builder import build_demo
from cms.models import EventPage
from orders.trade.leads.demo import build_demo_leads
from orders.trade.models import Lead

pytestmark = pytest.mark.django_db


def test_the_demo_expo_has_its_exhibitors_page_and_consistent_leads(client):
    build_demo(products=30)

    made = build_demo_leads()

    event = Event.objects.get(slug="sme-cluster-showcase-expo-2026")
    assert event.name == "Made in Pakistan - SME Cluster Showcase Expo"
    # Every supplier of the demo's data (not the applicant and the coordinator's artisan, who joined later).
    assert event.exhibitors.count() == sum(len(rows) for rows in data.SUPPLIERS.values())
    assert EventPage.objects.get().event == event
    assert client.get("/expo-2026/").status_code == 200
    assert made == Lead.objects.filter(event=event).count() == 200
    assert build_demo_leads() == 0  # once only
    stages = dict(Lead.objects.values_list("stage").annotate(n=Count("pk")))
    assert {"new", "contacted", "conversation", "quoted", "lost"} <= set(stages)
    # "ordered" only with a real paid order of the supplier linked; without one the lead stays at "quoted".
    assert not Lead.objects.filter(stage="ordered", order__isnull=True).exists()
    assert not Lead.objects.exclude(stage="new").filter(first_contacted_at__isnull=True).exists()
    assert not Lead.objects.filter(stage="new", first_contacted_at__isnull=False).exists()
    assert not Lead.objects.filter(stage="lost", lost_reason="").exists()
    exhibiting = set(event.exhibitors.values_list("supplier", flat=True))
    assert set(Lead.objects.values_list("supplier", flat=True)) == exhibiting
    for lead in Lead.objects.exclude(first_contacted_at=None):
        assert lead.first_contacted_at > lead.created_at
    assert not Lead.objects.filter(consent_given=True, consent_at__isnull=True).exists()
