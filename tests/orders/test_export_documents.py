"""Export documents of a shipped order: the commercial invoice and the packing list of each supplier's part,
as PDFs whose text (extracted with pypdf) carries the order's figures as they are printed; who may download
them (refusals first); the ship page that asks for what the packing list declares."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from orders.checkout.ordering import LineSpec, create_order
from orders.documents.listing import documents_for
from orders.documents.rendering import offline_fetcher
from orders.lifecycle import ShippingDetails, accept_fulfilment, ship_fulfilment
from orders.models import Fulfilment
from tests.factories import (
    BuyerCompanyFactory,
    BuyerFactory,
    MembershipFactory,
    ProductFactory,
    SupplierFactory,
)

from .helpers import paid

pytestmark = pytest.mark.django_db

URDU_NAME = "ملتان بلیو پوٹری"


def pdf_text(content: bytes) -> str:
    """The PDF's text, every run of whitespace folded to one space (lines may wrap anywhere)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_fonts(content: bytes) -> set[str]:
    """The base names of the fonts embedded in the PDF's pages ("ABCDEF+Noto-Sans" → "Noto-Sans")."""
    reader = PdfReader(io.BytesIO(content))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def document_url(order, kind, fulfilment):
    return f"/orders/{order.pk}/documents/{kind}/{fulfilment.pk}.pdf"


SHIPPING = {
    "carrier": "TCS Logistics",
    "tracking_number": "TCS-778812",
    "package_count": "12",
    "package_type": "carton",
    "gross_weight_kg": "250.5",
    "net_weight_kg": "231.250",
    "dimensions": "60 × 40 × 40 cm",
    "shipping_marks": "KONTOR HAMBURG 1-12",
}


def ship_through_page(client, fulfilment, **fields):
    return client.post(f"/sell/orders/{fulfilment.pk}/ship/", {**SHIPPING, **fields})


@pytest.fixture
def importer():
    return BuyerFactory(full_name="Anna Weber", buyer_company=BuyerCompanyFactory(name="Kontor Import GmbH"))


@pytest.fixture
def export_order(importer, supplier):
    """1,200 vases at 10.80 USD and 40 planters at 7.125 USD from `supplier`, FOB Karachi to Hamburg, paid."""
    vase = ProductFactory(supplier=supplier, title="Blue pottery vase", hs_code="691390")
    planter = ProductFactory(supplier=supplier, title="Blue pottery planter", hs_code="69120010")
    order = create_order(
        buyer=importer,
        currency="USD",
        lines=[
            LineSpec(supplier, "Blue pottery vase", 1200, "pcs", Decimal("10.80"), product=vase),
            LineSpec(supplier, "Blue pottery planter", 40, "pcs", Decimal("7.125"), product=planter),
        ],
        source="direct",
        incoterm="FOB",
        incoterm_place="Karachi Port",
        destination_country="DE",
        shipping_name="Kontor Import GmbH",
        shipping_address="Speicherstadt 4\n20457 Hamburg",
        shipping_country="DE",
    )
    paid(order)
    return order


@pytest.fixture
def shipped(export_order, artisan):
    """`export_order`, its one part accepted and shipped through the ship page with SHIPPING (in a client of
    its own: the test's `client` stays anonymous)."""
    fulfilment = export_order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    client = Client()
    client.force_login(artisan)
    response = ship_through_page(client, fulfilment)
    assert response.status_code == 302, response.content.decode()
    fulfilment.refresh_from_db()
    return fulfilment


def download(client, order, kind, fulfilment):
    response = client.get(document_url(order, kind, fulfilment))
    assert response.status_code == 200
    return response


# --- Who may download -------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, export_order, shipped):
    response = client.get(document_url(export_order, "commercial-invoice", shipped))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_buyer_gets_404(client_for, export_order, shipped):
    client = client_for(BuyerFactory())

    for kind in ("commercial-invoice", "packing-list"):
        assert client.get(document_url(export_order, kind, shipped)).status_code == 404


def test_another_suppliers_member_gets_404(client_for, other_artisan, export_order, shipped):
    assert (
        client_for(other_artisan).get(document_url(export_order, "packing-list", shipped)).status_code == 404
    )


def test_operators_get_404_the_documents_are_for_the_two_parties(client_for, operator, export_order, shipped):
    assert (
        client_for(operator).get(document_url(export_order, "commercial-invoice", shipped)).status_code == 404
    )


def two_supplier_order(buyer, supplier, other_supplier):
    order = create_order(
        buyer=buyer,
        currency="USD",
        lines=[
            LineSpec(supplier, "Blue pottery vase", 10, "pcs", Decimal("12.50"), product=ProductFactory()),
            LineSpec(
                other_supplier, "Onyx candle holder", 20, "pcs", Decimal("7.25"), product=ProductFactory()
            ),
        ],
        source="direct",
    )
    paid(order)
    return order


