"""RFQs and quotes: post, quote (and revise), withdraw, ask, accept (creating the order), cancel, expire."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import SupplierMembership
from catalog.permissions import role_of
from marketplace.accounts.verification import require_verified_email
from marketplace.exchange.services import RateMissing, convert
from marketplace.workflow import TransitionError, lock, record, transition
from orders.checkout.ordering import LineSpec, create_order

from .. import notifications
from ..attachments import save_attachments
from ..models import RFQ, Quote, QuoteMessage, RFQInvitation
from ..units import days
from .access import matching_suppliers, require_member
from .inquiries import RateLimited

RFQ_TRANSITIONS = {
    RFQ.State.AWARDED: {RFQ.State.OPEN},
    RFQ.State.EXPIRED: {RFQ.State.OPEN},
    RFQ.State.CANCELLED: {RFQ.State.OPEN},
}
QUOTE_TRANSITIONS = {
    Quote.State.ACCEPTED: {Quote.State.SUBMITTED},
    Quote.State.DECLINED: {Quote.State.SUBMITTED},
    Quote.State.WITHDRAWN: {Quote.State.SUBMITTED},
    Quote.State.EXPIRED: {Quote.State.SUBMITTED},
    Quote.State.SUBMITTED: {Quote.State.WITHDRAWN},
}
QUOTE_FIELDS = (
    "unit_price", "currency", "tiers", "incoterm", "incoterm_place", "lead_time_days", "valid_until",
    "sample_offer", "notes",
)  # fmt: skip


def check_rfq_rate(user):
    """Refuse a new RFQ past RATE_LIMIT_RFQS_PER_DAY, counted from stored RFQs."""
    sent = RFQ.objects.filter(buyer=user, created_at__gte=timezone.now() - timedelta(days=1)).count()
    if sent >= settings.RATE_LIMIT_RFQS_PER_DAY:
        raise RateLimited(
            _("You have posted %(n)s RFQs in the last 24 hours, the limit. Please try again tomorrow.")
            % {"n": sent}
        )


def post_rfq(*, buyer, attachments=(), **fields):
    """Create an open RFQ, invite (and email) every matching supplier. Rate-limited per account; refused to a
    buyer whose email address is not confirmed (EmailUnverified), as inquiries are."""
    require_verified_email(buyer)
    check_rfq_rate(buyer)
    if fields["deadline"] <= timezone.now():
        raise TransitionError(_("The quote deadline must be in the future."), code="deadline_past")
    # The form's date rules, here too for the API: goods are not needed in the past, nor before quotes close.
    needed_by = fields.get("needed_by")
    if needed_by and needed_by < timezone.localdate():
        raise TransitionError(_("The date must be today or later."), code="needed_by_past")
    if needed_by and needed_by < timezone.localtime(fields["deadline"]).date():
        raise TransitionError(
            _("The goods cannot be needed before the quote deadline."), code="needed_before_deadline"
        )
    with transaction.atomic():
        rfq = RFQ.objects.create(buyer=buyer, **fields)
        save_attachments(attachments, rfq=rfq)
        suppliers = list(matching_suppliers(rfq))
        RFQInvitation.objects.bulk_create(
            [RFQInvitation(rfq=rfq, supplier=supplier) for supplier in suppliers]
        )
        record(rfq, "", rfq.state, buyer, note=f"posted, {len(suppliers)} suppliers invited")
        notifications.notify_suppliers_of_rfq(rfq, suppliers)
    return rfq


def _require_buyer(rfq, actor):
    if rfq.buyer_id != actor.pk:
        raise TransitionError(_("This RFQ is not yours."), code="not_buyer")


def _by_coordinator(actor, supplier) -> bool:
    """Whether `actor` acts for `supplier` as its cluster coordinator: what they send then says "sent by
    <coordinator> for <supplier>"."""
    return role_of(actor, supplier) == SupplierMembership.Role.COORDINATOR


