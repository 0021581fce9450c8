"""A supplier's side of RFQs through the API: the matching open RFQs, and its own quote (submit, revise)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from orders.trade.models import RFQ, Quote
from tests.factories import MembershipFactory, SupplierFactory


def terms(**changes):
    return {
        "unit_price": "10.00",
        "currency": "USD",
        "incoterm": "FOB",
        "incoterm_place": "Karachi",
        "lead_time_days": 45,
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
    } | changes


def put_quote(client, rfq, payload, **query):
    url = reverse("api:trade-sell-quote", args=[rfq.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.put(url, payload, format="json")


def test_a_matching_suppliers_member_sees_the_open_rfq_without_its_quote_count(
    trade_client_for, artisan, rfq
):
    rows = trade_client_for(artisan).get(reverse("api:trade-sell-rfq-list")).json()["results"]

    assert [row["id"] for row in rows] == [rfq.pk]
    assert rows[0]["your_quote"] is None
    assert "quote_count" not in rows[0]


def test_an_rfq_past_its_deadline_leaves_the_feed(trade_client_for, artisan, rfq):
    RFQ.objects.filter(pk=rfq.pk).update(deadline=timezone.now() - timedelta(minutes=1))

    assert trade_client_for(artisan).get(reverse("api:trade-sell-rfq-list")).json()["results"] == []


def test_a_supplier_of_other_goods_neither_lists_nor_opens_the_rfq(trade_client_for, other_artisan, rfq):
    client = trade_client_for(other_artisan)

    assert client.get(reverse("api:trade-sell-rfq-list")).json()["results"] == []
    assert client.get(reverse("api:trade-sell-rfq-detail", args=[rfq.pk])).status_code == 404
    assert put_quote(client, rfq, terms()).status_code == 404
    assert not Quote.objects.exists()


def test_a_buyer_without_a_supplier_has_no_feed(trade_client_for, buyer, rfq):
    assert trade_client_for(buyer).get(reverse("api:trade-sell-rfq-list")).status_code == 404


def test_a_member_cannot_act_for_a_supplier_they_do_not_belong_to(
    trade_client_for, artisan, rfq, rival_supplier
):
    client = trade_client_for(artisan)

    response = put_quote(client, rfq, terms(), supplier=rival_supplier.pk)

    assert response.status_code == 404
    assert not Quote.objects.exists()


def test_a_member_of_two_suppliers_chooses_which_one_quotes(trade_client_for, artisan, rfq, rival_supplier):
    MembershipFactory(supplier=rival_supplier, user=artisan)

    response = put_quote(trade_client_for(artisan), rfq, terms(), supplier=rival_supplier.pk)

    assert response.status_code == 200
    assert Quote.objects.get().supplier == rival_supplier


def test_a_supplier_that_is_not_a_number_is_a_field_error(trade_client_for, artisan, rfq):
    response = trade_client_for(artisan).get(reverse("api:trade-sell-rfq-list") + "?supplier=first")

    assert response.status_code == 400
    assert "supplier" in response.json()["error"]["fields"]


def test_submitting_a_quote_creates_it_with_its_breaks(trade_client_for, artisan, rfq, matching_supplier):
    breaks = [{"min_quantity": 1000, "unit_price": "9.50"}, {"min_quantity": 400, "unit_price": "9.8"}]
    payload = terms(price_breaks=breaks)

    response = put_quote(trade_client_for(artisan), rfq, payload)

    assert response.status_code == 200, response.json()
    quote = Quote.objects.get()
    assert (quote.supplier, quote.submitted_by, quote.revision) == (matching_supplier, artisan, 1)
    assert quote.tiers == [["400", "9.80"], ["1000", "9.50"]]
    first_break = {"min_quantity": 400, "unit_price": {"amount": "9.80", "currency": "USD"}}
    assert response.json()["price_breaks"][0] == first_break


def test_revising_a_quote_raises_its_revision_and_the_buyer_cannot_accept_the_old_terms(
    trade_client_for, artisan, buyer, rfq
):
    supplier_client = trade_client_for(artisan)
    put_quote(supplier_client, rfq, terms())
    quote = Quote.objects.get()

    revised = put_quote(supplier_client, rfq, terms(unit_price="11.00"))

    assert revised.json()["revision"] == 2
    url = reverse("api:trade-quote-accept", args=[rfq.pk, quote.pk])
    seen = {"revision": 1, "total": {"amount": "5000.00", "currency": "USD"}}
    answer = trade_client_for(buyer).post(url, seen, format="json")
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "quote_changed"


def test_the_supplier_reads_its_own_quote_and_the_rival_only_theirs(
    trade_client_for, artisan, rival_artisan, rfq
):
    put_quote(trade_client_for(artisan), rfq, terms())
    url = reverse("api:trade-sell-quote", args=[rfq.pk])

    assert trade_client_for(artisan).get(url).json()["unit_price"] == {"amount": "10.00", "currency": "USD"}
    assert trade_client_for(rival_artisan).get(url).status_code == 404
    detail = trade_client_for(rival_artisan).get(reverse("api:trade-sell-rfq-detail", args=[rfq.pk])).json()
    assert detail["your_quote"] is None


def test_bad_quantity_breaks_are_a_field_error_under_their_api_name(trade_client_for, artisan, rfq):
    payload = terms(price_breaks=[{"min_quantity": 0, "unit_price": "9.50"}])

    response = put_quote(trade_client_for(artisan), rfq, payload)

    assert response.status_code == 400
    assert "price_breaks" in response.json()["error"]["fields"]
    assert not Quote.objects.exists()


def test_a_quote_valid_until_yesterday_is_refused(trade_client_for, artisan, rfq):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = put_quote(trade_client_for(artisan), rfq, terms(valid_until=yesterday))

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["valid_until"] == [
        "A quote must be valid at least until today."
    ]


def test_no_quote_after_the_deadline(trade_client_for, artisan, rfq):
    RFQ.objects.filter(pk=rfq.pk).update(deadline=timezone.now() - timedelta(minutes=1))

    response = put_quote(trade_client_for(artisan), rfq, terms())

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "rfq_closed"


def test_an_accepted_quote_can_no_longer_be_changed(trade_client_for, artisan, rfq, quote):
    Quote.objects.filter(pk=quote.pk).update(state=Quote.State.ACCEPTED)

    response = put_quote(trade_client_for(artisan), rfq, terms(unit_price="1.00"))

    assert response.status_code == 409
    quote.refresh_from_db()
    assert str(quote.unit_price) == "10.00"


def test_an_inactive_supplier_cannot_open_or_quote_on_the_rfq(trade_client_for, rfq, category):
    dormant = SupplierFactory(is_active=False)
    dormant.categories.add(category)
    member = MembershipFactory(supplier=dormant).user

    response = put_quote(trade_client_for(member), rfq, terms())

    assert response.status_code == 404
    assert not Quote.objects.exists()


def test_anonymous_cannot_see_the_feed_or_quote(anonymous, rfq):
    assert anonymous.get(reverse("api:trade-sell-rfq-list")).status_code == 401
    assert put_quote(anonymous, rfq, terms()).status_code == 401
