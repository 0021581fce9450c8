"""Trade pages as people read them (issue 18): states and units by their labels, dates in the one format
("3 Dec 2026", "3 Dec 2026, 14:05" in Karachi time), never a code or a pattern of the page's own."""

import re
from datetime import UTC, date, datetime

import pytest

from .factories import MessageFactory, QuoteFactory, SubcontractRequestFactory, ThreadFactory

pytestmark = pytest.mark.django_db

# 09:05 UTC is 14:05 in Karachi (settings.TIME_ZONE): pages write the site's time.
DEADLINE = datetime(2027, 1, 4, 9, 5, tzinfo=UTC)


def visible(response) -> str:
    """The page's text without its tags (codes in attributes are for scripts, not people)."""
    assert response.status_code == 200
    return re.sub(r"<[^>]+>", "", response.content.decode())


@pytest.fixture
def dated_rfq(rfq):
    rfq.deadline, rfq.needed_by, rfq.unit = DEADLINE, date(2027, 3, 1), "sqm"
    rfq.save()
    return rfq


def test_the_rfq_list_shows_the_state_and_unit_labels(client_for, buyer, dated_rfq):
    page = visible(client_for(buyer).get("/rfqs/"))

    assert "Open for quotes" in page and "500 square metre" in page
    assert "sqm" not in page


def test_the_rfq_page_shows_its_state_label_and_dates_in_the_one_format(client_for, buyer, dated_rfq):
    page = visible(client_for(buyer).get(f"/rfqs/{dated_rfq.pk}/"))

    assert "Open for quotes" in page
    assert "1 Mar 2027" in page and "4 Jan 2027, 14:05" in page


def test_the_suppliers_rfq_page_shows_its_quote_state_by_label(
    client_for, artisan, dated_rfq, matching_supplier
):
    QuoteFactory(rfq=dated_rfq, supplier=matching_supplier, submitted_by=artisan)

    page = visible(client_for(artisan).get(f"/sell/rfqs/{dated_rfq.pk}/?as={matching_supplier.slug}"))

    assert "Your quote (Submitted)" in page and "4 Jan 2027, 14:05" in page


def test_the_suppliers_rfq_feed_writes_the_deadline_in_the_one_format(client_for, artisan, dated_rfq):
    page = visible(client_for(artisan).get("/sell/rfqs/"))

    assert "quote by 4 Jan 2027" in page


def test_another_buyer_cannot_open_the_rfq_page(client_for, dated_rfq):
    from tests.factories import BuyerFactory

    assert client_for(BuyerFactory()).get(f"/rfqs/{dated_rfq.pk}/").status_code == 404


def test_the_subcontracting_list_shows_the_state_label_and_the_one_date_format(client_for, buyer):
    SubcontractRequestFactory(requester=buyer, deadline=date(2027, 2, 1), unit="kg")

    page = visible(client_for(buyer).get("/subcontracting/"))

    assert "by 1 Feb 2027" in page and "Open for offers" in page
    assert "1,000 kilograms" in page


def test_the_inbox_writes_the_last_message_time_in_the_one_format(client_for, buyer):
    ThreadFactory(buyer=buyer, last_message_at=DEADLINE)

    assert "4 Jan 2027, 14:05" in visible(client_for(buyer).get("/inbox/"))


def test_the_conversation_writes_each_message_time_in_the_one_format(client_for, buyer):
    thread = ThreadFactory(buyer=buyer)
    message = MessageFactory(thread=thread, author=buyer)
    type(message).objects.filter(pk=message.pk).update(created_at=DEADLINE)

    page = visible(client_for(buyer).get(f"/inbox/{thread.pk}/"))

    assert "4 Jan 2027, 14:05" in page


def test_the_curators_rfq_list_shows_state_labels_and_the_one_date_format(client_for, curator, dated_rfq):
    page = visible(client_for(curator).get("/admin/trade_rfq/"))

    assert "Open for quotes" in page
    assert "4 Jan 2027, 14:05" in page


def test_a_buyer_cannot_open_the_curators_rfq_list(client_for, buyer, dated_rfq):
    assert client_for(buyer).get("/admin/trade_rfq/").status_code in (302, 403)
