"""The follow-up pipeline of leads: who may see and move a lead, its stages as data, the next action.

A lead moves new -> contacted -> in conversation -> quoted -> ordered, or to lost with a reason. People may
skip ahead (the first call was already a conversation) but never go back: the stages are the dashboard's
funnel, and a step back would make a lead counted as quoted stop counting. Two ways out of "lost": a person
reopens it as "contacted" (marked lost by mistake, or the buyer called back), or a real order revives it
(lead_linkage). "Ordered" normally comes from a paid order (lead_linkage, with its value); a person may also
mark it, for an order signed outside the marketplace, and a later marketplace order then adds its value.

Every stage change goes through marketplace.workflow.transition, so each is locked, recorded in the lead's
history with its actor, and safe to repeat. Who may act: the lead's supplier's members (catalog.permissions,
"trade": owners, staff and its coordinators) and curators; never another supplier, a buyer or a visitor.
"""

from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.permissions import may
from marketplace.workflow import TransitionError, lock, record, transition

from ..models import Lead
from .access import member_supplier_ids

S = Lead.Stage

# Stages in which a lead needs no more follow-up: no reminders, listed after the open ones.
CLOSED_STAGES = (S.ORDERED, S.LOST)

# What a person may do: {to: {from}}.
PEOPLE_TRANSITIONS = {
    S.CONTACTED: {S.NEW, S.LOST},
    S.CONVERSATION: {S.NEW, S.CONTACTED},
    S.QUOTED: {S.NEW, S.CONTACTED, S.CONVERSATION},
    S.ORDERED: {S.NEW, S.CONTACTED, S.CONVERSATION, S.QUOTED},
    S.LOST: {S.NEW, S.CONTACTED, S.CONVERSATION, S.QUOTED},
}

# What the buyer's own inquiries, quotes and orders do by themselves (lead_linkage): only forward, and out of
# "lost" only by an order (a buyer who pays was not lost).
AUTOMATIC_TRANSITIONS = {
    S.CONVERSATION: {S.NEW, S.CONTACTED},
    S.QUOTED: {S.NEW, S.CONTACTED, S.CONVERSATION},
    S.ORDERED: {S.NEW, S.CONTACTED, S.CONVERSATION, S.QUOTED, S.LOST},
}


def may_follow_up(user, lead) -> bool:
    """Whether `user` may see and work on `lead`: a curator, or a member of its supplier who may trade."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_curator or may(user, "trade", lead.supplier)


def require_follow_up(user, lead):
    if not may_follow_up(user, lead):
        raise TransitionError(_("This lead is not one of yours."), code="not_yours")


def leads_visible_to(user):
    """Every lead `user` may see: all of them for a curator, else those of the suppliers they act for."""
    if not getattr(user, "is_authenticated", False):
        return Lead.objects.none()
    if user.is_curator:
        return Lead.objects.all()
    return Lead.objects.filter(supplier_id__in=member_supplier_ids(user))


def pipeline_order(leads):
    """Open leads first, by next action date (overdue first, then today, later, none), then closed ones;
    newest first among equals."""
    closed = Case(When(stage__in=CLOSED_STAGES, then=Value(1)), default=Value(0), output_field=IntegerField())
    return leads.annotate(closed=closed).order_by(
        "closed", F("next_action_on").asc(nulls_last=True), "-created_at", "-id"
    )


def due_leads(leads, today=None):
    """The open ones among `leads` whose next action is due `today` (the site's date) or overdue."""
    today = today or timezone.localdate()
    return leads.exclude(stage__in=CLOSED_STAGES).filter(next_action_on__lte=today)


def due_count(user) -> int:
    """How many leads of the suppliers `user` acts for wait for a follow-up today or earlier (the seller
    nav's count; a curator's nav counts their own suppliers' leads, not every supplier's)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    # One query, joined through the memberships (one per user and supplier, so no lead counts twice).
    return due_leads(Lead.objects.filter(supplier__memberships__user=user)).count()


def stages_open_to_people(lead):
    """The stages a person may move `lead` to from where it is now (the detail page's choices)."""
    return [stage for stage in S if lead.stage in PEOPLE_TRANSITIONS.get(stage, ())]


def enter_stage(lead, to, *, reason="", now=None):
    """What entering `to` changes besides the stage (inside the transition, before the save)."""
    now = now or timezone.now()
    lead.stage_changed_at = now
    # The first move out of "new" is the first contact (the dashboard's "contacted within 7 days"); giving up
    # on a lead never reached is not contact.
    if lead.first_contacted_at is None and to != S.LOST:
        lead.first_contacted_at = now
    lead.lost_reason = reason[:300] if to == S.LOST else ""


def move_stage(lead, to, *, actor, reason=""):
    """A person moves `lead` to stage `to` (PEOPLE_TRANSITIONS); "lost" needs a reason.

    Locks the lead, checks the actor (TransitionError "not_yours") and records the change with `reason` as
    its note. Idempotent: moving it again to the stage it is in changes nothing (changed=False).
    """
    reason = (reason or "").strip()
    if to == S.LOST and not reason:
        raise TransitionError(_("Say why the lead was lost."), code="reason_required")
    # Checked before too: the transition skips its check when the lead is already in `to`.
    require_follow_up(actor, lead)
    return transition(
        Lead,
        lead.pk,
        to,
        PEOPLE_TRANSITIONS,
        actor=actor,
        field="stage",
        note=reason[:300] if to == S.LOST else "",
        check=lambda locked: require_follow_up(actor, locked),
        apply=lambda locked: enter_stage(locked, to, reason=reason),
    )


def set_next_action(lead, *, actor, on, action=""):
    """Set (or clear, with on=None) when the lead is next followed up and what to do then. Recorded in the
    lead's history as a change of "next_action_on"; setting the same again records nothing."""
    action = (action or "").strip()[:200]
    with transaction.atomic():
        locked = lock(Lead, lead.pk)
        require_follow_up(actor, locked)
        if locked.next_action_on == on and locked.next_action == action:
            return locked
        before = locked.next_action_on.isoformat() if locked.next_action_on else ""
        locked.next_action_on, locked.next_action = on, action
        locked.save(update_fields=["next_action_on", "next_action", "updated_at"])
        record(locked, before, on.isoformat() if on else "", actor, note=action, field="next_action_on")
    return locked
