"""/api/v1/search/: the search page's results, ranking, facets and counts, from the same service."""

import pytest
from django.urls import reverse

from search import services
from tests.search.factories import catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(settings):
    settings.SEARCH_BACKEND = "database"
    data = catalog()
    services.rebuild_index(services.database_backend())
    return data


@pytest.fixture
def api(api_client_for, buyer):
    return api_client_for(buyer, scope="read")


def search(api, **params):
    response = api.get(reverse("api:search"), params)
    assert response.status_code == 200, response.content
    return response.json()


def test_results_are_the_search_pages_in_its_order(api, client, items):
    page = client.get(reverse("search:search"), {"q": "blue pottery"}).context["products"]

    body = search(api, q="blue pottery")

    assert [row["id"] for row in body["results"]] == [product.pk for product in page]
    assert items["carpet"].pk not in [row["id"] for row in body["results"]]


def test_facets_carry_the_pages_counts_and_labels(api, items):
    facets = {facet["name"]: facet for facet in search(api, q="blue pottery")["facets"]}

    cluster = {value["value"]: value for value in facets["cluster"]["values"]}
    assert cluster["multan-blue-pottery"]["count"] == 2
    assert cluster["multan-blue-pottery"]["label"] == "Multan blue pottery"


def test_a_chosen_facet_value_is_marked_and_narrows_the_results(api, items):
    body = search(api, q="cotton", region="sindh", women_led="yes")

    assert [row["id"] for row in body["results"]] == [items["ajrak"].pk]
    region = next(facet for facet in body["facets"] if facet["name"] == "region")
    assert any(value["value"] == "sindh" and value["selected"] for value in region["values"])


def test_pages_are_numbered_with_a_next_page(api, items):
    body = search(api, q="", page_size=2)

    assert body["page"] == 1 and body["next_page"] == 2 and body["previous_page"] is None
    assert len(body["results"]) == 2
    assert body["count"] > 2


def test_a_page_number_that_is_no_number_is_a_400(api, items):
    response = api.get(reverse("api:search"), {"q": "pottery", "page": "two"})

    assert response.status_code == 400
    assert "page" in response.json()["error"]["fields"]


def test_results_carry_money_as_strings(api, items):
    row = search(api, q="blue pottery")["results"][0]

    assert isinstance(row["from_price"]["amount"], str)
    assert row["from_price"]["currency"]


def test_a_facet_value_holding_a_null_character_is_a_400(api, items):
    response = api.get(reverse("api:search"), {"q": "pottery", "material": "clay\x00"})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["material"]
