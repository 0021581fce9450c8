"""Email notifications of the trade flows: the one place that sends mail (console backend in development).

Every link is absolute, on settings.SITE_URL (`link`): an email is read outside the site. Every amount is
written by marketplace.currency.format_money, as on the pages.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.currency import format_money
from marketplace.links import absolute_url
from marketplace.text import fold_whitespace

logger = logging.getLogger(__name__)
# A mail server that refuses once (a dropped connection, a busy relay) usually takes the message when asked
# again; more than that belongs in a queue with backoff, not in the request that changed the data.
ATTEMPTS = 2


def _member_emails(supplier):
    return list(supplier.memberships.select_related("user").values_list("user__email", flat=True))


def link(name, pk):
    """The absolute URL of the trade page `name` ("trade:thread") of object `pk`."""
    return absolute_url(reverse(name, args=[pk]))


def _send(recipients, subject, body):
    """Mail `body` to each recipient on its own (no member sees the others' addresses); returns how many left.

    Called after the change it reports has committed, so a failure must not undo or hide that change: each
    message is tried ATTEMPTS times and a message that still fails is logged as an error with its recipient
    and subject (never dropped silently), while the others are still sent.
    """
    recipients = sorted({email for email in recipients if email})
    if not recipients:
        return 0
    # A subject holds titles people typed; one line break in it and Django refuses the whole message
    # (BadHeaderError): fold it onto one line, whatever is stored.
    subject = fold_whitespace(subject)
    connection = get_connection()
    sent = 0
    for email in recipients:
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email], connection=connection)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                sent += message.send()
                break
            except Exception:
                if attempt == ATTEMPTS:
                    logger.exception(
                        "Notification not sent to %s after %s attempts: %s", email, attempt, subject
                    )
                else:
                    logger.warning("Notification to %s failed (attempt %s), trying again", email, attempt)
    return sent


def notify_supplier_of_message(thread, message):
    _send(
        _member_emails(thread.supplier),
        _("New inquiry message: %(subject)s") % {"subject": thread.subject},
        _("You have a new message from a buyer. Read and reply at %(url)s")
        % {"url": link("trade:thread", thread.pk)},
    )


def notify_buyer_of_reply(thread, message):
    _send(
        [thread.buyer.email],
        _("%(supplier)s replied: %(subject)s") % {"supplier": thread.supplier, "subject": thread.subject},
        _("Read the reply at %(url)s") % {"url": link("trade:thread", thread.pk)},
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
            "unit": rfq.unit,
            "deadline": rfq.deadline,
            "url": link("trade:sell-rfq", rfq.pk),
        },
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
            "unit": rfq.unit,
            "price": format_money(quote.unit_price_at(rfq.quantity)),
            "url": link("trade:rfq", quote.rfq_id),
        },
    )


def notify_quote_decided(quote, accepted):
    subject = _("Your quote was accepted") if accepted else _("Your quote was not chosen")
    body = (
        _("The buyer accepted your quote on %(title)s; an order was created.")
        if accepted
        else _("The buyer chose another quote on %(title)s. Thank you for quoting.")
    )
    _send(_member_emails(quote.supplier), subject, body % {"title": quote.rfq.title})


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
            "unit": request.unit,
            "deadline": request.deadline,
            "url": link("trade:subcontract", request.pk),
        },
    )


def notify_requester_of_offer(offer):
    _send(
        [offer.request.requester.email],
        _("New capacity offer from %(supplier)s") % {"supplier": offer.supplier},
        _("See the offers at %(url)s") % {"url": link("trade:subcontract", offer.request_id)},
    )