def submit_quote(rfq, *, supplier, actor, **terms):
    """Create the supplier's one quote on `rfq`, or revise it; only until the deadline, only by a member of a
    matching supplier. Locks the RFQ so a revision cannot slip in after an acceptance."""
    require_member(actor, supplier)
    with transaction.atomic():
        rfq = lock(RFQ, rfq.pk)
        if not rfq.accepts_quotes:
            raise TransitionError(_("This RFQ no longer takes quotes."), code="rfq_closed")
        if not matching_suppliers(rfq).filter(pk=supplier.pk).exists():
            raise TransitionError(_("This RFQ was not sent to your business."), code="not_matching")
        quote = Quote.objects.select_for_update().filter(rfq=rfq, supplier=supplier).first()
        if quote is None:
            quote = Quote.objects.create(
                rfq=rfq,
                supplier=supplier,
                submitted_by=actor,
                by_coordinator=_by_coordinator(actor, supplier),
                **terms,
            )
            record(quote, "", quote.state, actor, note="quote submitted")
            notifications.notify_buyer_of_quote(quote)
            return quote
        if quote.state not in (Quote.State.SUBMITTED, Quote.State.WITHDRAWN):
            raise TransitionError(_("This quote can no longer be changed."), code="quote_final")
        note = f"revision {quote.revision + 1}"

        def revise(obj):
            for name, value in terms.items():
                setattr(obj, name, value)
            obj.submitted_by = actor
            obj.by_coordinator = _by_coordinator(actor, supplier)
            obj.revision += 1

        if quote.state == Quote.State.WITHDRAWN:
            # Submitting again after a withdrawal is a state change like any other.
            return transition(
                Quote,
                quote.pk,
                Quote.State.SUBMITTED,
                QUOTE_TRANSITIONS,
                actor=actor,
                note=note,
                apply=revise,
            ).obj
        # New terms on a submitted quote: the state stays, the revision is recorded.
        revise(quote)
        quote.save()
        record(quote, quote.state, quote.state, actor, note=note)
    return quote


def withdraw_quote(quote, *, actor):
    """The supplier withdraws its quote while the RFQ is open; idempotent."""

    def check(q):
        require_member(actor, q.supplier)
        if q.rfq.state != RFQ.State.OPEN:
            raise TransitionError(_("This RFQ is closed."), code="rfq_closed")

    return transition(Quote, quote.pk, Quote.State.WITHDRAWN, QUOTE_TRANSITIONS, actor=actor, check=check)


def ask_on_quote(quote, *, author, body):
    """A question from the RFQ's buyer on a quote, or the quoting supplier's answer."""
    from_supplier = quote.rfq.buyer_id != author.pk
    if from_supplier:
        require_member(author, quote.supplier)
    return QuoteMessage.objects.create(
        quote=quote,
        author=author,
        body=body,
        from_supplier=from_supplier,
        by_coordinator=from_supplier and _by_coordinator(author, quote.supplier),
    )


def accept_quote(quote, *, actor, seen_revision, seen_total):
    """The buyer accepts one quote: the RFQ is awarded, the other quotes declined (with a notice), and one
    order "awaiting payment" is created from the quote's terms.

    The buyer accepts what they saw: `seen_revision` (Quote.revision) and `seen_total` (Money, the quote's
    total_for the RFQ's quantity) as their page showed them. A supplier may revise its quote until it is
    accepted, so when either differs now the acceptance is refused (code "quote_changed") with the new terms,
    and nothing changes. Both are required: no caller can accept terms nobody looked at.

    Locks the RFQ row first (a revision locks it too), so two tabs accepting two quotes at once end with one
    accepted quote and one order; the loser gets a TransitionError. Calling it again for the accepted quote
    returns the same order. Refuses expired quotes (state or validity date) and RFQs that are no longer open.
    """
    with transaction.atomic():

        def check_rfq(rfq):
            _require_buyer(rfq, actor)
            locked = lock(Quote, quote.pk)
            if locked.rfq_id != rfq.pk:
                raise TransitionError(_("This quote is not on this RFQ."), code="wrong_rfq")
            if locked.state == Quote.State.EXPIRED or locked.valid_until < timezone.localdate():
                raise TransitionError(
                    _("This quote has expired and cannot be accepted."), code="quote_expired"
                )
            if locked.state != Quote.State.SUBMITTED:
                raise TransitionError(
                    _("Only a submitted quote can be accepted."), code="quote_not_submitted"
                )
            _require_as_seen(locked, rfq, seen_revision, seen_total)

        result = transition(
            RFQ, quote.rfq_id, RFQ.State.AWARDED, RFQ_TRANSITIONS, actor=actor, check=check_rfq,
            note=f"accepted quote {quote.pk}",
        )  # fmt: skip
        rfq = result.obj
        if not result.changed:
            _require_buyer(rfq, actor)
            if not Quote.objects.filter(pk=quote.pk, state=Quote.State.ACCEPTED).exists():
                raise TransitionError(
                    _("Another quote was already accepted on this RFQ."), code="already_awarded"
                )
        accepted = transition(Quote, quote.pk, Quote.State.ACCEPTED, QUOTE_TRANSITIONS, actor=actor).obj
        declined = []
        for other in rfq.quotes.filter(state=Quote.State.SUBMITTED).exclude(pk=quote.pk):
            declined.append(
                transition(
                    Quote,
                    other.pk,
                    Quote.State.DECLINED,
                    QUOTE_TRANSITIONS,
                    actor=actor,
                    note="another quote accepted",
                ).obj
            )
        order = create_order(
            buyer=rfq.buyer,
            currency=accepted.currency,
            lines=[
                LineSpec(
                    supplier=accepted.supplier,
                    description=rfq.title,
                    quantity=rfq.quantity,
                    unit=rfq.unit,
                    unit_price=accepted.unit_price_at(rfq.quantity).amount,
                    lead_time_days=accepted.lead_time_days,
                )
            ],
            source="quote",
            source_ref=f"quote:{accepted.pk}",
            actor=actor,
            incoterm=accepted.incoterm,
            incoterm_place=accepted.incoterm_place[:200],
            destination_country=rfq.destination_country,
        )
        if result.changed:
            notifications.notify_quote_decided(accepted, True)
            for other in declined:
                notifications.notify_quote_decided(other, False)
    return order