def ship_with_details(fulfilment, actor):
    accept_fulfilment(fulfilment, actor)
    details = ShippingDetails(
        package_count=1, package_type="carton", gross_weight_kg=Decimal("5"), net_weight_kg=Decimal("4")
    )
    ship_fulfilment(fulfilment, actor, carrier="DHL", tracking_number="JD1", details=details)


def test_a_member_of_another_part_of_the_same_order_gets_404(client_for, buyer, supplier, artisan):
    onyx = SupplierFactory(name="Onyx Works")
    onyx_member = MembershipFactory(supplier=onyx).user
    order = two_supplier_order(buyer, supplier, onyx)
    ours = order.fulfilments.get(supplier=supplier)
    ship_with_details(ours, artisan)

    client = client_for(onyx_member)

    assert client.get(document_url(order, "commercial-invoice", ours)).status_code == 404
    assert client.get(document_url(order, "packing-list", ours)).status_code == 404


def test_a_part_not_shipped_yet_has_no_documents(client_for, importer, export_order):
    fulfilment = export_order.fulfilments.get()

    response = client_for(importer).get(document_url(export_order, "commercial-invoice", fulfilment))

    assert response.status_code == 404


def test_a_part_is_not_reached_through_another_order(client_for, importer, artisan, export_order, shipped):
    other = create_order(
        buyer=importer,
        currency="USD",
        lines=[LineSpec(shipped.supplier, "Vase", 1, "pcs", Decimal("1"))],
        source="direct",
    )

    assert client_for(importer).get(document_url(other, "commercial-invoice", shipped)).status_code == 404


def test_an_unknown_kind_of_document_is_404(client_for, importer, export_order, shipped):
    assert client_for(importer).get(document_url(export_order, "bill-of-lading", shipped)).status_code == 404


def test_the_buyer_and_the_supplier_download_a_private_attachment(
    client_for, importer, artisan, export_order, shipped
):
    for user in (importer, artisan):
        response = download(client_for(user), export_order, "commercial-invoice", shipped)

        assert response["Content-Type"] == "application/pdf"
        assert (
            response["Content-Disposition"] == f'attachment; filename="CI-{export_order.pk}-{shipped.pk}.pdf"'
        )
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert response.content.startswith(b"%PDF-")


# --- What the documents say -------------------------------------------------------------------------------


def test_the_commercial_invoice_carries_the_orders_figures(client_for, importer, export_order, shipped):
    text = pdf_text(download(client_for(importer), export_order, "commercial-invoice", shipped).content)

    assert f"CI-{export_order.pk}-{shipped.pk}" in text
    assert "Commercial invoice" in text
    assert "Kontor Import GmbH" in text and "Anna Weber" in text
    assert shipped.supplier.name in text
    assert "691390" in text and "69120010" in text
    assert "1,200 pcs" in text and "40 pcs" in text
    # 1,200 × 10.80 = 12,960.00; 40 × 7.125 = 285.00; together 13,245.00.
    assert "10.80 USD" in text and "12,960.00 USD" in text
    assert "7.125 USD" in text and "285.00 USD" in text
    assert "13,245.00 USD" in text
    assert "FOB Karachi Port (Incoterms® 2020)" in text
    assert "Country of origin Pakistan" in text
    assert "Germany" in text


def test_the_packing_list_carries_packages_and_weights_as_entered(client_for, artisan, export_order, shipped):
    text = pdf_text(download(client_for(artisan), export_order, "packing-list", shipped).content)

    assert f"PL-{export_order.pk}-{shipped.pk}" in text
    assert "12 Cartons" in text
    assert "250.5 kg" in text and "231.25 kg" in text
    assert "60 × 40 × 40 cm" in text and "KONTOR HAMBURG 1-12" in text
    assert "1,200 pcs" in text and "691390" in text
    assert "TCS-778812" in text
    assert "Kontor Import GmbH" in text and shipped.supplier.name in text


def test_the_packing_list_shows_no_prices(client_for, artisan, export_order, shipped):
    text = pdf_text(download(client_for(artisan), export_order, "packing-list", shipped).content)

    assert "10.80" not in text and "13,245.00" not in text


def test_an_urdu_supplier_name_is_printed_in_an_arabic_script_font(
    client_for, importer, export_order, shipped
):
    shipped.supplier.name = URDU_NAME
    shipped.supplier.save()

    content = download(client_for(importer), export_order, "commercial-invoice", shipped).content

    assert URDU_NAME in pdf_text(content)
    assert any(name.startswith("Noto-Naskh-Arabic") for name in pdf_fonts(content))


def test_a_part_shipped_before_the_packing_list_existed_says_so(client_for, importer, artisan, export_order):
    fulfilment = export_order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    ship_fulfilment(fulfilment, artisan, carrier="DHL", tracking_number="JD1")

    text = pdf_text(download(client_for(importer), export_order, "packing-list", fulfilment).content)

    assert "Not declared" in text


