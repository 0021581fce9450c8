"""Trade emails link to the site with absolute URLs on SITE_URL: a path means nothing in a mail client."""

import pytest
from django.core import mail

from orders.trade import notifications
from tests.factories import BuyerFactory, MembershipFactory

from .factories import (
    CapacityOfferFactory,
    QuoteFactory,
    RFQFactory,
    SubcontractRequestFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://market.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def only_body():
    [message] = mail.outbox
    return message.body


def test_supplier_members_get_an_absolute_link_to_the_new_message(supplier, artisan):
    thread = ThreadFactory(supplier=supplier)
    notifications.notify_supplier_of_message(thread, None)
    assert f"{SITE}/inbox/{thread.pk}/" in only_body()


def test_the_buyer_gets_an_absolute_link_to_the_reply():
    thread = ThreadFactory()
    notifications.notify_buyer_of_reply(thread, None)
    assert only_body().endswith(f"Read the reply at {SITE}/inbox/{thread.pk}/")


def test_invited_suppliers_get_an_absolute_link_to_the_rfq_in_their_feed(supplier, artisan):
    rfq = RFQFactory()
    notifications.notify_suppliers_of_rfq(rfq, [supplier])
    assert f"{SITE}/sell/rfqs/{rfq.pk}/" in only_body()


def test_the_buyer_gets_an_absolute_link_to_compare_quotes():
    quote = QuoteFactory()
    notifications.notify_buyer_of_quote(quote)
    assert f"{SITE}/rfqs/{quote.rfq_id}/" in only_body()


def test_cluster_members_and_the_requester_get_absolute_links_to_the_capacity_request(supplier, artisan):
    request = SubcontractRequestFactory(requester=BuyerFactory())
    notifications.notify_cluster_of_request(request, [supplier])
    assert f"{SITE}/subcontracting/{request.pk}/" in only_body()

    mail.outbox.clear()
    notifications.notify_requester_of_offer(CapacityOfferFactory(request=request))
    assert f"{SITE}/subcontracting/{request.pk}/" in only_body()


def test_no_trade_email_carries_a_bare_path(supplier):
    MembershipFactory(supplier=supplier)
    thread, quote = ThreadFactory(supplier=supplier), QuoteFactory(supplier=supplier)
    notifications.notify_supplier_of_message(thread, None)
    notifications.notify_buyer_of_reply(thread, None)
    notifications.notify_suppliers_of_rfq(quote.rfq, [supplier])
    notifications.notify_buyer_of_quote(quote)
    notifications.notify_quote_decided(quote, True)
    request = SubcontractRequestFactory()
    notifications.notify_cluster_of_request(request, [supplier])
    notifications.notify_requester_of_offer(CapacityOfferFactory(request=request))

    assert len(mail.outbox) == 7
    for message in mail.outbox:
        assert " /" not in message.body, message.body


class FlakyBackend:
    """An email backend refusing the first `fails` messages it is given, then taking them (class-wide)."""

    fails = 0
    attempts = []

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        for message in messages:
            FlakyBackend.attempts.append(message.to[0])
            if FlakyBackend.fails > 0:
                FlakyBackend.fails -= 1
                raise ConnectionError("relay busy")
            mail.outbox.append(message)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.attempts = []
    mail.outbox = []
    return FlakyBackend


def test_a_refused_notification_is_tried_again_and_sent_once(flaky):
    flaky.fails = 1
    assert notifications._send(["a@example.com"], "Subject", "Body") == 1
    assert flaky.attempts == ["a@example.com", "a@example.com"]
    assert [m.to for m in mail.outbox] == [["a@example.com"]]


def test_a_notification_that_keeps_failing_is_logged_and_the_others_still_go(flaky, caplog):
    flaky.fails = 2
    assert notifications._send(["a@example.com", "b@example.com"], "New RFQ", "Body") == 1
    assert [m.to for m in mail.outbox] == [["b@example.com"]]
    failed = [r for r in caplog.records if r.levelname == "ERROR"]
    assert (
        len(failed) == 1 and "a@example.com" in failed[0].getMessage() and "New RFQ" in failed[0].getMessage()
    )
