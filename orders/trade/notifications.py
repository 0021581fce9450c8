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
from itertools import groupby

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.currency import format_money
from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url


def _members(*suppliers):
    """The people who act for `suppliers`, each once."""
    seen, people = set(), []
    for supplier in suppliers:
        for membership in supplier.memberships.select_related("user"):
            if membership.user_id not in seen:
                seen.add(membership.user_id)
                people.append(membership.user)
    return people


def when(value) -> str:
    """A date or a moment in the site's one format (marketplace/formats): "3 Dec 2026", "3 Dec 2026, 14:05"
    in the site's time zone, as the pages write them."""
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")


def link(name, pk):
    """The absolute URL of the trade page `name` ("trade:thread") of object `pk`."""
    return absolute_url(reverse(name, args=[pk]))


def _send(people, compose, key):
    """Queue the message `compose()` writes, (subject, body), to each person on its own (no member sees the
    others' addresses), written in the language each chose (User.language; the site's default when they chose
    none): an artisan reading Urdu gets Urdu whoever's action sent it. Returns how many messages were new (a
    key already used for a recipient queues nothing)."""

    def language(person):
        return person.language or settings.LANGUAGE_CODE

    new = 0
    for code, group in groupby(sorted(people, key=language), key=language):
        with translation.override(code):
            subject, body = compose()
            new += queue_email([person.email for person in group], str(subject), str(body), key=key)
    return new


def notify_supplier_of_message(thread, message):
    def compose():
        return (
            _("New inquiry message: %(subject)s") % {"subject": thread.subject},
            _("You have a new message from a buyer. Read and reply at %(url)s")
            % {"url": link("trade:thread", thread.pk)},
        )

    _send(_members(thread.supplier), compose, key=f"inquiry-message:{message.pk}")


def notify_buyer_of_reply(thread, message):
    def compose():
        return (
            _("%(supplier)s replied: %(subject)s") % {"supplier": thread.supplier, "subject": thread.subject},
            _("Read the reply at %(url)s") % {"url": link("trade:thread", thread.pk)},
        )

    _send([thread.buyer], compose, key=f"inquiry-reply:{message.pk}")


def notify_suppliers_of_rfq(rfq, suppliers):
    def compose():
        return (
            _("New request for quotation: %(title)s") % {"title": rfq.title},
            _("A buyer asks for %(qty)s %(unit)s. Quote before %(deadline)s at %(url)s")
            % {
                "qty": rfq.quantity,
                "unit": rfq.get_unit_display(),
                "deadline": when(rfq.deadline),
                "url": link("trade:sell-rfq", rfq.pk),
            },
        )

    _send(_members(*suppliers), compose, key=f"rfq-invite:{rfq.pk}")


def notify_buyer_of_quote(quote):
    rfq = quote.rfq

    def compose():
        return (
            _("New quote on %(title)s") % {"title": rfq.title},
            _(
                "%(supplier)s quotes %(total)s for %(qty)s %(unit)s (%(price)s each). "
                "Compare quotes at %(url)s"
            )
            % {
                "supplier": quote.supplier,
                "total": format_money(quote.total_for(rfq.quantity)),
                "qty": rfq.quantity,
                "unit": rfq.get_unit_display(),
                "price": format_money(quote.unit_price_at(rfq.quantity)),
                "url": link("trade:rfq", quote.rfq_id),
            },
        )

    _send([rfq.buyer], compose, key=f"quote-received:{quote.pk}")


def notify_quote_decided(quote, accepted):
    def compose():
        subject = _("Your quote was accepted") if accepted else _("Your quote was not chosen")
        body = (
            _("The buyer accepted your quote on %(title)s; an order was created.")
            if accepted
            else _("The buyer chose another quote on %(title)s. Thank you for quoting.")
        )
        return subject, body % {"title": quote.rfq.title}

    _send(_members(quote.supplier), compose, key=f"quote-decided:{quote.pk}")


def notify_cluster_of_request(request, suppliers):
    def compose():
        return (
            _("Capacity wanted in %(cluster)s") % {"cluster": request.cluster},
            _("A buyer needs %(qty)s %(unit)s by %(deadline)s. Offer capacity at %(url)s")
            % {
                "qty": request.quantity,
                "unit": request.get_unit_display(),
                "deadline": when(request.deadline),
                "url": link("trade:subcontract", request.pk),
            },
        )

    _send(_members(*suppliers), compose, key=f"capacity-request:{request.pk}")


def notify_requester_of_offer(offer):
    def compose():
        return (
            _("New capacity offer from %(supplier)s") % {"supplier": offer.supplier},
            _("See the offers at %(url)s") % {"url": link("trade:subcontract", offer.request_id)},
        )

    _send([offer.request.requester], compose, key=f"capacity-offer:{offer.pk}")
