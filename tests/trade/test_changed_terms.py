"""Terms changed after the buyer looked: accepting a quote or allocating offers names the revision (and, for a
quote, the total) the buyer saw; a supplier's revision in between refuses it with the new terms, no order."""

import re
from decimal import Decimal

import pytest

from marketplace.money import Money
from marketplace.workflow import TransitionError
from orders.models import Order
from orders.trade.models import Quote
from orders.trade.services import rfqs, subcontracting

from .factories import CapacityOfferFactory, SubcontractRequestFactory
from .test_rfqs import quote_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(rfq, matching_supplier, artisan):
    """A quote of 10.00 USD each for the RFQ's 500 pieces (5,000.00 USD), submitted through the service."""
    return rfqs.submit_quote(rfq, supplier=matching_supplier, actor=artisan, **quote_terms())


def revise(quote, artisan, **terms):
    return rfqs.submit_quote(quote.rfq, supplier=quote.supplier, actor=artisan, **quote_terms(**terms))


def seen_fields(page, quote):
    """The hidden fields of the quote's accept form, as the comparison page (its Accept, prefixed "seen-") or
    the confirmation page rendered them."""
    form = re.search(rf"<form[^>]*quotes/{quote.pk}/accept/.*?</form>", page, re.S).group(0)
    pattern = r'<input type="hidden" name="(?:seen-)?(revision|total|currency)" value="([^"]*)"'
    return dict(re.findall(pattern, form))


# --- Quotes, through the service ------------------------------------------------------------------------
def test_a_quote_revised_after_the_buyer_looked_is_refused_with_its_new_terms(buyer, artisan, quote):
    seen = quote.revision, quote.total_for(quote.rfq.quantity)
    revise(quote, artisan, unit_price=Decimal("12.00"))

    with pytest.raises(TransitionError) as refused:
        rfqs.accept_quote(quote, actor=buyer, seen_revision=seen[0], seen_total=seen[1])

    assert refused.value.code == "quote_changed"
    assert "changed this quote after you opened it" in refused.value.message
    assert "6,000.00 USD" in refused.value.message and "12.00 USD" in refused.value.message
    assert not Order.objects.exists()
    quote.refresh_from_db(), quote.rfq.refresh_from_db()
    assert (quote.state, quote.rfq.state) == ("submitted", "open")


def test_a_revision_that_keeps_the_price_is_refused_too(buyer, artisan, quote):
    seen = quote.revision, quote.total_for(quote.rfq.quantity)
    revise(quote, artisan, lead_time_days=90)

    with pytest.raises(TransitionError) as refused:
        rfqs.accept_quote(quote, actor=buyer, seen_revision=seen[0], seen_total=seen[1])

    assert refused.value.code == "quote_changed"


def test_a_total_other_than_the_quotes_is_refused(buyer, quote):
    with pytest.raises(TransitionError) as refused:
        rfqs.accept_quote(
            quote, actor=buyer, seen_revision=quote.revision, seen_total=Money(Decimal("4000.00"), "USD")
        )

    assert refused.value.code == "quote_changed"


def test_the_unchanged_quote_is_accepted_at_the_total_the_buyer_saw(buyer, quote):
    order = rfqs.accept_quote(
        quote, actor=buyer, seen_revision=1, seen_total=Money(Decimal("5000.00"), "USD")
    )

    assert order.total == Money(Decimal("5000.00"), "USD")


def test_a_withdrawn_and_resubmitted_quote_counts_as_a_new_revision(buyer, artisan, quote):
    rfqs.withdraw_quote(quote, actor=artisan)
    revise(quote, artisan)

    with pytest.raises(TransitionError) as refused:
        rfqs.accept_quote(quote, actor=buyer, seen_revision=1, seen_total=Money(Decimal("5000.00"), "USD"))

    assert refused.value.code == "quote_changed"


# --- Quotes, through the comparison page -----------------------------------------------------------------
def test_the_comparison_page_accept_form_names_the_revision_and_total_shown(client_for, buyer, quote):
    page = client_for(buyer).get(f"/rfqs/{quote.rfq_id}/").content.decode()

    assert seen_fields(page, quote) == {"revision": "1", "total": "5000.00", "currency": "USD"}


