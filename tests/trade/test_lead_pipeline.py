"""The leads' follow-up pipeline as services: each stage move a person may make, who may make it, what it
records, and that asking twice changes nothing (orders.trade.services.lead_pipeline)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from marketplace.workflow import TransitionError, history
from orders.trade.models import Lead
from orders.trade.services import lead_pipeline as pipeline
from tests.factories import BuyerFactory, MembershipFactory

from .factories import LeadFactory

pytestmark = pytest.mark.django_db
S = Lead.Stage


@pytest.fixture
def lead(supplier):
    return LeadFactory(supplier=supplier)


def moved(lead, to, actor, reason=""):
    result = pipeline.move_stage(lead, to, actor=actor, reason=reason)
    lead.refresh_from_db()
    return result


def test_the_first_move_out_of_new_is_the_first_contact(lead, artisan):
    result = moved(lead, S.CONTACTED, artisan)

    assert result.changed and lead.stage == S.CONTACTED
    assert lead.first_contacted_at is not None and lead.stage_changed_at is not None
    assert [(c.from_state, c.to_state, c.actor) for c in history(lead)] == [("new", "contacted", artisan)]


def test_first_contact_is_kept_through_later_moves(lead, artisan):
    moved(lead, S.CONTACTED, artisan)
    first = lead.first_contacted_at
    moved(lead, S.CONVERSATION, artisan)
    moved(lead, S.QUOTED, artisan)

    assert lead.stage == S.QUOTED and lead.first_contacted_at == first


@pytest.mark.parametrize(
    "path",
    [
        [S.CONTACTED, S.CONVERSATION, S.QUOTED, S.ORDERED],
        [S.CONVERSATION],  # the first call was already a conversation
        [S.QUOTED],
        [S.CONTACTED, S.ORDERED],  # an order signed outside the marketplace
    ],
)
def test_people_move_a_lead_forward_and_may_skip_stages(lead, artisan, path):
    for stage in path:
        assert moved(lead, stage, artisan).changed
    assert lead.stage == path[-1]


@pytest.mark.parametrize(
    "start, back", [(S.CONTACTED, S.NEW), (S.QUOTED, S.CONVERSATION), (S.ORDERED, S.QUOTED)]
)
def test_no_one_moves_a_lead_backwards(lead, artisan, start, back):
    moved(lead, start, artisan)

    with pytest.raises(TransitionError) as refused:
        moved(lead, back, artisan)
    assert refused.value.code == "illegal_transition"
    assert lead.stage == start


def test_a_lost_lead_keeps_its_reason_and_is_not_a_first_contact(lead, artisan):
    moved(lead, S.LOST, artisan, reason="Buys only from Vietnam")

    assert lead.stage == S.LOST and lead.lost_reason == "Buys only from Vietnam"
    assert lead.first_contacted_at is None
    assert history(lead).last().note == "Buys only from Vietnam"


def test_lost_needs_a_reason(lead, artisan):
    with pytest.raises(TransitionError) as refused:
        moved(lead, S.LOST, artisan, reason="  ")
    assert refused.value.code == "reason_required"
    assert lead.stage == S.NEW


def test_a_person_reopens_a_lost_lead_as_contacted_and_the_reason_goes(lead, artisan):
    moved(lead, S.LOST, artisan, reason="No answer")
    moved(lead, S.CONTACTED, artisan)

    assert lead.stage == S.CONTACTED and lead.lost_reason == ""


def test_an_ordered_lead_is_final_for_people(lead, artisan):
    moved(lead, S.ORDERED, artisan)
    for stage in (S.LOST, S.CONTACTED):
        with pytest.raises(TransitionError):
            moved(lead, stage, artisan)


@pytest.mark.parametrize("stage", [S.CONTACTED, S.CONVERSATION, S.QUOTED, S.ORDERED])
def test_moving_twice_to_the_same_stage_changes_nothing(lead, artisan, stage):
    assert moved(lead, stage, artisan).changed
    changed_at = lead.stage_changed_at

    assert not moved(lead, stage, artisan).changed
    assert lead.stage_changed_at == changed_at
    assert history(lead).count() == 1


def test_losing_twice_keeps_the_first_reason(lead, artisan):
    moved(lead, S.LOST, artisan, reason="Too expensive")
    assert not moved(lead, S.LOST, artisan, reason="Something else").changed
    assert lead.lost_reason == "Too expensive"


@pytest.mark.parametrize("role", ["owner", "staff", "coordinator"])
def test_every_member_who_trades_moves_the_lead(lead, supplier, role):
    member = MembershipFactory(supplier=supplier, role=role).user
    assert moved(lead, S.CONTACTED, member).changed


def test_a_curator_moves_any_lead(lead, curator):
    assert moved(lead, S.CONTACTED, curator).changed
    assert history(lead).last().actor == curator


@pytest.mark.parametrize("who", ["other_artisan", "buyer"])
def test_another_supplier_or_a_buyer_is_refused_even_for_the_current_stage(lead, request, who):
    actor = request.getfixturevalue(who)
    for stage in (S.CONTACTED, S.NEW):
        with pytest.raises(TransitionError) as refused:
            moved(lead, stage, actor)
        assert refused.value.code == "not_yours"
    assert lead.stage == S.NEW and not history(lead).exists()


def test_the_next_action_is_set_recorded_and_not_repeated(lead, artisan):
    on = timezone.localdate() + timedelta(days=2)
    pipeline.set_next_action(lead, actor=artisan, on=on, action="Send the price list")
    pipeline.set_next_action(lead, actor=artisan, on=on, action="Send the price list")
    lead.refresh_from_db()

    assert (lead.next_action_on, lead.next_action) == (on, "Send the price list")
    (change,) = history(lead)
    assert (change.field, change.to_state, change.note) == (
        "next_action_on",
        on.isoformat(),
        "Send the price list",
    )


def test_the_next_action_is_refused_to_another_supplier(lead, other_artisan):
    with pytest.raises(TransitionError):
        pipeline.set_next_action(lead, actor=other_artisan, on=date(2027, 1, 5))


def test_due_counts_open_leads_due_today_or_before(supplier, artisan):
    today = timezone.localdate()
    LeadFactory(supplier=supplier, next_action_on=today)
    LeadFactory(supplier=supplier, next_action_on=today - timedelta(days=3))
    LeadFactory(supplier=supplier, next_action_on=today + timedelta(days=1))  # later
    LeadFactory(supplier=supplier)  # no date
    LeadFactory(supplier=supplier, next_action_on=today, stage=S.ORDERED)  # done
    LeadFactory(next_action_on=today)  # another supplier's

    assert pipeline.due_count(artisan) == 2
    assert pipeline.due_count(BuyerFactory()) == 0


def test_the_pipeline_lists_open_leads_by_next_action_then_closed_ones(supplier):
    today = timezone.localdate()
    later = LeadFactory(supplier=supplier, next_action_on=today + timedelta(days=4))
    undated = LeadFactory(supplier=supplier)
    overdue = LeadFactory(supplier=supplier, next_action_on=today - timedelta(days=2))
    won = LeadFactory(supplier=supplier, next_action_on=today - timedelta(days=9), stage=S.ORDERED)
    due = LeadFactory(supplier=supplier, next_action_on=today)

    ordered = list(pipeline.pipeline_order(Lead.objects.filter(supplier=supplier)))
    assert ordered == [overdue, due, later, undated, won]
