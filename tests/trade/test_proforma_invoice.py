"""The proforma invoice of an accepted quote: a PDF whose text carries the quote's figures as printed, for the
RFQ's buyer and the quoting supplier only, and only once the quote is accepted."""

import pytest
from django.utils.formats import date_format

from orders.documents.listing import documents_for
from orders.models import Order
from tests.factories import BuyerCompanyFactory, BuyerFactory
from tests.orders.test_export_documents import URDU_NAME, pdf_fonts, pdf_text

from .factories import QuoteFactory
from .helpers import accept_as_seen

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(rfq, matching_supplier, artisan):
    """500 pieces at 10.00 USD, 9.50 from 400: FOB Karachi, 45 days, submitted by `artisan`."""
    return QuoteFactory(
        rfq=rfq, supplier=matching_supplier, submitted_by=artisan, tiers=[["400", "9.50"]], lead_time_days=45
    )


@pytest.fixture
def accepted(quote, buyer):
    buyer.buyer_company = BuyerCompanyFactory(name="Kontor Import GmbH")
    buyer.save()
    accept_as_seen(quote, buyer)
    quote.refresh_from_db()
    return quote


def proforma_url(quote):
    return f"/rfqs/{quote.rfq_id}/quotes/{quote.pk}/proforma.pdf"


def test_anonymous_visitors_are_sent_to_log_in(client, accepted):
    response = client.get(proforma_url(accepted))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_buyer_gets_404(client_for, accepted):
    assert client_for(BuyerFactory()).get(proforma_url(accepted)).status_code == 404


def test_a_rival_supplier_that_quoted_on_the_same_rfq_gets_404(
    client_for, accepted, rival_supplier, rival_artisan
):
    QuoteFactory(rfq=accepted.rfq, supplier=rival_supplier, submitted_by=rival_artisan, state="declined")

    assert client_for(rival_artisan).get(proforma_url(accepted)).status_code == 404


def test_a_quote_not_accepted_has_no_proforma(client_for, buyer, quote):
    assert client_for(buyer).get(proforma_url(quote)).status_code == 404


def test_the_buyer_and_the_supplier_download_it_as_a_private_attachment(client_for, buyer, artisan, accepted):
    for user in (buyer, artisan):
        response = client_for(user).get(proforma_url(accepted))

        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="PI-{accepted.pk}.pdf"'
        assert "no-store" in response["Cache-Control"]


def test_the_proforma_carries_the_quotes_figures(client_for, buyer, accepted):
    text = pdf_text(client_for(buyer).get(proforma_url(accepted)).content)
    order = Order.objects.get(source_ref=f"quote:{accepted.pk}")

    assert f"PI-{accepted.pk}" in text and "Proforma invoice" in text
    assert "Kontor Import GmbH" in text and accepted.supplier.name in text
    assert accepted.rfq.title in text
    # 500 pieces at the 400+ break: 9.50 USD each, 4,750.00 USD in all.
    assert "500 piece" in text and "9.50 USD" in text and "4,750.00 USD" in text
    assert "FOB Karachi (Incoterms® 2020)" in text
    assert "Country of origin Pakistan" in text and "Germany" in text
    assert date_format(accepted.valid_until) in text  # the site's one date format, "3 Dec 2026"
    assert "45 days" in text
    assert "escrow" in text
    assert f"Order {order.pk}" in text


def test_an_urdu_supplier_name_is_printed_in_an_arabic_script_font(client_for, buyer, accepted):
    accepted.supplier.name = URDU_NAME
    accepted.supplier.save()

    content = client_for(buyer).get(proforma_url(accepted)).content

    assert URDU_NAME in pdf_text(content)
    assert any(name.startswith("Noto-Naskh-Arabic") for name in pdf_fonts(content))


def test_the_accepted_quote_pages_link_the_proforma(client_for, buyer, artisan, accepted):
    url = proforma_url(accepted)

    assert url in client_for(buyer).get(f"/rfqs/{accepted.rfq_id}/").content.decode()
    assert url in client_for(artisan).get(f"/sell/rfqs/{accepted.rfq_id}/").content.decode()


def test_only_the_two_parties_are_offered_the_proforma(buyer, artisan, rival_artisan, quote):
    assert documents_for(quote, buyer) == []  # not accepted yet

    accept_as_seen(quote, buyer)
    quote.refresh_from_db()

    assert [link.kind for link in documents_for(quote, buyer)] == ["proforma-invoice"]
    assert [link.kind for link in documents_for(quote, artisan)] == ["proforma-invoice"]
    assert documents_for(quote, rival_artisan) == []
