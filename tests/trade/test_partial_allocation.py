"""Partial capacity: allocating less than the total, keeping the request open for the rest or closing it with
the shortfall recorded; never more than asked; every number on the page with its unit."""

from decimal import Decimal

import pytest

from marketplace.workflow import TransitionError, history
from orders.models import Order
from orders.trade.models import SubcontractRequest
from orders.trade.services import subcontracting as service
from tests.factories import BuyerFactory

from .factories import CapacityOfferFactory, SubcontractRequestFactory
from .helpers import allocation_form, current_revisions

pytestmark = pytest.mark.django_db

KEEP_OPEN, CLOSE = SubcontractRequest.Remainder.KEEP_OPEN, SubcontractRequest.Remainder.CLOSE


@pytest.fixture
def sub(buyer, cluster):
    return SubcontractRequestFactory(requester=buyer, cluster=cluster, quantity=2000)


@pytest.fixture
def offer(sub, matching_supplier):
    return CapacityOfferFactory(
        request=sub, supplier=matching_supplier, quantity=600, unit_price=Decimal("4.20"), lead_time_days=50
    )


def allocate(sub, actor, quantities, **kwargs):
    return service.allocate(
        sub, actor=actor, quantities=quantities, seen_revisions=current_revisions(sub), **kwargs
    )


def test_a_short_allocation_needs_a_choice_for_the_rest(buyer, sub, offer):
    with pytest.raises(TransitionError) as refused:
        allocate(sub, buyer, {offer.pk: 600})
    assert refused.value.code == "remainder_needed" and "1,400 pieces" in refused.value.message
    assert not Order.objects.exists()


def test_keeping_the_request_open_orders_what_the_offers_cover_and_leaves_it_open(buyer, sub, offer):
    allocation = allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    sub.refresh_from_db()
    assert (sub.state, sub.remainder, sub.shortfall) == ("open", "keep_open", None)
    assert allocation.order.lines.get().quantity == 600
    assert service.allocation_summary(sub)["remaining"] == 1400
    assert any("open for the rest" in change.note for change in history(sub))


def test_closing_short_orders_what_the_offers_cover_and_records_the_shortfall(buyer, sub, offer):
    allocate(sub, buyer, {offer.pk: 600}, remainder=CLOSE)
    sub.refresh_from_db()
    assert (sub.state, sub.remainder, sub.shortfall) == ("allocated", "close", 1400)
    assert Order.objects.get().lines.get().quantity == 600


def test_a_request_kept_open_takes_a_second_allocation_that_completes_it(buyer, sub, offer, rival_supplier):
    allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    rival = CapacityOfferFactory(request=sub, supplier=rival_supplier, quantity=1400)
    allocate(sub, buyer, {rival.pk: 1400}, seen_allocated=600)
    sub.refresh_from_db()
    assert (sub.state, sub.shortfall) == ("allocated", None)
    assert Order.objects.count() == 2


def test_an_offer_already_allocated_cannot_be_allocated_again(buyer, sub, offer):
    allocate(sub, buyer, {offer.pk: 400}, remainder=KEEP_OPEN)
    with pytest.raises(TransitionError) as refused:
        allocate(sub, buyer, {offer.pk: 400}, remainder=KEEP_OPEN, seen_allocated=400)
    assert refused.value.code == "invalid_allocation" and "200 pieces left" in refused.value.message
    assert Order.objects.count() == 1


def test_allocating_more_than_asked_is_still_refused(buyer, cluster, matching_supplier):
    small = SubcontractRequestFactory(requester=buyer, cluster=cluster, quantity=500)
    offer = CapacityOfferFactory(request=small, supplier=matching_supplier, quantity=600)
    with pytest.raises(TransitionError) as refused:
        allocate(small, buyer, {offer.pk: 600})
    assert refused.value.code == "invalid_allocation" and "only 500 pieces" in refused.value.message
    assert not Order.objects.exists()


def test_a_replayed_partial_allocation_returns_the_first_one(buyer, sub, offer):
    first = allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    again = allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)  # the same page, posted twice
    assert first.pk == again.pk and Order.objects.count() == 1


