"""RFQs and quotes: posting, the supplier feed, quoting and revising, comparison, acceptance, expiry."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from marketplace.workflow import TransitionError, history
from orders.models import Order
from orders.trade.models import RFQ, Quote, RFQInvitation
from orders.trade.services import rfqs as service
from tests.factories import CategoryFactory, SupplierFactory

from .factories import QuoteFactory, RFQFactory
from .helpers import accept_as_seen, seen_quote

pytestmark = pytest.mark.django_db


def quote_terms(**overrides):
    terms = {
        "unit_price": Decimal("10.00"), "currency": "USD", "tiers": [], "incoterm": "FOB",
        "incoterm_place": "Karachi", "lead_time_days": 45,
        "valid_until": timezone.localdate() + timedelta(days=30), "sample_offer": "", "notes": "",
    }  # fmt: skip
    return {**terms, **overrides}


def rfq_post_data(category, **overrides):
    data = {
        "title": "Camel-skin lamps", "description": "Hand-painted, 30 cm", "category": category.pk,
        "quantity": "300", "unit": "piece", "target_unit_price": "14.00", "currency": "EUR",
        "destination_country": "de", "incoterm": "FOB",
        "needed_by": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "deadline": (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip
    return {**data, **overrides}


def test_buyer_posts_rfq_and_matching_suppliers_are_invited_and_emailed(
    client_for, buyer, category, matching_supplier, artisan, django_capture_on_commit_callbacks
):
    SupplierFactory()  # makes something else: not invited
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category))
    rfq = RFQ.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rfqs/{rfq.pk}/"
    assert list(RFQInvitation.objects.values_list("supplier", flat=True)) == [matching_supplier.pk]
    assert [m.to for m in mail.outbox] == [[artisan.email]]


def test_rfq_with_past_deadline_is_a_form_error_keeping_input(client_for, buyer, category):
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category, deadline=past))
    assert response.status_code == 400 and "Camel-skin lamps" in response.content.decode()
    assert not RFQ.objects.exists()


def test_rfq_rate_limit_gives_a_clear_message(client_for, buyer, category, settings):
    settings.RATE_LIMIT_RFQS_PER_DAY = 1
    RFQFactory(buyer=buyer)
    response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category))
    assert response.status_code == 400 and "the limit" in response.content.decode()
    assert RFQ.objects.count() == 1


def test_rfq_for_a_subcategory_reaches_the_supplier_of_the_parent_category(
    buyer, category, matching_supplier
):
    vases = CategoryFactory(name="Vases", slug="vases", parent=category)
    rfq = RFQFactory(buyer=buyer, category=vases)
    assert list(service.matching_suppliers(rfq)) == [matching_supplier]


def test_supplier_feed_lists_matching_rfq_and_not_others(client_for, artisan, rfq):
    unrelated = RFQFactory()
    page = client_for(artisan).get("/sell/rfqs/").content.decode()
    assert rfq.title in page and unrelated.title not in page


def test_supplier_submits_then_revises_its_one_quote(client_for, artisan, rfq, matching_supplier):
    client = client_for(artisan)
    data = {"unit_price": "10.50", "currency": "USD", "incoterm": "FOB", "incoterm_place": "Karachi",
            "lead_time_days": "40", "valid_until": (timezone.localdate() + timedelta(days=20)).isoformat(),
            "tiers_text": "1000 9.80"}  # fmt: skip
    assert client.post(f"/sell/rfqs/{rfq.pk}/", {**data, "action": "quote"}).status_code == 302
    client.post(f"/sell/rfqs/{rfq.pk}/", {**data, "unit_price": "9.90", "action": "quote"})
    quote = Quote.objects.get()
    assert (quote.unit_price, quote.revision, quote.tiers) == (Decimal("9.90"), 2, [["1000", "9.80"]])


def test_supplier_of_another_category_cannot_open_or_quote_an_rfq(client_for, other_artisan, rfq):
    client = client_for(other_artisan)
    assert client.get(f"/sell/rfqs/{rfq.pk}/").status_code == 404
    assert client.post(f"/sell/rfqs/{rfq.pk}/", {"unit_price": "1", "action": "quote"}).status_code == 404
    assert not Quote.objects.exists()


def test_supplier_never_sees_another_suppliers_quote(client_for, artisan, rfq, rival_supplier):
    QuoteFactory(rfq=rfq, supplier=rival_supplier, unit_price=Decimal("7.77"), incoterm_place="Rival Port")
    page = client_for(artisan).get(f"/sell/rfqs/{rfq.pk}/").content.decode()
    assert "7.77" not in page and "Rival Port" not in page


def test_buyer_cannot_see_another_buyers_rfq_or_accept_its_quote(client_for, rfq, rival_supplier):
    from tests.factories import BuyerFactory

    quote = QuoteFactory(rfq=rfq, supplier=rival_supplier)
    intruder = client_for(BuyerFactory())
    assert intruder.get(f"/rfqs/{rfq.pk}/").status_code == 404
    assert intruder.post(f"/rfqs/{rfq.pk}/quotes/{quote.pk}/accept/").status_code == 404
    assert intruder.post(f"/rfqs/{rfq.pk}/quotes/{quote.pk}/ask/", {"body": "hi"}).status_code == 404
    assert not Order.objects.exists()


def test_quote_after_deadline_is_refused(artisan, rfq, matching_supplier):
    RFQ.objects.filter(pk=rfq.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(TransitionError) as exc:
        service.submit_quote(rfq, supplier=matching_supplier, actor=artisan, **quote_terms())
    assert exc.value.code == "rfq_closed"


def test_comparison_normalises_to_the_rfq_currency_at_the_requested_quantity(
    rfq, rival_supplier, matching_supplier, rates
):
    RFQ.objects.filter(pk=rfq.pk).update(currency="EUR", quantity=1000)
    rfq.refresh_from_db()
    QuoteFactory(rfq=rfq, supplier=matching_supplier, unit_price=Decimal("10.00"), currency="USD",
                 tiers=[["1000", "9.00"]])  # fmt: skip
    QuoteFactory(rfq=rfq, supplier=rival_supplier, unit_price=Decimal("2800"), currency="PKR")
    rows = service.compare_quotes(rfq)
    assert [(r["quote"].supplier, r["normalised_unit"].amount) for r in rows] == [
        (rival_supplier, Decimal("9.20")),  # 2800 PKR = 10 USD = 9.20 EUR
        (matching_supplier, Decimal("8.28")),  # tier 9.00 USD at 1000 = 8.28 EUR
    ][::-1]
    assert rows[0]["normalised_total"].amount == Decimal("8280.00")


def test_compare_page_shows_both_quotes_to_the_buyer(
    client_for, buyer, rfq, matching_supplier, rival_supplier, rates
):
    QuoteFactory(rfq=rfq, supplier=matching_supplier)
    QuoteFactory(rfq=rfq, supplier=rival_supplier)
    page = client_for(buyer).get(f"/rfqs/{rfq.pk}/").content.decode()
    assert matching_supplier.name in page and rival_supplier.name in page


def test_accepting_creates_order_awaiting_payment_and_declines_the_others(
    client_for,
    buyer,
    rfq,
    matching_supplier,
    rival_supplier,
    rival_artisan,
    django_capture_on_commit_callbacks,
):
    chosen = QuoteFactory(
        rfq=rfq, supplier=matching_supplier, unit_price=Decimal("10.00"), incoterm_place="Karachi"
    )
    other = QuoteFactory(rfq=rfq, supplier=rival_supplier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(buyer).post(f"/rfqs/{rfq.pk}/quotes/{chosen.pk}/accept/", seen_quote(chosen))
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.pk}/address/"
    assert (order.state, order.source, order.source_ref, order.currency) == (
        "awaiting_payment",
        "quote",
        f"quote:{chosen.pk}",
        "USD",
    )
    line = order.lines.get()
    assert (line.quantity, line.unit_price, order.incoterm_place) == (500, Decimal("10.00"), "Karachi")
    rfq.refresh_from_db(), other.refresh_from_db()
    assert (rfq.state, other.state) == ("awarded", "declined")
    assert any(rival_artisan.email in m.to for m in mail.outbox)


def test_accepting_twice_returns_the_same_order(buyer, rfq, matching_supplier):
    quote = QuoteFactory(rfq=rfq, supplier=matching_supplier)
    assert accept_as_seen(quote, buyer) == accept_as_seen(quote, buyer)
    assert Order.objects.count() == 1


def test_accepting_a_second_quote_after_the_first_is_refused(
    client_for, buyer, rfq, matching_supplier, rival_supplier
):
    first = QuoteFactory(rfq=rfq, supplier=matching_supplier)
    second = QuoteFactory(rfq=rfq, supplier=rival_supplier)
    accept_as_seen(first, buyer)
    response = client_for(buyer).post(
        f"/rfqs/{rfq.pk}/quotes/{second.pk}/accept/", seen_quote(second), follow=True
    )
    assert response.status_code == 200 and "already accepted" in response.content.decode()
    assert Order.objects.count() == 1


def test_expired_quote_cannot_be_accepted(buyer, rfq, matching_supplier):
    quote = QuoteFactory(
        rfq=rfq, supplier=matching_supplier, valid_until=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(TransitionError) as exc:
        accept_as_seen(quote, buyer)
    assert exc.value.code == "quote_expired"
    assert not Order.objects.exists()


def test_supplier_cannot_accept_a_quote_through_the_service(artisan, rfq, matching_supplier):
    quote = QuoteFactory(rfq=rfq, supplier=matching_supplier)
    with pytest.raises(TransitionError) as exc:
        accept_as_seen(quote, artisan)
    assert exc.value.code == "not_buyer"


def test_expire_command_expires_lapsed_quotes_and_rfqs_past_deadline(buyer, rfq, matching_supplier):
    QuoteFactory(rfq=rfq, supplier=matching_supplier, valid_until=timezone.localdate() - timedelta(days=1))
    RFQ.objects.filter(pk=rfq.pk).update(deadline=timezone.now() - timedelta(hours=1))
    call_command("expire_rfqs")
    call_command("expire_rfqs")  # a second run changes nothing
    rfq.refresh_from_db()
    assert rfq.state == "expired" and Quote.objects.get().state == "expired"


def test_quote_expires_by_the_local_date_in_the_evening_when_utc_is_still_the_day_before(
    rfq, matching_supplier, settings
):
    settings.TIME_ZONE = "Asia/Karachi"
    # 21:00 UTC on 1 December is 02:00 on 2 December in Karachi: a quote valid until 1 December has lapsed.
    evening = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)
    quote = QuoteFactory(rfq=rfq, supplier=matching_supplier, valid_until=date(2026, 12, 1))
    service.expire_quotes_and_rfqs(now=evening)
    quote.refresh_from_db()
    assert quote.state == "expired"


def test_rfq_past_deadline_with_a_valid_quote_stays_open_for_acceptance(buyer, rfq, matching_supplier):
    quote = QuoteFactory(rfq=rfq, supplier=matching_supplier)
    RFQ.objects.filter(pk=rfq.pk).update(deadline=timezone.now() - timedelta(hours=1))
    service.expire_quotes_and_rfqs()
    assert accept_as_seen(quote, buyer).state == "awaiting_payment"


def test_cancelled_rfq_refuses_acceptance(buyer, rfq, matching_supplier):
    quote = QuoteFactory(rfq=rfq, supplier=matching_supplier)
    service.cancel_rfq(rfq, actor=buyer)
    with pytest.raises(TransitionError):
        accept_as_seen(quote, buyer)


def test_withdrawn_quote_can_be_resubmitted_before_deadline(artisan, rfq, matching_supplier):
    quote = service.submit_quote(rfq, supplier=matching_supplier, actor=artisan, **quote_terms())
    service.withdraw_quote(quote, actor=artisan)
    again = service.submit_quote(
        rfq, supplier=matching_supplier, actor=artisan, **quote_terms(unit_price=Decimal("9"))
    )
    assert (again.pk, again.state, again.unit_price) == (quote.pk, "submitted", Decimal("9"))


def test_resubmitting_a_withdrawn_quote_is_audited_as_a_state_change_and_a_revision_as_one(
    artisan, rfq, matching_supplier
):
    quote = service.submit_quote(rfq, supplier=matching_supplier, actor=artisan, **quote_terms())
    service.submit_quote(
        rfq, supplier=matching_supplier, actor=artisan, **quote_terms(unit_price=Decimal("9"))
    )
    service.withdraw_quote(quote, actor=artisan)
    service.submit_quote(
        rfq, supplier=matching_supplier, actor=artisan, **quote_terms(unit_price=Decimal("8"))
    )
    changes = [(c.from_state, c.to_state, c.note) for c in history(quote).order_by("pk")]
    assert changes == [
        ("", "submitted", "quote submitted"),
        ("submitted", "submitted", "revision 2"),
        ("submitted", "withdrawn", ""),
        ("withdrawn", "submitted", "revision 3"),
    ]


def test_buyer_question_reaches_only_that_quotes_supplier(client_for, buyer, artisan, rival_artisan, rfq,
                                                          matching_supplier, rival_supplier):  # fmt: skip
    quote = QuoteFactory(rfq=rfq, supplier=matching_supplier)
    QuoteFactory(rfq=rfq, supplier=rival_supplier)
    client_for(buyer).post(f"/rfqs/{rfq.pk}/quotes/{quote.pk}/ask/", {"body": "Can you do cobalt blue?"})
    assert "cobalt blue" in client_for(artisan).get(f"/sell/rfqs/{rfq.pk}/").content.decode()
    assert "cobalt blue" not in client_for(rival_artisan).get(f"/sell/rfqs/{rfq.pk}/").content.decode()


@pytest.mark.parametrize("who, url", [("buyer", "/rfqs/"), ("artisan", "/sell/rfqs/")])
def test_rfq_list_query_counts_do_not_grow(who, url, request, client_for, buyer, category, matching_supplier,
                                           django_assert_max_num_queries):  # fmt: skip
    client = client_for(request.getfixturevalue(who))
    RFQFactory.create_batch(2, buyer=buyer, category=category)
    client.get(url)  # caches what every page shows (the header's and footer's links, cms.navigation)
    with django_assert_max_num_queries(12) as two:
        client.get(url)
    RFQFactory.create_batch(8, buyer=buyer, category=category)
    with django_assert_max_num_queries(12) as ten:
        assert client.get(url).content.decode().count('<li class="trade-item"') in (0, 10)
    assert len(two.captured_queries) == len(ten.captured_queries)


def test_comparison_page_query_count_does_not_grow_with_quotes(client_for, buyer, rfq, category, rates,
                                                               django_assert_max_num_queries):  # fmt: skip
    client = client_for(buyer)

    def add_quotes(n):
        for _ in range(n):
            supplier = SupplierFactory()
            supplier.categories.add(category)
            QuoteFactory(rfq=rfq, supplier=supplier)

    add_quotes(2)
    client.get(f"/rfqs/{rfq.pk}/")  # caches the day's exchange rates and the header's and footer's links
    with django_assert_max_num_queries(15) as two:
        client.get(f"/rfqs/{rfq.pk}/")
    add_quotes(8)
    with django_assert_max_num_queries(15) as ten:
        assert client.get(f"/rfqs/{rfq.pk}/").content.decode().count('id="quote-') == 10
    assert len(two.captured_queries) == len(ten.captured_queries)


def test_feed_leaves_out_rfqs_past_their_deadline(client_for, artisan, rfq):
    RFQ.objects.filter(pk=rfq.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert rfq.title not in client_for(artisan).get("/sell/rfqs/").content.decode()


@pytest.mark.parametrize(("needed_in_days", "code"), [(-1, "needed_by_past"), (3, "needed_before_deadline")])
def test_the_rfq_service_refuses_goods_needed_in_the_past_or_before_quotes_close(
    buyer, category, needed_in_days, code
):
    # The service's own rule (the form and the API check it first): any other caller is held to it too.
    with pytest.raises(TransitionError) as refused:
        service.post_rfq(
            buyer=buyer, title="Lamps", description="Camel-skin lamps", category=category, quantity=300,
            unit="piece", currency="USD", destination_country="DE", incoterm="FOB",
            deadline=timezone.now() + timedelta(days=7),
            needed_by=timezone.localdate() + timedelta(days=needed_in_days),
        )  # fmt: skip
    assert refused.value.code == code
    assert not RFQ.objects.exists()
