"""A buyer's orders through the API: only their own, with status, lines, money and each supplier's
shipment."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.checkout.ordering import LineSpec, create_order
from orders.lifecycle import accept_fulfilment, ship_fulfilment
from tests.factories import MembershipFactory, ProductFactory, SupplierFactory
from tests.orders.helpers import paid


@pytest.fixture
def order(buyer, supplier):
    """10 lamps at 12.50 USD from `supplier` and 3 rugs at 33.3333 from another: 125.00 + 100.00 = 225.00."""
    other = SupplierFactory(name="Chitral Weavers")
    MembershipFactory(supplier=other)
    lamp = ProductFactory(supplier=supplier, title="Camel-skin lamp")
    return create_order(
        buyer=buyer,
        currency="USD",
        lines=[
            LineSpec(supplier, "Camel-skin lamp", 10, "piece", Decimal("12.50"), product=lamp),
            LineSpec(other, "Woollen rug", 3, "piece", Decimal("33.3333")),
        ],
        source="direct",
    )


def detail(client, order):
    return client.get(reverse("api:trade-order-detail", args=[order.pk]))


def test_an_order_shows_its_status_with_code_and_label(trade_client_for, buyer, order):
    body = detail(trade_client_for(buyer), order).json()

    assert body["status"] == {"code": "awaiting_payment", "label": "Awaiting payment"}
    assert body["source"] == {"code": "direct", "label": "Direct purchase"}


def test_an_orders_money_is_strings_with_its_currency(trade_client_for, buyer, supplier, order):
    body = detail(trade_client_for(buyer), order).json()

    # 10 × 12.50 = 125.00; 3 × 33.3333 = 99.9999; the order charges 224.9999 rounded: 225.00. Each amount
    # is shown to the cent, as the order page shows it.
    assert body["total"] == {"amount": "225.00", "currency": "USD"}
    lines = {line["description"]: line for line in body["lines"]}
    assert lines["Camel-skin lamp"]["unit_price"] == {"amount": "12.50", "currency": "USD"}
    assert lines["Woollen rug"]["unit_price"] == {"amount": "33.33", "currency": "USD"}
    assert lines["Woollen rug"]["amount"] == {"amount": "100.00", "currency": "USD"}
    totals = {shipment["supplier"]["name"]: shipment["total"]["amount"] for shipment in body["shipments"]}
    assert totals == {supplier.name: "125.00",
                      "Chitral Weavers": "100.00"}  # fmt: skip


def test_a_shipped_part_shows_its_carrier_tracking_and_date(
    trade_client_for, buyer, supplier, artisan, order
):
    paid(order)
    part = order.fulfilments.get(supplier=supplier)
    accept_fulfilment(part, artisan)
    ship_fulfilment(part, artisan, carrier="TCS", tracking_number="TCS-123")

    body = detail(trade_client_for(buyer), order).json()

    shipment = next(s for s in body["shipments"] if s["supplier"]["id"] == supplier.pk)
    assert shipment["state"] == {"code": "shipped", "label": "Shipped"}
    assert (shipment["carrier"], shipment["tracking_number"]) == ("TCS", "TCS-123")
    assert shipment["shipped_at"] is not None
    assert shipment["delivered_at"] is None


def test_the_list_holds_the_buyers_own_orders_newest_first(
    trade_client_for, buyer, other_buyer, supplier, order
):
    newer = create_order(buyer=buyer, currency="USD", source="direct",
                         lines=[LineSpec(supplier, "Tray", 1, "piece", Decimal("5.00"))])  # fmt: skip
    create_order(buyer=other_buyer, currency="USD", source="direct",
                 lines=[LineSpec(supplier, "Tray", 1, "piece", Decimal("5.00"))])  # fmt: skip

    rows = trade_client_for(buyer).get(reverse("api:trade-order-list")).json()["results"]

    assert [row["id"] for row in rows] == [newer.pk, order.pk]
    assert rows[1]["total"] == {"amount": "225.00", "currency": "USD"}
    assert {s["name"] for s in rows[1]["suppliers"]} >= {"Chitral Weavers"}


def test_another_buyers_order_is_not_found(trade_client_for, other_buyer, order):
    response = detail(trade_client_for(other_buyer), order)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_supplier_of_the_order_cannot_open_it_as_its_buyer(trade_client_for, artisan, order):
    assert detail(trade_client_for(artisan), order).status_code == 404
    assert trade_client_for(artisan).get(reverse("api:trade-order-list")).json()["results"] == []


def test_anonymous_cannot_see_orders(anonymous, order):
    assert detail(anonymous, order).status_code == 401
    assert anonymous.get(reverse("api:trade-order-list")).status_code == 401


@pytest.fixture
def shipped(order, supplier, artisan):
    """The lamps' part paid, accepted and shipped: its commercial invoice and packing list exist."""
    paid(order)
    part = order.fulfilments.get(supplier=supplier)
    accept_fulfilment(part, artisan)
    ship_fulfilment(part, artisan, carrier="TCS", tracking_number="TCS-123")
    return part


def test_an_order_lists_the_documents_of_its_shipped_parts(trade_client_for, buyer, order, shipped):
    documents = detail(trade_client_for(buyer), order).json()["documents"]

    assert [(d["kind"], d["shipment"]) for d in documents] == [
        ("commercial-invoice", shipped.pk),
        ("packing-list", shipped.pk),
    ]
    assert documents[0]["download"].startswith("http")


def test_an_order_shipped_by_nobody_yet_has_no_documents(trade_client_for, buyer, order):
    assert detail(trade_client_for(buyer), order).json()["documents"] == []


def test_a_listed_document_downloads_as_a_pdf_with_the_token(trade_client_for, buyer, order, shipped):
    client = trade_client_for(buyer)
    document = detail(client, order).json()["documents"][0]

    response = client.get(document["download"], HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def document_url(order, part, kind="packing-list"):
    return reverse("api:trade-order-document", args=[order.pk, kind, part.pk])


@pytest.mark.parametrize("who", ["other_buyer", "artisan"])
def test_a_document_is_not_found_for_anyone_but_the_orders_buyer(
    trade_client_for, request, order, shipped, who
):
    response = trade_client_for(request.getfixturevalue(who)).get(
        document_url(order, shipped), HTTP_ACCEPT="application/pdf"
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_document_of_a_part_not_shipped_is_not_found(trade_client_for, buyer, order, supplier):
    unshipped = order.fulfilments.exclude(supplier=supplier).get()

    assert trade_client_for(buyer).get(document_url(order, unshipped)).status_code == 404


def test_an_unknown_document_kind_is_not_found(trade_client_for, buyer, order, shipped):
    assert trade_client_for(buyer).get(document_url(order, shipped, kind="bill-of-lading")).status_code == 404


def test_anonymous_cannot_download_a_document(anonymous, order, shipped):
    assert anonymous.get(document_url(order, shipped)).status_code == 401