def test_an_allocation_from_a_page_older_than_the_last_allocation_is_refused(
    buyer, sub, offer, rival_supplier
):
    rival = CapacityOfferFactory(request=sub, supplier=rival_supplier, quantity=300)
    allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    with pytest.raises(TransitionError) as refused:
        allocate(sub, buyer, {rival.pk: 300}, remainder=KEEP_OPEN, seen_allocated=0)
    assert refused.value.code == "allocation_changed"
    assert Order.objects.count() == 1


def test_another_buyer_cannot_allocate_partially(sub, offer):
    with pytest.raises(TransitionError) as refused:
        allocate(sub, BuyerFactory(), {offer.pk: 600}, remainder=KEEP_OPEN)
    assert refused.value.code == "not_requester"
    assert not Order.objects.exists()


def test_closing_short_later_records_what_is_still_uncovered_once(buyer, sub, offer):
    allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    assert service.close_short(sub, actor=buyer).changed
    assert not service.close_short(sub, actor=buyer).changed  # idempotent
    sub.refresh_from_db()
    assert (sub.state, sub.shortfall) == ("allocated", 1400)


def test_closing_short_before_anything_is_allocated_is_refused(buyer, sub, offer):
    with pytest.raises(TransitionError) as refused:
        service.close_short(sub, actor=buyer)
    assert refused.value.code == "nothing_allocated"
    sub.refresh_from_db()
    assert sub.state == "open"


def test_another_buyer_cannot_close_a_request_short(sub, offer, buyer):
    allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    with pytest.raises(TransitionError) as refused:
        service.close_short(sub, actor=BuyerFactory())
    assert refused.value.code == "not_requester"


def test_a_partly_allocated_request_cannot_be_cancelled(buyer, sub, offer):
    allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    with pytest.raises(TransitionError) as refused:
        service.cancel_request(sub, actor=buyer)
    assert refused.value.code == "partly_allocated"


def test_page_allocates_partially_and_says_the_request_stays_open_with_units(client_for, buyer, sub, offer):
    client = client_for(buyer)
    response = client.post(
        f"/subcontracting/{sub.pk}/allocate/",
        allocation_form(sub, {offer.pk: 600}) | {"remainder": "keep_open", "seen_allocated": "0"},
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.pk}/address/"
    page = client.get(f"/subcontracting/{sub.pk}/").content.decode()
    assert "stays open for the other 1,400 pieces" in page
    assert "2,000 pieces" in page and "600 pieces" in page and "50 days" in page


def test_page_says_the_request_closed_short_after_closing(client_for, buyer, sub, offer):
    client = client_for(buyer)
    allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    response = client.post(f"/subcontracting/{sub.pk}/close/")
    assert response.status_code == 302
    page = client.get(f"/subcontracting/{sub.pk}/").content.decode()
    assert "Closed with a shortfall of 1,400 pieces" in page


def test_closing_short_is_refused_to_another_buyer_a_cluster_member_and_an_anonymous_visitor(
    client, client_for, buyer, artisan, sub, offer
):
    allocate(sub, buyer, {offer.pk: 600}, remainder=KEEP_OPEN)
    assert client.post(f"/subcontracting/{sub.pk}/close/").status_code == 302  # to the login page
    assert client_for(BuyerFactory()).post(f"/subcontracting/{sub.pk}/close/").status_code == 404
    assert client_for(artisan).post(f"/subcontracting/{sub.pk}/close/").status_code == 404
    sub.refresh_from_db()
    assert sub.state == "open"


def test_the_allocations_order_carries_the_requests_incoterm_and_named_place(buyer, sub, offer):
    SubcontractRequest.objects.filter(pk=sub.pk).update(incoterm="FCA", incoterm_place="Multan")
    order = allocate(sub, buyer, {offer.pk: 600}, remainder=CLOSE).order
    assert (order.incoterm, order.incoterm_place, order.shipping_address) == ("FCA", "Multan", "")
