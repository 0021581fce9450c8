"""Inquiries: start a thread, reply, mark read, close, hide a message (curators)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.permissions import role_of
from marketplace.accounts.verification import require_verified_email
from marketplace.workflow import TransitionError, lock, record, transition

from .. import notifications
from ..attachments import save_attachments
from ..models import Message, Thread
from .access import member_supplier_ids

THREAD_TRANSITIONS = {
    Thread.State.CLOSED: {Thread.State.OPEN},
    Thread.State.OPEN: {Thread.State.CLOSED},
}


class RateLimited(TransitionError):
    def __init__(self, message):
        super().__init__(message, code="rate_limited")


def check_inquiry_rate(user):
    """Refuse a new inquiry past RATE_LIMIT_INQUIRIES_PER_HOUR, counted from stored threads (works across
    processes, no shared cache needed)."""
    since = timezone.now() - timedelta(hours=1)
    sent = Thread.objects.filter(buyer=user, created_at__gte=since).count()
    if sent >= settings.RATE_LIMIT_INQUIRIES_PER_HOUR:
        raise RateLimited(
            _("You have sent %(n)s inquiries in the last hour, the limit. Please try again later.")
            % {"n": sent}
        )


def start_inquiry(
    *, buyer, supplier, body, product=None, quantity=None, destination_country="", attachments=()
):
    """Open a thread from `buyer` to `supplier` with a first message; notifies the supplier's members.

    Refuses inactive suppliers, messages to one's own supplier and senders over the hourly limit.
    `attachments` are (upload, content_type) pairs already checked by `check_attachment`. A buyer whose email
    address is not confirmed is refused (EmailUnverified): a supplier answers to an address that works.
    """
    require_verified_email(buyer)
    if not supplier.is_active:
        raise TransitionError(_("This supplier is not taking inquiries."), code="inactive")
    if supplier.pk in member_supplier_ids(buyer):
        raise TransitionError(_("You cannot send an inquiry to your own business."), code="own_supplier")
    if product is not None and product.supplier_id != supplier.pk:
        raise TransitionError(_("This product is not sold by that supplier."), code="wrong_product")
    check_inquiry_rate(buyer)
    subject = product.title if product else _("Inquiry to %(supplier)s") % {"supplier": supplier.name}
    with transaction.atomic():
        now = timezone.now()
        thread = Thread.objects.create(
            buyer=buyer,
            supplier=supplier,
            product=product,
            subject=subject[:200],
            quantity=quantity,
            destination_country=(destination_country or "").upper(),
            last_message_at=now,
            buyer_read_at=now,
        )
        message = Message.objects.create(thread=thread, author=buyer, body=body)
        save_attachments(attachments, message=message)
        record(thread, "", thread.state, buyer, note="inquiry started")
        notifications.notify_supplier_of_message(thread, message)
    return thread


def _side_of(thread, user):
    if thread.buyer_id == user.pk:
        return "buyer"
    if thread.supplier_id in member_supplier_ids(user):
        return "supplier"
    raise TransitionError(_("This conversation is not yours."), code="not_party")


def reply(thread, *, author, body, attachments=()):
    """Add a message from either party to an open thread; the first supplier answer sets first_response_at.

    Locks the thread so two first answers cannot both count as the first.
    """
    side = _side_of(thread, author)
    with transaction.atomic():
        thread = lock(Thread, thread.pk)
        if thread.state != Thread.State.OPEN:
            raise TransitionError(_("This conversation is closed."), code="closed")
        now = timezone.now()
        message = Message.objects.create(
            thread=thread,
            author=author,
            body=body,
            from_supplier=side == "supplier",
            # Shown as "sent by <coordinator> for <supplier>" (catalog.members.coordinators).
            by_coordinator=side == "supplier" and role_of(author, thread.supplier) == "coordinator",
        )
        save_attachments(attachments, message=message)
        thread.last_message_at = now
        if side == "supplier":
            thread.supplier_read_at = now
            if thread.first_response_at is None:
                thread.first_response_at = now
        else:
            thread.buyer_read_at = now
        thread.save(
            update_fields=["last_message_at", "supplier_read_at", "buyer_read_at", "first_response_at"]
        )
        if side == "supplier":
            notifications.notify_buyer_of_reply(thread, message)
        else:
            notifications.notify_supplier_of_message(thread, message)
    return message


def mark_read(thread, user):
    """Remember that `user`'s side has read the thread up to now (drives the unread counts)."""
    field = "buyer_read_at" if _side_of(thread, user) == "buyer" else "supplier_read_at"
    Thread.objects.filter(pk=thread.pk).update(**{field: timezone.now()})


def close_thread(thread, *, actor):
    """Either party closes the conversation; idempotent."""
    return transition(
        Thread,
        thread.pk,
        Thread.State.CLOSED,
        THREAD_TRANSITIONS,
        actor=actor,
        check=lambda t: _side_of(t, actor),
    )


def reopen_thread(thread, *, actor):
    return transition(
        Thread,
        thread.pk,
        Thread.State.OPEN,
        THREAD_TRANSITIONS,
        actor=actor,
        check=lambda t: _side_of(t, actor),
    )


def hide_message(message, *, curator, reason):
    """A curator hides an abusive message; the row stays and both parties see a notice. Idempotent."""
    if not curator.is_curator:
        raise TransitionError(_("Only curators moderate messages."), code="not_curator")
    with transaction.atomic():
        message = lock(Message, message.pk)
        if message.hidden:
            return message
        message.hidden = True
        message.hidden_reason = reason[:300]
        message.hidden_by = curator
        message.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
        record(message, "visible", "hidden", curator, note=reason[:300], field="hidden")
    return message


def unread_counts(threads, user):
    """{thread id: unread messages from the other side} for a page of threads, in one query."""
    from django.db.models import Count, F, Q

    supplier_ids = member_supplier_ids(user)
    ids = [thread.pk for thread in threads]
    as_buyer = Q(thread__buyer=user, from_supplier=True) & (
        Q(thread__buyer_read_at__isnull=True) | Q(created_at__gt=F("thread__buyer_read_at"))
    )
    as_supplier = Q(thread__supplier_id__in=supplier_ids, from_supplier=False) & (
        Q(thread__supplier_read_at__isnull=True) | Q(created_at__gt=F("thread__supplier_read_at"))
    )
    rows = (
        Message.objects.filter(thread_id__in=ids, hidden=False)
        .filter(as_buyer | as_supplier)
        .values("thread_id")
        .annotate(n=Count("id"))
    )
    return {row["thread_id"]: row["n"] for row in rows}
