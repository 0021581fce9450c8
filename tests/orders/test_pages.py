"""Pages through HTTP: who may see and do what (refusals first), and pinned query counts."""

from decimal import Decimal

import pytest

from orders.checkout.ordering import LineSpec, create_order
from orders.lifecycle import accept_fulfilment
from orders.models import Order
from tests.factories import MembershipFactory, SupplierFactory

from .conftest import make_order
from .helpers import paid

pytestmark = pytest.mark.django_db


def test_another_buyer_cannot_see_an_order(client_for, order):
    other = MembershipFactory().user

    assert client_for(other).get(f"/orders/{order.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, order):
    response = client.get(f"/orders/{order.pk}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_buyer_sees_their_order_and_its_total(client_for, buyer, order):
    page = client_for(buyer).get(f"/orders/{order.pk}/").content.decode()

    assert "125.00 USD" in page


def test_the_supplier_sees_the_order_it_fulfils(client_for, artisan, order):
    assert client_for(artisan).get(f"/orders/{order.pk}/").status_code == 200


def _two_supplier_order(buyer, supplier, other_supplier):
    return create_order(
        buyer=buyer,
        currency="USD",
        lines=[
            LineSpec(supplier, "Blue pottery vase", 10, "pcs", Decimal("12.50")),
            LineSpec(other_supplier, "Onyx candle holder", 20, "pcs", Decimal("7.25")),
        ],
        source="direct",
    )


def test_a_supplier_sees_only_its_own_lines_and_part_of_a_shared_order(client_for, buyer, supplier, artisan):
    order = _two_supplier_order(buyer, supplier, SupplierFactory(name="Onyx Works"))

    page = client_for(artisan).get(f"/orders/{order.pk}/").content.decode()

    assert "Blue pottery vase" in page and "125.00 USD" in page
    assert "Onyx candle holder" not in page and "Onyx Works" not in page
    assert "7.25" not in page and "270.00 USD" not in page


def test_the_buyer_sees_every_supplier_of_a_shared_order_and_its_total(client_for, buyer, supplier):
    order = _two_supplier_order(buyer, supplier, SupplierFactory(name="Onyx Works"))

    page = client_for(buyer).get(f"/orders/{order.pk}/").content.decode()

    assert "Onyx candle holder" in page and "Onyx Works" in page and "270.00 USD" in page


def test_another_buyer_cannot_pay_confirm_cancel_or_dispute(client_for, order):
    client = client_for(MembershipFactory().user)

    for action in ("pay", "confirm", "cancel", "dispute"):
        assert client.post(f"/orders/{order.pk}/{action}/").status_code == 404
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT


def test_the_supplier_cannot_confirm_delivery_for_the_buyer(client_for, artisan, order):
    assert client_for(artisan).post(f"/orders/{order.pk}/confirm/").status_code == 404


def test_another_supplier_cannot_accept_or_ship(client_for, other_artisan, order):
    paid(order)
    fulfilment = order.fulfilments.get()
    client = client_for(other_artisan)

    assert client.post(f"/sell/orders/{fulfilment.pk}/accept/").status_code == 404
    assert (
        client.post(
            f"/sell/orders/{fulfilment.pk}/ship/", {"carrier": "x", "tracking_number": "y"}
        ).status_code
        == 404
    )
    fulfilment.refresh_from_db()
    assert fulfilment.state == "pending"


def test_the_supplier_accepts_and_ships_through_its_pages(client_for, artisan, order):
    paid(order)
    fulfilment = order.fulfilments.get()
    client = client_for(artisan)

    client.post(f"/sell/orders/{fulfilment.pk}/accept/")
    client.post(
        f"/sell/orders/{fulfilment.pk}/ship/",
        {
            "carrier": "DHL",
            "tracking_number": "JD1",
            "package_count": "1",
            "package_type": "carton",
            "gross_weight_kg": "6.2",
            "net_weight_kg": "5",
        },
    )

    order.refresh_from_db()
    assert order.state == Order.State.SHIPPED


def test_shipping_without_tracking_keeps_the_form_with_an_error(client_for, artisan, order):
    paid(order)
    fulfilment = order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)

    response = client_for(artisan).post(f"/sell/orders/{fulfilment.pk}/ship/", {"carrier": "DHL"})

    assert response.status_code == 200
    assert 'value="DHL"' in response.content.decode()


def test_the_unpaid_order_shows_on_the_sellers_list_as_awaiting_payment(client_for, artisan, order):
    # Issue 22: from the moment it exists (an accepted quote's order was invisible until paid).
    page = client_for(artisan).get("/sell/orders/").content.decode()
    assert f"Order {order.pk}" in page and "Awaiting payment" in page


def test_a_buyer_without_a_business_gets_404_on_seller_pages(client_for, buyer):
    assert client_for(buyer).get("/sell/orders/").status_code == 404
    assert client_for(buyer).get("/sell/balance/").status_code == 404


def test_the_balance_page_shows_held_money(client_for, artisan, order):
    paid(order)

    page = client_for(artisan).get("/sell/balance/").content.decode()

    assert "125.00 USD" in page


def test_a_dispute_needs_a_reason(client_for, buyer, order):
    paid(order)

    response = client_for(buyer).post(f"/orders/{order.pk}/dispute/", {"reason": ""})

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.state == Order.State.PAID


def test_the_buyer_opens_a_dispute_with_a_photo(client_for, buyer, order):
    from tests.factories import image_upload

    paid(order)

    client_for(buyer).post(f"/orders/{order.pk}/dispute/", {"reason": "Broken", "photos": [image_upload()]})

    order.refresh_from_db()
    assert order.state == Order.State.DISPUTED
    assert order.disputes.get().photos.count() == 1


@pytest.mark.parametrize("count", [2, 10])
def test_the_order_list_query_count_does_not_grow(
    client_for, buyer, supplier, product, count, django_assert_num_queries
):
    for _ in range(count):
        make_order(buyer, supplier, product)
    client = client_for(buyer)
    client.get("/orders/")  # warm the session and content-type caches

    # 7: the header's waiting counts (orders.trade.services.workbench) are one query on every signed-in page.
    with django_assert_num_queries(7):
        client.get("/orders/")


@pytest.mark.parametrize("count", [2, 10])
def test_the_sellers_list_query_count_does_not_grow(
    client_for, artisan, buyer, supplier, product, count, django_assert_num_queries
):
    for n in range(count):
        paid(make_order(buyer, supplier, product), intent_id=f"pi_{n}")
    client = client_for(artisan)
    client.get("/sell/orders/")

    # 9: the header's waiting counts, the page's count of orders (it is paginated since issue 22), and the
    # currencies lenders lend in (issue 20; none here, so no escrow or advance query follows).
    with django_assert_num_queries(9):
        client.get("/sell/orders/")


def test_money_on_the_order_page_is_exact(client_for, buyer, supplier, product):
    order = make_order(buyer, supplier, product, quantity=3, unit_price="0.3333")

    page = client_for(buyer).get(f"/orders/{order.pk}/").content.decode()

    assert str(order.total) == "1.00 USD"
    assert order.total.amount == Decimal("1.00")
    assert "1.00 USD" in page
