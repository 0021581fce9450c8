"""Issue 22: the product form says which currency the artisan types prices in (the supplier's), beside
the tiers' unit prices and the sample price, visibly and in their labels; "samples available" is a
checkbox row."""

import re

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, MembershipFactory, ProductFactory, SupplierFactory

from .test_sell import product_form

pytestmark = pytest.mark.django_db


def labels(html):
    """{input id: label text} of the page's <label for=...> elements, tags removed."""
    return {
        for_id: re.sub(r"<[^>]+>|\s+", " ", text).strip()
        for for_id, text in re.findall(r'<label[^>]*for="([^"]+)"[^>]*>(.*?)</label>', html, re.S)
    }


def suffix_after(html, input_id):
    """The currency written right after the input `input_id`, if any."""
    match = re.search(rf'id="{input_id}"[^>]*>\s*<span class="suffix" aria-hidden="true">(\w+)</span>', html)
    return match.group(1) if match else None


def test_the_new_product_form_shows_the_suppliers_currency_on_every_price(client_for, artisan, supplier):
    supplier.currency = "PKR"
    supplier.save()
    html = client_for(artisan).get(reverse("sell:product-create")).content.decode()
    found = labels(html)
    assert found["id_sample_price"] == "Sample price (PKR)"
    assert suffix_after(html, "id_sample_price") == "PKR"
    for n in range(3):
        assert found[f"id_tiers-{n}-unit_price"] == f"Tier {n + 1} unit price (PKR)"
        assert suffix_after(html, f"id_tiers-{n}-unit_price") == "PKR"
    assert "Unit price (PKR)" in html


def test_the_edit_form_shows_the_listings_supplier_currency(client_for, artisan, supplier):
    supplier.currency = "USD"
    supplier.save()
    product = ProductFactory(supplier=supplier)
    html = client_for(artisan).get(reverse("sell:product-edit", args=[product.pk])).content.decode()
    assert labels(html)["id_sample_price"] == "Sample price (USD)"
    assert suffix_after(html, "id_tiers-0-unit_price") == "USD"


def test_a_member_of_suppliers_with_two_currencies_chooses_the_supplier_by_its_currency(
    client_for, artisan, supplier
):
    supplier.currency = "PKR"
    supplier.save()
    other = SupplierFactory(name="Thar Weavers", currency="EUR")
    MembershipFactory(supplier=other, user=artisan)
    client = client_for(artisan)
    html = client.get(reverse("sell:product-create")).content.decode()
    # No currency is guessed before a supplier is chosen: the choices and a note say whose it is.
    assert "Thar Weavers (prices in EUR)" in html and f"{supplier.name} (prices in PKR)" in html
    assert "currency of the supplier you choose" in html
    assert suffix_after(html, "id_tiers-0-unit_price") is None
    # Sent back with an error, the form speaks the chosen supplier's currency.
    data = product_form(CategoryFactory(), supplier=other.pk, title="")
    html = client.post(reverse("sell:product-create"), data).content.decode()
    assert labels(html)["id_sample_price"] == "Sample price (EUR)"
    assert suffix_after(html, "id_tiers-1-unit_price") == "EUR"


def test_samples_available_is_a_checkbox_with_its_label_beside_it(client_for, artisan):
    html = client_for(artisan).get(reverse("sell:product-create")).content.decode()
    row = re.search(r'<div class="checkbox">(.*?)</div>', html, re.S).group(1)
    assert 'type="checkbox" name="sample_available"' in row
    assert re.search(r'<label for="id_sample_available">\s*Samples available', row)


def test_another_suppliers_member_does_not_see_the_form(client_for, other_artisan, supplier):
    product = ProductFactory(supplier=supplier)
    assert client_for(other_artisan).get(reverse("sell:product-edit", args=[product.pk])).status_code == 404
