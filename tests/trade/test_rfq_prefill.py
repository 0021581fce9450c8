"""Issue 22: an RFQ started from a product page is prefilled from it; the RFQ and capacity forms start in the
currency the site shows the buyer prices in (a supplier's quote in the supplier's); past dates are refused."""

from datetime import timedelta
from urllib.parse import quote as urlquote

import pytest
from django.utils import timezone

from catalog.models import Product
from orders.trade.forms import RFQForm
from orders.trade.models import RFQ, SubcontractRequest
from tests.factories import BuyerFactory, CategoryFactory, ProductFactory

from .test_rfqs import rfq_post_data

pytestmark = pytest.mark.django_db

PREFILLED = ("title", "category", "quantity", "incoterm")  # and the unit, which is "piece" by default


@pytest.fixture
def lamp(db):
    return ProductFactory(
        title="Camel-skin lamp, hand-painted, 30 cm",
        category=CategoryFactory(name="Lamps", slug="lamps"),
        moq=24,
        unit="dozen",
        incoterms=["CIF", "FOB"],
    )


def form_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


def test_the_rfq_form_from_a_product_is_prefilled_from_it_field_by_field(client_for, buyer, lamp):
    form, html = form_of(client_for(buyer), f"/rfqs/new/?product={lamp.slug}")
    assert form["title"].value() == "Camel-skin lamp, hand-painted, 30 cm"
    assert form["category"].value() == lamp.category_id
    assert form["quantity"].value() == 24  # the product's minimum order
    assert form["unit"].value() == "dozen"
    assert form["incoterm"].value() == "CIF"  # the first the product offers
    assert form["currency"].value() == "EUR"  # the buyer's, not the supplier's USD
    # As the buyer sees it: the values are in the page, the selects have them chosen.
    assert 'value="Camel-skin lamp, hand-painted, 30 cm"' in html and 'value="24"' in html
    assert f'<option value="{lamp.category_id}" selected>' in html
    assert '<option value="dozen" selected>' in html and '<option value="CIF" selected>' in html
    # What the product cannot say stays for the buyer to write.
    assert not form["description"].value() and not form["needed_by"].value()


def test_a_product_offering_no_incoterm_leaves_the_incoterm_to_choose(client_for, buyer):
    product = ProductFactory(incoterms=[])
    form, _ = form_of(client_for(buyer), f"/rfqs/new/?product={product.slug}")
    assert form["title"].value() == product.title and not form["incoterm"].value()


@pytest.mark.parametrize(
    "hide",
    [
        lambda p: Product.objects.filter(pk=p.pk).update(hidden_by_curator=True),
        lambda p: Product.objects.filter(pk=p.pk).update(status=Product.Status.DRAFT),
        lambda p: type(p.supplier).objects.filter(pk=p.supplier_id).update(is_active=False),
    ],
    ids=["hidden by a curator", "draft", "inactive supplier"],
)
def test_a_product_buyers_cannot_see_gives_a_plain_blank_form(client_for, buyer, lamp, hide):
    hide(lamp)
    form, html = form_of(client_for(buyer), f"/rfqs/new/?product={lamp.slug}")
    assert all(not form[name].value() for name in PREFILLED) and form["unit"].value() == "piece"
    assert "Camel-skin" not in html and form["currency"].value() == "EUR"


@pytest.mark.parametrize("slug", ["no-such-product", "", "two words", "x" * 300, "a%00b", "%F0%9F%8F%BA"])
def test_an_unknown_or_malformed_product_gives_a_plain_blank_form(client_for, buyer, lamp, slug):
    form, _ = form_of(client_for(buyer), f"/rfqs/new/?product={slug}")
    assert all(not form[name].value() for name in PREFILLED) and form["unit"].value() == "piece"


def test_the_buyer_can_change_every_prefilled_value(client_for, buyer, lamp):
    other = CategoryFactory(name="Ceramics", slug="ceramics")
    data = rfq_post_data(other, unit="piece", quantity="300", incoterm="FOB", currency="GBP")
    response = client_for(buyer).post(f"/rfqs/new/?product={lamp.slug}", data)
    assert response.status_code == 302
    rfq = RFQ.objects.get()
    assert (rfq.title, rfq.category, rfq.quantity, rfq.unit, rfq.incoterm, rfq.currency) == (
        "Camel-skin lamps",
        other,
        300,
        "piece",
        "FOB",
        "GBP",
    )


