"""The artisan's workbench: /sell/quotes/ (their suppliers' quotes) and the header's counts of what waits."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orders.lifecycle import accept_fulfilment, ship_fulfilment
from orders.trade.models import Quote, RFQInvitation
from orders.trade.services import inquiries
from orders.trade.services.workbench import waiting_counts
from tests.factories import BuyerCompanyFactory, BuyerFactory, MembershipFactory, SupplierFactory
from tests.orders.helpers import paid

from .factories import QuoteFactory, RFQFactory
from .helpers import accept_as_seen

QUOTES = reverse("trade:sell-quotes")


def quote_for(supplier, artisan, **kwargs):
    return QuoteFactory(supplier=supplier, submitted_by=artisan, **kwargs)


@pytest.fixture
def own_quote(rfq, matching_supplier, artisan):
    rfq.buyer.buyer_company.name = "Hafen Importe GmbH"
    rfq.buyer.buyer_company.save()
    return quote_for(matching_supplier, artisan, rfq=rfq, unit_price=Decimal("16.20"), revision=2)


def test_lists_own_quotes_with_rfq_buyer_total_and_validity(client, artisan, own_quote):
    client.force_login(artisan)
    response = client.get(QUOTES)
    assert response.status_code == 200
    html = response.content.decode()
    sell_rfq = reverse("trade:sell-rfq", args=[own_quote.rfq.pk])
    assert f'href="{sell_rfq}?as={own_quote.supplier.slug}"' in html
    assert own_quote.rfq.title in html
    assert "Hafen Importe GmbH" in html
    assert "500 pieces" in html or "500 piece" in html
    assert "8,100.00" in html  # 500 x 16.20 USD, as the buyer would accept it
    assert "Revision 2" in html
    assert "Submitted" in html
    assert f"valid until {date_filter(own_quote.valid_until)}" in html


def test_another_suppliers_member_never_sees_them(client, own_quote, rival_artisan, rival_supplier, rfq):
    rival_quote = quote_for(rival_supplier, rival_artisan, rfq=RFQFactory(title="Rival saucers"))
    client.force_login(rival_artisan)
    html = client.get(QUOTES).content.decode()
    assert own_quote.rfq.title not in html
    assert rival_quote.rfq.title in html
    assert "1 quote" in html


def test_anonymous_goes_to_login(client, own_quote):
    response = client.get(QUOTES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_buyer_with_no_supplier_gets_404(client, own_quote):
    client.force_login(own_quote.rfq.buyer)
    assert client.get(QUOTES).status_code == 404


def test_filter_by_state(client, artisan, matching_supplier, own_quote):
    declined = quote_for(matching_supplier, artisan, state=Quote.State.DECLINED, rfq=RFQFactory(title="Old"))
    client.force_login(artisan)
    html = client.get(QUOTES, {"state": "declined"}).content.decode()
    assert declined.rfq.title in html
    assert own_quote.rfq.title not in html
    assert '<option value="declined" selected>' in html


def test_an_unknown_state_is_a_form_error_and_the_list_stays_whole(client, artisan, own_quote):
    client.force_login(artisan)
    response = client.get(QUOTES, {"state": "lost<script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert own_quote.rfq.title in html
    assert "lost<script>" not in html


def test_paginated(client, artisan, matching_supplier):
    for n in range(21):
        quote_for(matching_supplier, artisan, rfq=RFQFactory(title=f"Order of bowls no. {n}"))
    client.force_login(artisan)
    first = client.get(QUOTES).content.decode()
    assert "Page 1 of 2" in first and "21 quotes" in first
    second = client.get(QUOTES, {"page": 2}).content.decode()
    assert second.count('class="trade-item"') == 1
    assert client.get(QUOTES, {"page": "nonsense"}).status_code == 200


def test_an_accepted_quote_shows_its_order_awaiting_payment(client, artisan, rfq, own_quote):
    order = accept_as_seen(own_quote, rfq.buyer)
    client.force_login(artisan)
    html = client.get(QUOTES, {"state": "accepted"}).content.decode()
    assert own_quote.rfq.title in html
    assert f"Order {order.pk}" in html
    assert "Awaiting payment" in html


def test_query_count_does_not_grow_with_the_list(client, artisan, matching_supplier, rfq):
    quote_for(matching_supplier, artisan, rfq=rfq)
    client.force_login(artisan)
    client.get(QUOTES)  # warm the per-process caches (slots, templates)
    with CaptureQueriesContext(connection) as few:
        client.get(QUOTES)
    for n in range(5):
        quote = quote_for(matching_supplier, artisan, rfq=RFQFactory(buyer=BuyerFactory()))
        if n % 2:
            accept_as_seen(quote, quote.rfq.buyer)
    with CaptureQueriesContext(connection) as many:
        client.get(QUOTES)
    # session, user, memberships, count, page, orders of accepted quotes, header counts, nav checks
    assert len(many) == len(few) + 1  # only the accepted quotes' orders query is added
    assert len(many) <= 12, [q["sql"] for q in many.captured_queries]


def test_linked_from_the_seller_dashboard(client, artisan, matching_supplier):
    client.force_login(artisan)
    html = client.get(reverse("sell:dashboard")).content.decode()
    assert f'href="{QUOTES}"' in html


# The header's counts -------------------------------------------------------------------------------------


def header(client):
    return client.get(reverse("trade:inbox")).content.decode()


def test_unread_inquiries_count_changes_as_a_buyer_writes_and_the_artisan_reads(
    client, artisan, matching_supplier, buyer
):
    client.force_login(artisan)
    assert "unread inquir" not in header(client)
    thread = inquiries.start_inquiry(buyer=buyer, supplier=matching_supplier, body="Indigo glaze possible?")
    assert "1 unread inquiry</a>" in header(client)
    other_buyer = BuyerFactory()
    inquiries.start_inquiry(buyer=other_buyer, supplier=matching_supplier, body="Samples to Lyon?")
    assert "2 unread inquiries</a>" in header(client)
    client.get(reverse("trade:thread", args=[thread.pk]))  # reading it marks it read
    assert "1 unread inquiry</a>" in header(client)
    inquiries.reply(thread, author=buyer, body="And in 30 cm?")
    assert "2 unread inquiries</a>" in header(client)


def test_rfqs_to_answer_are_invited_open_and_not_yet_quoted(artisan, matching_supplier, rfq):
    RFQInvitation.objects.create(rfq=rfq, supplier=matching_supplier)
    closed = RFQFactory(deadline=timezone.now() - timedelta(hours=1))
    RFQInvitation.objects.create(rfq=closed, supplier=matching_supplier)
    assert waiting_counts(artisan)["rfqs"] == 1
    quote_for(matching_supplier, artisan, rfq=rfq)
    assert waiting_counts(artisan)["rfqs"] == 0


def test_orders_to_act_on_are_paid_and_not_shipped(artisan, rfq, own_quote):
    order = accept_as_seen(own_quote, rfq.buyer)
    assert waiting_counts(artisan)["orders"] == 0  # awaiting payment: nothing to do yet
    order.shipping_name, order.shipping_address, order.shipping_country = "Hafen", "Kai 1\nHamburg", "DE"
    order.save()
    paid(order)
    assert waiting_counts(artisan)["orders"] == 1
    fulfilment = order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    assert waiting_counts(artisan)["orders"] == 1  # still to ship
    ship_fulfilment(fulfilment, artisan, carrier="TCS", tracking_number="TCS-9")
    assert waiting_counts(artisan)["orders"] == 0


def test_counts_are_only_of_the_members_own_suppliers(artisan, matching_supplier, rival_artisan, buyer):
    inquiries.start_inquiry(buyer=buyer, supplier=matching_supplier, body="Hello")
    assert waiting_counts(artisan)["inquiries"] == 1
    assert waiting_counts(rival_artisan) == {"inquiries": 0, "rfqs": 0, "orders": 0}
    assert waiting_counts(buyer) == {"inquiries": 0, "rfqs": 0, "orders": 0}


def test_counts_cost_one_query_once_per_request(artisan, matching_supplier, rfq, buyer):
    RFQInvitation.objects.create(rfq=rfq, supplier=matching_supplier)
    inquiries.start_inquiry(buyer=buyer, supplier=matching_supplier, body="Hello")
    MembershipFactory(user=artisan, supplier=SupplierFactory(), role="staff")  # a second supplier
    request = RequestFactory().get("/")
    request.user = artisan
    template = Template(
        "{% load workbench %}{% waiting_counts as w %}{{ w.inquiries }}/{{ w.rfqs }}/{{ w.orders }}"
    )
    with CaptureQueriesContext(connection) as queries:
        first = template.render(Context({"request": request, "user": artisan}))
        second = template.render(Context({"request": request, "user": artisan}))
    assert first == second == "1/1/0"
    assert len(queries) == 1


def test_badges_say_what_they_count_in_words(client, artisan, matching_supplier, rfq, buyer):
    RFQInvitation.objects.create(rfq=rfq, supplier=matching_supplier)
    client.force_login(artisan)
    html = header(client)
    assert f'href="{reverse("trade:sell-rfqs")}">1 RFQ to answer</a>' in html
    client.force_login(BuyerFactory(buyer_company=BuyerCompanyFactory()))
    assert "to answer" not in header(client)
