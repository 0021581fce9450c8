"""/sell/leads/ and a lead's page through HTTP: who sees which leads, who may move them (every refusal), the
filters, the order of the list, its fixed number of queries, and the seller nav's count of due follow-ups."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.events.models import Event
from marketplace.workflow import history
from orders.trade.models import Lead
from tests.factories import MembershipFactory

from .factories import LeadFactory

pytestmark = pytest.mark.django_db
S = Lead.Stage


@pytest.fixture
def expo(db):
    today = timezone.localdate()
    return Event.objects.create(
        name="SME Cluster Showcase Expo", slug="expo-2026", starts_on=today, ends_on=today, city="Lahore"
    )


@pytest.fixture
def lead(supplier, expo):
    return LeadFactory(
        supplier=supplier,
        event=expo,
        name="Anna Importer",
        next_action_on=timezone.localdate(),
        next_action="Call",
    )


def detail(lead):
    return reverse("trade:sell-lead", args=[lead.pk])


def stage_url(lead):
    return reverse("trade:sell-lead-stage", args=[lead.pk])


# --- refusals -----------------------------------------------------------------------------------------
def test_a_visitor_is_sent_to_log_in(client, lead):
    for url in (reverse("trade:sell-leads"), detail(lead)):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response.url
    response = client.post(stage_url(lead), {"stage": "contacted"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.stage == S.NEW


def test_a_buyer_has_no_leads_page(client_for, buyer, lead):
    client = client_for(buyer)
    assert client.get(reverse("trade:sell-leads")).status_code == 404
    assert client.get(detail(lead)).status_code == 404
    assert client.post(stage_url(lead), {"stage": "contacted"}).status_code == 404


def test_another_supplier_never_sees_nor_moves_the_lead(client_for, other_artisan, lead):
    LeadFactory(supplier=other_artisan.memberships.get().supplier, name="Their own contact")
    client = client_for(other_artisan)

    page = client.get(reverse("trade:sell-leads")).content.decode()
    assert "Their own contact" in page and "Anna Importer" not in page
    assert client.get(detail(lead)).status_code == 404
    assert client.post(stage_url(lead), {"stage": "contacted"}).status_code == 404
    next_url = reverse("trade:sell-lead-next-action", args=[lead.pk])
    assert client.post(next_url, {"next_action_on": "2030-01-01"}).status_code == 404
    lead.refresh_from_db()
    assert lead.stage == S.NEW and lead.next_action_on == timezone.localdate()


# --- the pages ---------------------------------------------------------------------------------------
def test_the_member_reads_the_lead_with_consent_links_and_history(client_for, artisan, lead):
    client = client_for(artisan)
    client.post(stage_url(lead), {"stage": "contacted"})

    page = client.get(detail(lead)).content.decode()
    assert "Anna Importer" in page and lead.email in page
    assert lead.consent_text in page
    assert "New → Contacted" in page
    assert "Due today" in page


def test_the_member_moves_the_stage_and_loses_with_a_reason(client_for, artisan, lead):
    client = client_for(artisan)
    assert client.post(stage_url(lead), {"stage": "conversation"}).status_code == 302
    lead.refresh_from_db()
    assert lead.stage == S.CONVERSATION and lead.first_contacted_at

    client.post(stage_url(lead), {"stage": "lost"})  # no reason: refused, said on the page
    lead.refresh_from_db()
    assert lead.stage == S.CONVERSATION
    client.post(stage_url(lead), {"stage": "lost", "reason": "Went with a Turkish maker"})
    lead.refresh_from_db()
    assert lead.stage == S.LOST and lead.lost_reason == "Went with a Turkish maker"


def test_a_coordinator_and_a_curator_move_the_lead(client_for, supplier, lead, curator):
    coordinator = MembershipFactory(supplier=supplier, role="coordinator").user
    client_for(coordinator).post(stage_url(lead), {"stage": "contacted"})
    client_for(curator).post(stage_url(lead), {"stage": "quoted"})

    assert [c.actor for c in history(lead)] == [coordinator, curator]


def test_the_next_action_is_set_from_the_page(client_for, artisan, lead):
    on = timezone.localdate() + timedelta(days=3)
    client_for(artisan).post(
        reverse("trade:sell-lead-next-action", args=[lead.pk]),
        {"next_action_on": on.isoformat(), "next_action": "Send samples"},
    )
    lead.refresh_from_db()
    assert (lead.next_action_on, lead.next_action) == (on, "Send samples")


def test_the_list_puts_overdue_first_and_filters_by_stage_and_event(
    client_for, artisan, supplier, lead, expo
):
    today = timezone.localdate()
    overdue = LeadFactory(supplier=supplier, name="Overdue Olga", next_action_on=today - timedelta(days=2))
    LeadFactory(supplier=supplier, name="Won Walter", stage=S.ORDERED)
    client = client_for(artisan)

    page = client.get(reverse("trade:sell-leads")).content.decode()
    assert page.index("Overdue Olga") < page.index("Anna Importer") < page.index("Won Walter")
    assert "Overdue" in page

    by_stage = client.get(reverse("trade:sell-leads"), {"stage": "ordered"}).content.decode()
    assert "Won Walter" in by_stage and "Anna Importer" not in by_stage
    by_event = client.get(reverse("trade:sell-leads"), {"event": expo.pk}).content.decode()
    assert "Anna Importer" in by_event and overdue.name not in by_event
    assert client.get(reverse("trade:sell-leads"), {"stage": "nonsense"}).status_code == 400


def test_the_list_shows_what_an_ordered_lead_ordered_and_no_value_for_an_open_one(
    client_for, artisan, supplier, lead
):
    LeadFactory(
        supplier=supplier, name="Won Walter", stage=S.ORDERED, order_value="125.00", order_currency="USD"
    )

    page = client_for(artisan).get(reverse("trade:sell-leads")).content.decode().replace("\u00a0", " ")

    won = page[page.index("Won Walter") :]
    assert "Order value: 125.00 USD" in won[: won.index("</li>")]
    assert page.count("Order value") == 1  # Anna Importer, still open, has none


def test_the_list_runs_the_same_queries_for_3_or_12_leads(
    client_for, artisan, supplier, expo, django_assert_num_queries
):
    client = client_for(artisan)
    LeadFactory.create_batch(3, supplier=supplier, event=expo)
    client.get(reverse("trade:sell-leads"))  # warm the per-process caches (content types, sessions)
    with django_assert_num_queries(QUERIES) as few:
        client.get(reverse("trade:sell-leads"))
    LeadFactory.create_batch(9, supplier=supplier, event=expo)
    with django_assert_num_queries(QUERIES) as many:
        client.get(reverse("trade:sell-leads"))
    assert len(few.captured_queries) == len(many.captured_queries)


QUERIES = 9


def test_the_seller_nav_counts_the_follow_ups_due(client_for, artisan, supplier, lead):
    LeadFactory(supplier=supplier, next_action_on=timezone.localdate() - timedelta(days=1))
    LeadFactory(supplier=supplier, next_action_on=timezone.localdate() + timedelta(days=1))

    page = client_for(artisan).get(reverse("sell:dashboard")).content.decode()
    assert reverse("trade:sell-leads") in page
    assert "2 follow-ups due" in page
