"""Capturing a lead at the booth: one buyer contact, typed on a phone in under a minute.

The capture form makes a `client_key` (a UUID) when it is shown and sends it with the lead. A double tap, a
browser's retry or the offline script's resend (orders/trade/static/trade/lead_capture.js) all carry the same
key, and `capture_lead` keeps one lead per (supplier, client_key): the database's unique constraint backs
it, so two requests racing each other still make one row.

Who may capture for a supplier: its members who trade (owners, staff, its coordinator: catalog.permissions)
and curators, who pick the supplier. Everyone else is refused here, whatever the view let through.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Event, Supplier
from catalog.permissions import may
from marketplace.workflow import TransitionError, record

from ..models import Lead

# Shown beside the consent box and stored, word for word, with the time it was ticked.
CONSENT_WORDING = gettext_lazy(
    "The buyer agrees that this supplier may contact them by email or phone about what they asked for."
)

# What the form may set; everything else of a lead (stage, buyer, order) is the pipeline's.
CONTACT_FIELDS = (
    "name",
    "company",
    "country",
    "email",
    "phone",
    "products_wanted",
    "quantity",
    "target_price",
    "target_currency",
    "timing",
    "notes",
)


def may_capture_for(user, supplier) -> bool:
    """Members who trade for `supplier` (owner, staff, its coordinator) and curators."""
    return getattr(user, "is_curator", False) or may(user, "trade", supplier)


def suppliers_for_capture(user):
    """The suppliers `user` may capture leads for: every active one for a curator, else their own."""
    if getattr(user, "is_curator", False):
        return Supplier.objects.active()
    if not getattr(user, "is_authenticated", False):
        return Supplier.objects.none()
    return Supplier.objects.filter(
        pk__in=[s.pk for s in Supplier.objects.for_member(user) if may(user, "trade", s)]
    )


def events_of(supplier):
    """The events `supplier` exhibits at, newest first."""
    return Event.objects.filter(exhibitors__supplier=supplier).order_by("-starts_on", "name")


def default_event(supplier, today=None):
    """The event a lead captured today most likely comes from: one under way, else the latest one already
    begun, else the next one (a supplier setting up the day before). None when it exhibits nowhere."""
    today = today or timezone.localdate()
    events = events_of(supplier)
    begun = events.filter(starts_on__lte=today).first()
    if begun is not None:
        return begun
    return events.filter(starts_on__gt=today).order_by("starts_on").first()


def capture_lead(*, supplier, actor, client_key, event=None, categories=(), consent_given=False, **fields):
    """Saves the lead the form sent, once: returns (lead, created).

    Idempotent on (supplier, client_key): the same key again returns the lead already saved, unchanged
    (the first submit wins; a retry never edits it). The consent, when given, is stored with the wording
    shown (CONSENT_WORDING, in the language the form was shown in) and the time. The lead's creation is
    recorded in the audit history (marketplace.workflow.record) as its first stage, "new".
    """
    if not may_capture_for(actor, supplier):
        raise TransitionError(_("You do not capture leads for this supplier."), code="not_member")
    if event is not None and not event.exhibitors.filter(supplier=supplier).exists():
        raise TransitionError(_("This supplier does not exhibit at this event."), code="not_exhibitor")
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"capture_lead() got unexpected fields: {sorted(unknown)}")
    values = dict(fields)
    if consent_given:
        values.update(consent_given=True, consent_text=str(CONSENT_WORDING), consent_at=timezone.now())
    with transaction.atomic():
        lead, created = Lead.objects.get_or_create(
            supplier=supplier,
            client_key=client_key,
            defaults={
                **values,
                "event": event,
                "source": Lead.Source.BOOTH,
                "captured_by": actor,
                "stage_changed_at": timezone.now(),
            },
        )
        if created:
            if categories:
                lead.categories.set(categories)
            record(lead, "", Lead.Stage.NEW, actor, note="captured at the booth", field="stage")
    return lead, created


def leads_visible_to(user):
    """Leads `user` may see: their suppliers' (as members who trade) or, for a curator, all of them."""
    if getattr(user, "is_curator", False):
        return Lead.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Lead.objects.none()
    return Lead.objects.filter(supplier__in=suppliers_for_capture(user))
