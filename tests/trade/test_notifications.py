"""Trade emails link to the site with absolute URLs on SITE_URL: a path means nothing in a mail client. Each
is queued in the transaction of the change it reports and delivered once it commits, once per recipient
however often it is asked for (delivery, retries and failures: tests/tasks/test_email.py)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from marketplace.jobs.models import OutgoingEmail
from orders.trade import notifications
from tests.factories import BuyerFactory, MembershipFactory

from .factories import (
    CapacityOfferFactory,
    MessageFactory,
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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block's on-commit work (the deliveries) at its end, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def only_body():
    [message] = mail.outbox
    return message.body


def test_supplier_members_get_an_absolute_link_to_the_new_message(supplier, artisan, committed):
    thread = ThreadFactory(supplier=supplier)
    with committed():
        notifications.notify_supplier_of_message(thread, MessageFactory(thread=thread))
    assert f"{SITE}/inbox/{thread.pk}/" in only_body()


def test_the_buyer_gets_an_absolute_link_to_the_reply(committed):
    thread = ThreadFactory()
    with committed():
        notifications.notify_buyer_of_reply(thread, MessageFactory(thread=thread))
    assert only_body().endswith(f"Read the reply at {SITE}/inbox/{thread.pk}/")


def test_invited_suppliers_get_an_absolute_link_to_the_rfq_in_their_feed(supplier, artisan, committed):
    rfq = RFQFactory()
    with committed():
        notifications.notify_suppliers_of_rfq(rfq, [supplier])
    assert f"{SITE}/sell/rfqs/{rfq.pk}/" in only_body()


def test_the_buyer_gets_an_absolute_link_to_compare_quotes(committed):
    quote = QuoteFactory()
    with committed():
        notifications.notify_buyer_of_quote(quote)
    assert f"{SITE}/rfqs/{quote.rfq_id}/" in only_body()


def test_cluster_members_and_the_requester_get_absolute_links_to_the_capacity_request(
    supplier, artisan, committed
):
    request = SubcontractRequestFactory(requester=BuyerFactory())
    with committed():
        notifications.notify_cluster_of_request(request, [supplier])
    assert f"{SITE}/subcontracting/{request.pk}/" in only_body()

    mail.outbox.clear()
    with committed():
        notifications.notify_requester_of_offer(CapacityOfferFactory(request=request))
    assert f"{SITE}/subcontracting/{request.pk}/" in only_body()


def test_no_trade_email_carries_a_bare_path(supplier, committed):
    MembershipFactory(supplier=supplier)
    thread, quote = ThreadFactory(supplier=supplier), QuoteFactory(supplier=supplier)
    with committed():
        notifications.notify_supplier_of_message(thread, MessageFactory(thread=thread))
        notifications.notify_buyer_of_reply(thread, MessageFactory(thread=thread))
        notifications.notify_suppliers_of_rfq(quote.rfq, [supplier])
        notifications.notify_buyer_of_quote(quote)
        notifications.notify_quote_decided(quote, True)
        request = SubcontractRequestFactory()
        notifications.notify_cluster_of_request(request, [supplier])
        notifications.notify_requester_of_offer(CapacityOfferFactory(request=request))

    assert len(mail.outbox) == 7
    for message in mail.outbox:
        assert " /" not in message.body, message.body


def test_a_notification_asked_for_twice_is_queued_and_sent_once(supplier, artisan, committed):
    rfq = RFQFactory()
    with committed():
        notifications.notify_suppliers_of_rfq(rfq, [supplier])
        notifications.notify_suppliers_of_rfq(rfq, [supplier])

    assert [m.to for m in mail.outbox] == [[artisan.email]]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_each_member_gets_the_message_on_their_own(supplier, artisan, committed):
    other = MembershipFactory(supplier=supplier).user
    with committed():
        notifications.notify_suppliers_of_rfq(RFQFactory(), [supplier])

    assert sorted(m.to for m in mail.outbox) == sorted([[artisan.email], [other.email]])


def test_nothing_is_sent_before_the_change_commits(supplier, artisan):
    notifications.notify_suppliers_of_rfq(RFQFactory(), [supplier])  # the test's transaction never commits

    assert mail.outbox == []
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING


def test_the_rfq_invitation_writes_its_deadline_and_unit_as_the_pages_do(supplier, artisan, committed):
    # 09:00 UTC is 14:00 in Karachi: the email says the site's time, in the one date format.
    deadline = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    with committed():
        notifications.notify_suppliers_of_rfq(RFQFactory(unit="sqm", deadline=deadline), [supplier])

    assert "500 square metre. Quote before 10 Dec 2026, 14:00 at" in only_body()
    assert "2026-12-10" not in only_body() and "sqm" not in only_body()


def test_the_capacity_request_writes_its_deadline_in_the_one_format(supplier, artisan, committed):
    request = SubcontractRequestFactory(deadline=date(2027, 2, 1), unit="kg")
    with committed():
        notifications.notify_cluster_of_request(request, [supplier])

    assert "1000 kilogram by 1 Feb 2027." in only_body()


def test_the_quote_email_groups_its_amounts_with_the_one_formatter(committed):
    quote = QuoteFactory(unit_price=Decimal("1992.00"), currency="PKR", rfq__currency="PKR")
    with committed(), translation.override("ur"):
        notifications.notify_buyer_of_quote(quote)

    # 500 at 1,992.00 PKR: grouped in Urdu too (Django has no Urdu formats; marketplace/formats/ur has).
    assert "996,000.00 PKR" in only_body() and "1,992.00 PKR" in only_body()
    assert "996000" not in only_body()


def test_each_member_is_written_to_in_the_language_they_chose_whatever_the_senders(
    supplier, artisan, committed
):
    artisan.language = "ur"
    artisan.save(update_fields=["language"])
    english = MembershipFactory(supplier=supplier).user  # chose no language: the site's default
    thread = ThreadFactory(supplier=supplier)
    with translation.override("en"), committed():
        notifications.notify_supplier_of_message(thread, MessageFactory(thread=thread))

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    with translation.override("ur"):
        expected_urdu = translation.gettext("New inquiry message: %(subject)s") % {"subject": thread.subject}
    assert subjects[artisan.email] == expected_urdu != subjects[english.email]
    assert subjects[english.email] == f"New inquiry message: {thread.subject}"
