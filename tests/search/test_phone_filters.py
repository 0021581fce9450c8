"""/search/ on a phone (issue 22): the filters fold behind one "Filters (n chosen)" control, chips say what is
chosen, and a supplier facet narrows a search to one supplier's catalog (database backend)."""

import pytest

from search.query import SearchQuery
from search.services import search_products

from .factories import catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(settings, reindex):
    settings.SEARCH_BACKEND = "database"
    data = catalog()
    reindex()
    return data


def test_the_filters_fold_into_one_details_control_counting_the_chosen_values(client, items):
    html = client.get("/search/", {"q": "blue pottery"}).content.decode()
    assert '<details class="filter-panel">' in html and "Filters (0 chosen)" in html
    html = client.get("/search/", {"q": "cotton", "region": "sindh", "women_led": "yes"}).content.decode()
    assert "Filters (2 chosen)" in html


def test_sort_and_quantity_sit_inside_the_folded_filters(client, items):
    html = client.get("/search/", {"q": "blue pottery"}).content.decode()
    panel = html[html.index('<details class="filter-panel">') : html.index("</details>")]
    assert 'name="sort"' in panel and 'name="qty"' in panel
    # The results come after the one-line control, not after every filter group.
    assert html.index("</details>") < html.index('id="results-heading"')


def test_a_search_narrows_to_one_supplier_through_the_supplier_facet(client, items):
    potter = items["planter"].supplier
    response = client.get("/search/", {"q": "blue pottery", "supplier": potter.slug})
    assert response.context["products"]
    assert {p.supplier_id for p in response.context["products"]} == {potter.pk}
    chips = response.context["chips"]
    assert [(str(c["facet"]), c["label"]) for c in chips] == [("Supplier", potter.name)]
    assert chips[0]["url"] == "?q=blue+pottery"


def test_the_supplier_facet_offers_each_matching_supplier_by_name_with_counts(client, items):
    response = client.get("/search/", {"q": "blue pottery"})
    supplier_facet = next(f for f in response.context["facets"] if f["name"] == "supplier")
    potter = items["planter"].supplier
    value = next(v for v in supplier_facet["values"] if v.value == potter.slug)
    assert value.label == potter.name and value.count >= 2


def test_an_unknown_supplier_in_a_search_matches_nothing_without_an_error(client, items):
    response = client.get("/search/", {"q": "blue pottery", "supplier": "no-such-supplier"})
    assert response.status_code == 200
    assert response.context["products"] == []
    assert "Filters (1 chosen)" in response.content.decode()


def test_a_supplier_slug_is_a_facet_of_its_products_documents(items):
    result = search_products(SearchQuery(filters={"supplier": [items["vase"].supplier.slug]}))
    assert items["vase"].pk in result.ids and items["ajrak"].pk not in result.ids