def why_not_acceptable(quote) -> str:
    """Why the buyer cannot accept `quote` now (for the confirmation page), or "" when they can. The same
    rules accept_quote enforces under its locks; this is only what the page says before anyone clicks."""
    if quote.rfq.state != RFQ.State.OPEN:
        return _("This RFQ is closed (status: %(state)s).") % {"state": quote.rfq.get_state_display()}
    if quote.state == Quote.State.EXPIRED or not quote.is_valid_today:
        return _("This quote has expired and cannot be accepted.")
    if quote.state != Quote.State.SUBMITTED:
        return _("This quote can no longer be accepted (status: %(state)s).") % {
            "state": quote.get_state_display()
        }
    return ""


def _require_as_seen(quote, rfq, seen_revision, seen_total):
    total = quote.total_for(rfq.quantity)
    if quote.revision == seen_revision and total == seen_total:
        return
    raise TransitionError(
        _(
            "%(supplier)s changed this quote after you opened it: now %(total)s in total, %(unit)s per "
            "%(unit_name)s, lead time %(days)s. Look again before accepting."
        )
        % {
            "supplier": quote.supplier.name,
            "total": total,
            "unit": quote.unit_price_at(rfq.quantity).rounded(),
            "unit_name": rfq.get_unit_display(),
            "days": days(quote.lead_time_days),
        },
        code="quote_changed",
    )


def cancel_rfq(rfq, *, actor):
    """The buyer withdraws an open RFQ; its submitted quotes are declined. Idempotent."""
    with transaction.atomic():
        result = transition(
            RFQ,
            rfq.pk,
            RFQ.State.CANCELLED,
            RFQ_TRANSITIONS,
            actor=actor,
            check=lambda r: _require_buyer(r, actor),
        )
        for other in result.obj.quotes.filter(state=Quote.State.SUBMITTED):
            transition(
                Quote, other.pk, Quote.State.DECLINED, QUOTE_TRANSITIONS, actor=actor, note="RFQ cancelled"
            )
    return result


def expire_quotes_and_rfqs(now=None):
    """Expire submitted quotes past their validity date, then open RFQs past their deadline with no quote left
    that could be accepted. Returns (quotes expired, RFQs expired). Safe to run any number of times."""
    now = now or timezone.now()
    # valid_until is a calendar date where the marketplace runs (TIME_ZONE), as acceptance reads it; the UTC
    # date lags Karachi's by a day every evening.
    quotes = 0
    today = timezone.localdate(now)
    for pk in Quote.objects.filter(state=Quote.State.SUBMITTED, valid_until__lt=today).values_list(
        "pk", flat=True
    ):
        quotes += transition(
            Quote, pk, Quote.State.EXPIRED, QUOTE_TRANSITIONS, note="validity date passed"
        ).changed
    rfqs = 0
    stale = RFQ.objects.filter(state=RFQ.State.OPEN, deadline__lte=now).exclude(
        quotes__state=Quote.State.SUBMITTED
    )
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            result = transition(RFQ, pk, RFQ.State.EXPIRED, RFQ_TRANSITIONS, note="deadline passed")
            rfqs += result.changed
    return quotes, rfqs


def compare_quotes(rfq, quotes=None):
    """Rows for the side-by-side comparison: each quote's unit price at the requested quantity and the total,
    converted to the RFQ's currency (the buyer's). Cheapest first; quotes without a rate go last."""
    rows = []
    for quote in quotes if quotes is not None else rfq.quotes.select_related("supplier"):
        unit = quote.unit_price_at(rfq.quantity)
        try:
            normalised = convert(unit, rfq.currency)
        except RateMissing:
            normalised = None
        rows.append(
            {
                "quote": quote,
                "unit": unit.rounded(),
                "total": quote.total_for(rfq.quantity),
                "normalised_unit": normalised.rounded() if normalised else None,
                "normalised_total": (normalised * rfq.quantity).rounded() if normalised else None,
                "acceptable": quote.state == Quote.State.SUBMITTED and quote.is_valid_today,
            }
        )
    rows.sort(
        key=lambda row: (
            row["normalised_unit"] is None,
            row["normalised_unit"].amount if row["normalised_unit"] else 0,
        )
    )
    return rows