def test_accepting_from_a_page_opened_before_a_revision_is_refused_with_a_message(
    client_for, buyer, artisan, quote
):
    client = client_for(buyer)
    seen = seen_fields(client.get(f"/rfqs/{quote.rfq_id}/").content.decode(), quote)
    revise(quote, artisan, unit_price=Decimal("12.00"))

    response = client.post(f"/rfqs/{quote.rfq_id}/quotes/{quote.pk}/accept/", seen, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/rfqs/{quote.rfq_id}/"
    assert "changed this quote after you opened it" in page and "6,000.00 USD" in page
    assert not Order.objects.exists()
    assert seen_fields(page, quote) == {"revision": "2", "total": "6000.00", "currency": "USD"}


def test_accepting_from_an_up_to_date_page_creates_the_order(client_for, buyer, quote):
    client = client_for(buyer)
    seen = seen_fields(client.get(f"/rfqs/{quote.rfq_id}/").content.decode(), quote)

    response = client.post(f"/rfqs/{quote.rfq_id}/quotes/{quote.pk}/accept/", seen)

    order = Order.objects.get()
    assert response["Location"] == f"/orders/{order.pk}/address/"  # no address yet: the address step
    assert Quote.objects.get(pk=quote.pk).state == "accepted"


@pytest.mark.parametrize(
    "posted",
    [{}, {"revision": "1"}, {"revision": "x", "total": "5000.00", "currency": "USD"},
     {"revision": "1", "total": "lots", "currency": "USD"},
     {"revision": "1", "total": "5000", "currency": "XYZ"}],
)  # fmt: skip
def test_an_accept_that_does_not_say_what_the_buyer_saw_is_refused_with_a_message(
    client_for, buyer, quote, posted
):
    response = client_for(buyer).post(f"/rfqs/{quote.rfq_id}/quotes/{quote.pk}/accept/", posted, follow=True)

    assert response.status_code == 200 and "look again" in response.content.decode()
    assert not Order.objects.exists()


# --- Capacity offers ---------------------------------------------------------------------------------------
@pytest.fixture
def sub(buyer, cluster):
    return SubcontractRequestFactory(requester=buyer, cluster=cluster, quantity=1000)


@pytest.fixture
def two_offers(sub, matching_supplier, rival_supplier):
    return (
        CapacityOfferFactory(
            request=sub, supplier=matching_supplier, quantity=600, unit_price=Decimal("4.20")
        ),
        CapacityOfferFactory(request=sub, supplier=rival_supplier, quantity=500, unit_price=Decimal("4.50")),
    )


def reoffer(offer, artisan, **terms):
    fields = {"quantity": offer.quantity, "unit_price": offer.unit_price, "lead_time_days": 40, **terms}
    return subcontracting.offer_capacity(offer.request, supplier=offer.supplier, actor=artisan, **fields)


def test_every_revision_of_an_offer_counts(artisan, two_offers):
    first, _second = two_offers

    assert reoffer(first, artisan, unit_price=Decimal("5.00")).revision == 2
    subcontracting.withdraw_offer(first, actor=artisan)
    assert reoffer(first, artisan).revision == 3


def test_allocating_an_offer_revised_after_the_requester_looked_is_refused(buyer, artisan, sub, two_offers):
    first, second = two_offers
    seen = {first.pk: first.revision, second.pk: second.revision}
    reoffer(first, artisan, unit_price=Decimal("5.00"))

    with pytest.raises(TransitionError) as refused:
        subcontracting.allocate(
            sub, actor=buyer, quantities={first.pk: 600, second.pk: 400}, seen_revisions=seen
        )

    assert refused.value.code == "offer_changed"
    assert first.supplier.name in refused.value.message and "5.00" in refused.value.message
    assert not Order.objects.exists()


def test_a_revised_offer_the_allocation_leaves_out_does_not_matter(buyer, rival_artisan, sub, two_offers):
    first, second = two_offers
    third = CapacityOfferFactory(request=sub, quantity=400, unit_price=Decimal("4.40"))
    seen = {offer.pk: offer.revision for offer in (first, second, third)}
    reoffer(second, rival_artisan, unit_price=Decimal("9.00"))

    allocation = subcontracting.allocate(
        sub, actor=buyer, quantities={first.pk: 600, third.pk: 400}, seen_revisions=seen
    )

    assert allocation.order.total == Money(Decimal("4280.00"), "USD")


def test_the_allocation_form_names_each_offers_revision(client_for, buyer, sub, two_offers):
    first, second = two_offers

    page = client_for(buyer).get(f"/subcontracting/{sub.pk}/").content.decode()

    assert (
        f'name="revision-{first.pk}" value="1"' in page and f'name="revision-{second.pk}" value="1"' in page
    )


def test_allocating_from_a_page_opened_before_a_revision_is_refused_with_a_message(
    client_for, buyer, artisan, sub, two_offers
):
    first, second = two_offers
    reoffer(first, artisan, unit_price=Decimal("5.00"))

    response = client_for(buyer).post(
        f"/subcontracting/{sub.pk}/allocate/",
        {f"offer-{first.pk}": "600", f"revision-{first.pk}": "1",
         f"offer-{second.pk}": "400", f"revision-{second.pk}": "1"},
        follow=True,
    )  # fmt: skip

    page = response.content.decode()
    assert "changed its offer after you opened" in page and "5.00" in page
    assert not Order.objects.exists()


def test_allocating_from_an_up_to_date_page_creates_the_order(client_for, buyer, sub, two_offers):
    first, second = two_offers

    response = client_for(buyer).post(
        f"/subcontracting/{sub.pk}/allocate/",
        {f"offer-{first.pk}": "600", f"revision-{first.pk}": "1",
         f"offer-{second.pk}": "400", f"revision-{second.pk}": "1"},
    )  # fmt: skip

    assert response["Location"] == f"/orders/{Order.objects.get().pk}/address/"


def test_an_allocation_without_the_revisions_seen_is_refused(client_for, buyer, sub, two_offers):
    first, second = two_offers

    response = client_for(buyer).post(
        f"/subcontracting/{sub.pk}/allocate/",
        {f"offer-{first.pk}": "600", f"offer-{second.pk}": "400", f"revision-{second.pk}": "one"},
        follow=True,
    )

    assert "look again" in response.content.decode()
    assert not Order.objects.exists()
