"""The demo's Expo: every demo supplier exhibits, the event has its page, and about 200 leads at every stage
that agree with themselves; the ones that ordered did so with a real paid order of their supplier."""

import pytest
from django.db.models import Count

from catalog.models import Event
from cms.demo import data
from cms.demo.builder import build_demo
from cms.demo.pages import PASSWORD
from cms.models import EventPage
from orders.models import Order, Payment
from orders.trade.leads.demo import build_demo_leads
from orders.trade.models import Lead, LeadLink
from orders.trade.services.lead_linkage import COUNTED_ORDER_STATES, order_value

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
    assert set(stages) == {"new", "contacted", "conversation", "quoted", "ordered", "lost"}
    # The funnel narrows: most are new or contacted, about one in twenty ordered (a conversion to show).
    assert stages["new"] + stages["contacted"] > 80
    assert 8 <= stages["ordered"] <= 15
    assert stages["ordered"] < stages["quoted"] < stages["new"]
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


def test_the_demo_leads_that_ordered_have_a_paid_order_of_their_supplier_by_the_leads_email():
    build_demo(products=30)

    build_demo_leads()

    ordered = Lead.objects.filter(stage="ordered").select_related("buyer", "order", "supplier")
    assert ordered.count() >= 8
    for lead in ordered:
        order = lead.order
        assert order.state in COUNTED_ORDER_STATES and order.source == "direct"
        assert order.buyer == lead.buyer and lead.buyer.email == lead.email and lead.buyer.email_verified
        assert set(order.fulfilments.values_list("supplier", flat=True)) == {lead.supplier_id}
        assert order.payments.get().status == Payment.Status.SUCCEEDED
        value = order_value(order, lead.supplier_id)
        assert (lead.order_value, lead.order_currency) == (value.amount, value.currency)
        assert LeadLink.objects.filter(lead=lead, kind=LeadLink.Kind.ORDER, order=order).exists()
        # The lead's buyer is data of the demo, not one of its logins.
        assert not lead.buyer.has_usable_password() and not lead.buyer.check_password(PASSWORD)
    # Spread over the programme's breakdowns, and some money already released to the artisan.
    suppliers = {lead.supplier for lead in ordered}
    assert len(suppliers) >= 5
    assert {s.women_led for s in suppliers} == {True, False}
    assert {"micro", "small"} <= {s.size for s in suppliers}
    assert len({c for s in suppliers for c in s.clusters.values_list("pk", flat=True)}) >= 4
    states = set(ordered.values_list("order__state", flat=True))
    assert Order.State.PAID in states and states & {Order.State.DELIVERED, Order.State.COMPLETED}
