"""Email notifications of the trade flows, queued in the transaction of the change they report.

Each message goes through marketplace.jobs.mail.queue_email: delivered by a task after the commit (so a
rollback sends nothing and no request waits on the mail server), tried again with backoff, shown to operators
when it finally fails. Each has a key naming what it reports ("rfq-invite:12"): with the recipient it makes
the message once, however often the service or the task runs.

Every link is absolute, on settings.SITE_URL (`link`): an email is read outside the site. Every amount is
written by marketplace.currency.format_money, every date by `when` and every unit by its label, as on the
pages: never "2026-12-10 09:00:00+00:00" or "sqm" in a buyer's mailbox.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.currency import format_money
from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url


def _member_emails(supplier):
    return list(supplier.memberships.select_related("user").values_list("user__email", flat=True))


def when(value) -> str:
    """A date or a moment in the site's one format (marketplace/formats): "3 Dec 2026", "3 Dec 2026, 14:05"
    in the site's time zone, as the pages write them."""
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")


def link(name, pk):
    """The absolute URL of the trade page `name` ("trade:thread") of object `pk`."""
    return absolute_url(reverse(name, args=[pk]))


def _send(recipients, subject, body, key):
    """Queue `body` to each recipient on its own (no member sees the others' addresses); returns how many
    messages were new (a key already used for a recipient queues nothing)."""
    return queue_email(recipients, subject, body, key=key)


def notify_supplier_of_message(thread, message):
    _send(
        _member_emails(thread.supplier),
        _("New inquiry message: %(subject)s") % {"subject": thread.subject},
        _("You have a new message from a buyer. Read and reply at %(url)s")
        % {"url": link("trade:thread", thread.pk)},
        key=f"inquiry-message:{message.pk}",
    )


def notify_buyer_of_reply(thread, message):
    _send(
        [thread.buyer.email],
        _("%(supplier)s replied: %(subject)s") % {"supplier": thread.supplier, "subject": thread.subject},
        _("Read the reply at %(url)s") % {"url": link("trade:thread", thread.pk)},
        key=f"inquiry-reply:{message.pk}",
    )


def notify_suppliers_of_rfq(rfq, suppliers):
    emails = []
    for supplier in suppliers:
        emails += _member_emails(supplier)
    _send(
        emails,
        _("New request for quotation: %(title)s") % {"title": rfq.title},
        _("A buyer asks for %(qty)s %(unit)s. Quote before %(deadline)s at %(url)s")
        % {
            "qty": rfq.quantity,
            "unit": rfq.get_unit_display(),
            "deadline": when(rfq.deadline),
            "url": link("trade:sell-rfq", rfq.pk),
        },
        key=f"rfq-invite:{rfq.pk}",
    )


def notify_buyer_of_quote(quote):
    rfq = quote.rfq
    _send(
        [rfq.buyer.email],
        _("New quote on %(title)s") % {"title": rfq.title},
        _("%(supplier)s quotes %(total)s for %(qty)s %(unit)s (%(price)s each). Compare quotes at %(url)s")
        % {
            "supplier": quote.supplier,
            "total": format_money(quote.total_for(rfq.quantity)),
            "qty": rfq.quantity,
            "unit": rfq.get_unit_display(),
            "price": format_money(quote.unit_price_at(rfq.quantity)),
            "url": link("trade:rfq", quote.rfq_id),
        },
        key=f"quote-received:{quote.pk}",
    )


def notify_quote_decided(quote, accepted):
    subject = _("Your quote was accepted") if accepted else _("Your quote was not chosen")
    body = (
        _("The buyer accepted your quote on %(title)s; an order was created.")
        if accepted
        else _("The buyer chose another quote on %(title)s. Thank you for quoting.")
    )
    _send(
        _member_emails(quote.supplier),
        subject,
        body % {"title": quote.rfq.title},
        key=f"quote-decided:{quote.pk}",
    )


def notify_cluster_of_request(request, suppliers):
    emails = []
    for supplier in suppliers:
        emails += _member_emails(supplier)
    _send(
        emails,
        _("Capacity wanted in %(cluster)s") % {"cluster": request.cluster},
        _("A buyer needs %(qty)s %(unit)s by %(deadline)s. Offer capacity at %(url)s")
        % {
            "qty": request.quantity,
            "unit": request.get_unit_display(),
            "deadline": when(request.deadline),
            "url": link("trade:subcontract", request.pk),
        },
        key=f"capacity-request:{request.pk}",
    )


def notify_requester_of_offer(offer):
    _send(
        [offer.request.requester.email],
        _("New capacity offer from %(supplier)s") % {"supplier": offer.supplier},
        _("See the offers at %(url)s") % {"url": link("trade:subcontract", offer.request_id)},
        key=f"capacity-offer:{offer.pk}",
    )
