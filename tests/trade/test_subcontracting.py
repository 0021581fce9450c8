"""Subcontracting: asking a cluster, offering part capacity, allocating exactly, one order per allocation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.workflow import TransitionError
from orders.models import Order
from orders.trade.models import CapacityOffer, SubcontractRequest
from orders.trade.services import subcontracting as service
from tests.factories import BuyerFactory, CertificationFactory, CertificationTypeFactory

from .factories import CapacityOfferFactory, SubcontractRequestFactory
from .helpers import allocate_as_seen, allocation_form

pytestmark = pytest.mark.django_db


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


def test_buyer_asks_a_cluster_from_its_subcontract_page(client_for, buyer, cluster, matching_supplier):
    response = client_for(buyer).post(
        f"/clusters/{cluster.slug}/subcontract/",
        {"specification": "Cushion covers", "quantity": "1000", "unit": "piece", "currency": "USD",
         "deadline": (timezone.localdate() + timedelta(days=60)).isoformat(), "incoterm": "FCA",
         "incoterm_place": "Multan"},
    )  # fmt: skip
    sub = SubcontractRequest.objects.get()
    assert (sub.incoterm, sub.incoterm_place) == ("FCA", "Multan")
    assert response.status_code == 302 and response["Location"] == f"/subcontracting/{sub.pk}/"
    assert (sub.cluster, sub.requester, sub.state) == (cluster, buyer, "open")


def test_cluster_member_offers_capacity_through_the_page(client_for, artisan, sub, matching_supplier):
    response = client_for(artisan).post(
        f"/subcontracting/{sub.pk}/", {"quantity": "400", "unit_price": "4.10", "lead_time_days": "30"}
    )
    assert response.status_code == 302
    assert CapacityOffer.objects.get().supplier == matching_supplier


def test_non_member_of_the_cluster_cannot_see_or_offer(client_for, other_artisan, sub):
    client = client_for(other_artisan)
    assert client.get(f"/subcontracting/{sub.pk}/").status_code == 404
    assert (
        client.post(
            f"/subcontracting/{sub.pk}/", {"quantity": "10", "unit_price": "1", "lead_time_days": "3"}
        ).status_code
        == 404
    )
    assert not CapacityOffer.objects.exists()


def test_offer_service_refuses_a_supplier_outside_the_cluster(sub, other_artisan):
    supplier = other_artisan.memberships.get().supplier
    with pytest.raises(TransitionError) as exc:
        service.offer_capacity(
            sub, supplier=supplier, actor=other_artisan, quantity=5, unit_price=Decimal("1"), lead_time_days=3
        )
    assert exc.value.code == "not_in_cluster"


def test_offer_needs_the_required_valid_certification(sub, artisan, matching_supplier):
    fair_trade = CertificationTypeFactory(name="Fair Trade")
    sub.certifications_required.add(fair_trade)
    with pytest.raises(TransitionError) as exc:
        service.offer_capacity(
            sub,
            supplier=matching_supplier,
            actor=artisan,
            quantity=5,
            unit_price=Decimal("1"),
            lead_time_days=3,
        )
    assert exc.value.code == "certification"
    CertificationFactory(supplier=matching_supplier, type=fair_trade)
    offer = service.offer_capacity(
        sub, supplier=matching_supplier, actor=artisan, quantity=5, unit_price=Decimal("1"), lead_time_days=3
    )
    assert offer.quantity == 5


def test_allocation_creates_one_order_with_a_fulfilment_per_supplier(client_for, buyer, sub, two_offers):
    first, second = two_offers
    response = client_for(buyer).post(
        f"/subcontracting/{sub.pk}/allocate/", allocation_form(sub, {first.pk: 600, second.pk: 400})
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.pk}/address/"
    parts = {
        f.supplier_id: [(line.quantity, line.unit_price) for line in f.lines.all()]
        for f in order.fulfilments.all()
    }
    assert parts == {
        first.supplier_id: [(600, Decimal("4.20"))],
        second.supplier_id: [(400, Decimal("4.50"))],
    }
    assert (order.source, order.state) == ("subcontract", "awaiting_payment")
    sub.refresh_from_db()
    assert sub.state == "allocated"


def test_allocation_short_of_the_total_without_saying_what_happens_to_the_rest_is_refused(
    client_for, buyer, sub, two_offers
):
    first, second = two_offers
    response = client_for(buyer).post(
        f"/subcontracting/{sub.pk}/allocate/",
        allocation_form(sub, {first.pk: 500, second.pk: 400}),
        follow=True,
    )
    assert "choose whether the request stays open for the other 100 pieces" in response.content.decode()
    assert not Order.objects.exists()


def test_allocation_exceeding_an_offer_is_refused(buyer, sub, two_offers):
    first, second = two_offers
    with pytest.raises(TransitionError) as exc:
        allocate_as_seen(sub, buyer, {first.pk: 700, second.pk: 300})
    assert exc.value.code == "invalid_allocation" and "600 pieces" in exc.value.message


def test_only_the_requester_or_a_curator_allocates(client_for, artisan, sub, two_offers):
    first, second = two_offers
    other_buyer = client_for(BuyerFactory())
    assert (
        other_buyer.post(f"/subcontracting/{sub.pk}/allocate/", {f"offer-{first.pk}": "600"}).status_code
        == 404
    )
    # A cluster member can see the request but not allocate it.
    assert (
        client_for(artisan)
        .post(f"/subcontracting/{sub.pk}/allocate/", {f"offer-{first.pk}": "600"})
        .status_code
        == 404
    )
    assert not Order.objects.exists()


def test_curator_allocates_for_a_buyer(curator, sub, two_offers):
    first, second = two_offers
    allocation = allocate_as_seen(sub, curator, {first.pk: 500, second.pk: 500})
    assert allocation.order.buyer == sub.requester


def test_second_allocation_returns_the_first(buyer, sub, two_offers):
    first, second = two_offers
    one = allocate_as_seen(sub, buyer, {first.pk: 600, second.pk: 400})
    two = allocate_as_seen(sub, buyer, {first.pk: 500, second.pk: 500})
    assert one.pk == two.pk and Order.objects.count() == 1


def test_withdrawn_offer_cannot_be_allocated(buyer, artisan, sub, two_offers):
    first, second = two_offers
    service.withdraw_offer(first, actor=artisan)
    with pytest.raises(TransitionError):
        allocate_as_seen(sub, buyer, {first.pk: 600, second.pk: 400})


def test_supplier_cannot_offer_on_its_own_request(artisan, cluster, matching_supplier):
    own = service.request_capacity(
        cluster=cluster, requester=artisan, requesting_supplier=matching_supplier, specification="x",
        quantity=10, unit="piece", currency="USD", deadline=timezone.localdate() + timedelta(days=5),
    )  # fmt: skip
    with pytest.raises(TransitionError) as exc:
        service.offer_capacity(
            own,
            supplier=matching_supplier,
            actor=artisan,
            quantity=5,
            unit_price=Decimal("1"),
            lead_time_days=3,
        )
    assert exc.value.code == "own_request"


def test_supplier_feed_lists_requests_to_its_clusters(client_for, artisan, sub, matching_supplier):
    other = SubcontractRequestFactory()
    page = client_for(artisan).get("/sell/subcontracting/").content.decode()
    assert f"/subcontracting/{sub.pk}/" in page and f"/subcontracting/{other.pk}/" not in page


def test_pages_render_for_their_users(client_for, buyer, artisan, sub, two_offers, cluster):
    first, _second = two_offers
    requester_page = client_for(buyer).get(f"/subcontracting/{sub.pk}/").content.decode()
    assert f'name="offer-{first.pk}"' in requester_page and "Allocate up to 1,000 pieces" in requester_page
    assert client_for(buyer).get(f"/clusters/{cluster.slug}/subcontract/").status_code == 200
    assert sub.specification[:20] in client_for(buyer).get("/subcontracting/").content.decode()
    offer_page = client_for(artisan).get(f"/subcontracting/{sub.pk}/").content.decode()
    assert "Update offer" in offer_page and f'name="offer-{first.pk}"' not in offer_page


def test_anonymous_visitor_is_sent_to_login_from_the_cluster_subcontract_link(client, cluster):
    response = client.get(f"/clusters/{cluster.slug}/subcontract/")
    assert response.status_code == 302 and "next=/clusters/" in response["Location"]


def test_unknown_cluster_is_404(client_for, buyer):
    assert client_for(buyer).get("/clusters/nowhere/subcontract/").status_code == 404