def test_a_lines_hs_code_given_at_shipping_is_on_the_invoice(client_for, buyer, supplier, artisan):
    # An order from a quote has no catalog product, so no HS code until the supplier gives one.
    order = create_order(
        buyer=buyer,
        currency="USD",
        lines=[LineSpec(supplier, "Embroidered cushion covers", 500, "piece", Decimal("4.20"))],
        source="quote",
        source_ref="quote:990",
    )
    paid(order)
    fulfilment = order.fulfilments.get()
    line = fulfilment.lines.get()
    accept_fulfilment(fulfilment, artisan)
    client = client_for(artisan)

    assert ship_through_page(client, fulfilment).status_code == 200  # the HS code is asked for
    assert ship_through_page(client, fulfilment, **{f"hs_code_{line.pk}": "630492"}).status_code == 302

    text = pdf_text(download(client, order, "commercial-invoice", fulfilment).content)
    assert "630492" in text and "2,100.00 USD" in text


def test_the_fetcher_refuses_network_and_file_urls():
    fetcher = offline_fetcher()

    for url in ("http://127.0.0.1:9/logo.png", "https://example.com/font.woff", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


# --- Where the links are ----------------------------------------------------------------------------------


def test_the_order_page_links_the_documents_once_shipped(client_for, importer, export_order, artisan):
    fulfilment = export_order.fulfilments.get()
    url = document_url(export_order, "packing-list", fulfilment)
    assert url not in client_for(importer).get(f"/orders/{export_order.pk}/").content.decode()

    ship_with_details(fulfilment, artisan)

    assert url in client_for(importer).get(f"/orders/{export_order.pk}/").content.decode()
    assert url in client_for(artisan).get(f"/orders/{export_order.pk}/").content.decode()


def test_a_supplier_is_offered_only_its_own_parts_documents(buyer, supplier, artisan):
    onyx = SupplierFactory(name="Onyx Works")
    onyx_member = MembershipFactory(supplier=onyx).user
    order = two_supplier_order(buyer, supplier, onyx)
    ship_with_details(order.fulfilments.get(supplier=supplier), artisan)
    ship_with_details(order.fulfilments.get(supplier=onyx), onyx_member)

    assert len(documents_for(order, buyer)) == 4
    assert {link.kind for link in documents_for(order, artisan)} == {"commercial-invoice", "packing-list"}
    assert all("Onyx Works" not in link.title for link in documents_for(order, artisan))
    assert all("Onyx Works" in link.title for link in documents_for(order, onyx_member))


def test_strangers_are_offered_no_documents(export_order, shipped, other_artisan):
    from django.contrib.auth.models import AnonymousUser

    assert documents_for(export_order, AnonymousUser()) == []
    assert documents_for(export_order, other_artisan) == []


# --- The ship page ----------------------------------------------------------------------------------------


def test_shipping_without_weights_keeps_what_was_typed(client_for, artisan, export_order):
    fulfilment = export_order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)

    response = ship_through_page(client_for(artisan), fulfilment, gross_weight_kg="", net_weight_kg="")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="TCS-778812"' in page and 'value="12"' in page
    fulfilment.refresh_from_db()
    assert fulfilment.state == Fulfilment.State.ACCEPTED


def test_a_net_weight_above_the_gross_is_refused_beside_the_field(client_for, artisan, export_order):
    fulfilment = export_order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)

    response = ship_through_page(client_for(artisan), fulfilment, gross_weight_kg="10", net_weight_kg="12")

    assert "The net weight cannot be more than the gross weight." in response.content.decode()
    fulfilment.refresh_from_db()
    assert fulfilment.state == Fulfilment.State.ACCEPTED


@pytest.mark.parametrize("weight", ["0", "-1", "NaN", "1000000", "1.0001"])
def test_a_weight_out_of_bounds_is_a_form_error(client_for, artisan, export_order, weight):
    fulfilment = export_order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)

    response = ship_through_page(client_for(artisan), fulfilment, gross_weight_kg=weight)

    assert response.status_code == 200
    fulfilment.refresh_from_db()
    assert fulfilment.state == Fulfilment.State.ACCEPTED


def test_the_service_refuses_a_net_weight_above_the_gross(artisan, export_order):
    from marketplace.workflow import TransitionError

    fulfilment = export_order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    details = ShippingDetails(
        package_count=1, package_type="carton", gross_weight_kg=Decimal("4"), net_weight_kg=Decimal("5")
    )

    with pytest.raises(TransitionError) as refused:
        ship_fulfilment(fulfilment, artisan, carrier="DHL", tracking_number="JD1", details=details)

    assert refused.value.code == "shipping_details"