def test_signing_in_from_the_product_link_comes_back_to_the_prefilled_form(client, lamp):
    response = client.get(f"/rfqs/new/?product={lamp.slug}")
    assert response.status_code == 302
    assert urlquote(f"/rfqs/new/?product={lamp.slug}", safe="/") in response["Location"]


def test_the_product_page_links_to_the_rfq_form_for_that_product(client, lamp):
    html = client.get(lamp.get_absolute_url()).content.decode()
    assert f'href="/rfqs/new/?product={lamp.slug}"' in html


# --- One default currency: the one the site shows the buyer prices in -------------------------------------
@pytest.mark.parametrize(
    ("preferred", "cookie", "expected"),
    [("EUR", None, "EUR"), ("EUR", "PKR", "PKR"), ("USD", "GBP", "GBP"), ("AED", None, "AED")],
)
def test_the_rfq_and_capacity_forms_start_in_the_same_buyer_currency(
    client_for, cluster, preferred, cookie, expected
):
    client = client_for(BuyerFactory(preferred_currency=preferred))
    if cookie:
        client.cookies["currency"] = cookie
    rfq_form, _ = form_of(client, "/rfqs/new/")
    capacity_form, _ = form_of(client, f"/clusters/{cluster.slug}/subcontract/")
    assert rfq_form["currency"].value() == capacity_form["currency"].value() == expected


def test_a_currency_chosen_in_the_header_is_the_one_both_forms_start_in(client_for, buyer, cluster):
    client = client_for(buyer)
    client.get("/products/?currency=PKR")  # the header's chooser
    assert form_of(client, "/rfqs/new/")[0]["currency"].value() == "PKR"
    assert form_of(client, f"/clusters/{cluster.slug}/subcontract/")[0]["currency"].value() == "PKR"


def test_a_supplier_quote_still_starts_in_the_supplier_currency(client_for, artisan, rfq, matching_supplier):
    type(matching_supplier).objects.filter(pk=matching_supplier.pk).update(currency="PKR")
    client = client_for(artisan)
    client.cookies["currency"] = "EUR"  # what the artisan reads prices in does not make their price
    form, _ = form_of(client, f"/sell/rfqs/{rfq.pk}/")
    assert form["currency"].value() == "PKR"


# --- Dates in the past ------------------------------------------------------------------------------------
def test_a_past_needed_by_date_is_refused_plainly_keeping_what_was_typed(client_for, buyer, category):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(buyer).post("/rfqs/new/", rfq_post_data(category, needed_by=yesterday))
    html = response.content.decode()
    assert response.status_code == 400 and "The date must be today or later." in html
    assert 'value="Camel-skin lamps"' in html and f'value="{yesterday}"' in html
    assert not RFQ.objects.exists()


def test_a_long_past_needed_by_date_is_refused_even_beside_a_past_deadline(client_for, buyer, category):
    past = (timezone.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(buyer).post(
        "/rfqs/new/", rfq_post_data(category, needed_by="2025-01-01", deadline=past)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The date must be today or later." in html and "The quote deadline must be in the future." in html
    assert 'value="2025-01-01"' in html


def test_needed_by_today_is_not_a_past_date(category):
    today = timezone.localdate()
    form = RFQForm(
        rfq_post_data(category, needed_by=today.isoformat(), deadline="2000-01-01T10:00"),
    )
    assert not form.is_valid()
    assert "needed_by" not in form.errors  # only the deadline is wrong


def test_a_past_capacity_deadline_is_refused_keeping_what_was_typed(client_for, buyer, cluster):
    response = client_for(buyer).post(
        f"/clusters/{cluster.slug}/subcontract/",
        {"specification": "Cushion covers, 40 cm", "quantity": "1000", "unit": "piece", "currency": "USD",
         "deadline": "2025-01-01", "incoterm": "FCA", "incoterm_place": "Multan"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400 and "The deadline must be in the future." in html
    assert "Cushion covers, 40 cm" in html and 'value="2025-01-01"' in html
    assert not SubcontractRequest.objects.exists()


def test_prefill_from_a_product_costs_one_query(django_assert_num_queries, lamp):
    from orders.trade.rfq_prefill import initial_from_product

    with django_assert_num_queries(1):
        assert initial_from_product(lamp.slug)["quantity"] == 24
