"""The /search/ page and /search/suggest/ through HTTP (database backend)."""

import pytest

from catalog.models import Product
from search import services
from tests.factories import ProductFactory, SupplierFactory

from .factories import catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(settings, reindex):
    settings.SEARCH_BACKEND = "database"
    data = catalog()
    reindex()
    return data


def test_search_page_lists_matching_products(client, items):
    response = client.get("/search/", {"q": "blue pottery"})
    assert response.status_code == 200
    assert items["planter"].title in response.content.decode()
    assert items["carpet"].title not in response.content.decode()


def test_search_page_shows_facets_as_checkboxes_with_counts(client, items):
    page = client.get("/search/", {"q": "blue pottery"}).content.decode()
    assert 'type="checkbox" name="cluster" value="multan-blue-pottery"' in page
    assert 'Multan blue pottery <span class="muted">(2)</span>' in page


def test_chosen_filter_shows_a_chip_that_removes_it(client, items):
    response = client.get("/search/", {"q": "cotton", "region": "sindh", "women_led": "yes"})
    chip_urls = [chip["url"] for chip in response.context["chips"]]
    assert "?q=cotton&women_led=yes" in chip_urls
    assert "?q=cotton&region=sindh" in chip_urls
    assert response.context["products"] == [items["ajrak"]]


def test_hidden_product_is_not_on_the_page(client, items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=items["khussa"].pk).update(hidden_by_curator=True)
        services.update_index([items["khussa"].pk])
    assert items["khussa"].title not in client.get("/search/", {"q": "khussa"}).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999"},
        {"qty": "lots"},
        {"sort": "drop table"},
        {"q": '"unbalanced ( quote * OR'},
        {"q": "x" * 5000},
        {"category": "no/such/path"},
        {"verification": "not-a-number"},
        {"q": "AND OR NOT NEAR"},
        {"q": "blue\x00pot"},
        {"material": "wool\x00"},
        {"category": "\x00"},
    ],
)
def test_bad_input_never_fails_the_page(client, items, params):
    assert client.get("/search/", params).status_code == 200


def test_post_is_refused(client, items):
    assert client.post("/search/", {"q": "x"}).status_code == 405


def test_price_sort_at_quantity_puts_products_under_moq_last(client, items):
    response = client.get("/search/", {"sort": "price", "qty": "30"})
    ids = [p.pk for p in response.context["products"]]
    # At 30 pieces the cushion (MOQ 100) and ajrak (MOQ 50) have no price: they come last.
    assert set(ids[-2:]) == {items["cushion"].pk, items["ajrak"].pk}
    assert set(ids[:2]) == {items["vase"].pk, items["planter"].pk}  # 12.50 at 30, then khussa at 15.00
    assert ids[2] == items["khussa"].pk


def test_pagination_links_keep_the_query(client, items, settings):
    women_led = SupplierFactory(women_led=True)
    for n in range(25):
        ProductFactory(title=f"Cotton tote bag {n}", **({"supplier": women_led} if n < 4 else {}))
    services.rebuild_index(services.database_backend())
    response = client.get("/search/", {"q": "cotton tote", "women_led": "yes"})
    # The 4 women-led totes, then the women-led products holding "cotton" only (the ajrak, the cushion).
    assert response.context["result"].full_match_count == 4
    assert response.context["result"].total == 6
    response = client.get("/search/", {"q": "cotton tote"})
    assert response.context["next_url"] == "?q=cotton+tote&page=2"
    second = client.get("/search/", {"q": "cotton tote", "page": 2})
    assert len(second.context["products"]) == second.context["result"].total - 20


@pytest.mark.parametrize("results", [2, 10])
def test_search_page_query_count_does_not_grow_with_results(
    client, settings, reindex, results, django_assert_num_queries
):
    settings.SEARCH_BACKEND = "database"
    for _n in range(results):
        ProductFactory(title="Blue pottery vase")
    reindex()
    client.get("/search/", {"q": "vase"})  # this process loads the facet bitmaps once after the reindex
    # index token 1, facet labels 3 (categories, verification levels, suppliers), product cards 3
    # (products, images, tiers). The word frequencies of "vase" and the products holding it were read by the
    # first request and are remembered for this index generation (search.backends.database_postings), and
    # facets are counted on the bitmaps: no query matches or ranks.
    with django_assert_num_queries(7):
        response = client.get("/search/", {"q": "vase", "region": "punjab"})
    assert response.status_code == 200


def test_suggest_returns_json_titles_after_two_letters(client, items):
    data = client.get("/search/suggest/", {"q": "bl"}).json()
    assert {p["title"] for p in data["products"]} >= {items["vase"].title, items["planter"].title}


def test_suggest_ignores_one_letter(client, items):
    assert client.get("/search/suggest/", {"q": "b"}).json() == {
        "products": [],
        "categories": [],
        "clusters": [],
    }


def test_suggest_never_offers_hidden_products(client, items):
    Product.objects.filter(pk=items["vase"].pk).update(status=Product.Status.DRAFT)
    titles = [p["title"] for p in client.get("/search/suggest/", {"q": "blue"}).json()["products"]]
    assert items["vase"].title not in titles


def test_page_says_which_words_no_product_mentions(client, items):
    page = client.get("/search/", {"q": "blue pottery zzqqxx"}).content.decode()
    assert "No product mentions: zzqqxx" in page
    assert items["vase"].title in page


def test_page_says_when_it_shows_closest_matches(client, items):
    page = client.get("/search/", {"q": "blue pottery carpet"}).content.decode()
    assert "No product matches every word; below, products matching some of your words." in page
    assert items["carpet"].title in page and items["vase"].title in page
    single_word = client.get("/search/", {"q": "pottery"}).content.decode()
    assert "every word" not in single_word


def test_page_says_where_the_full_matches_end(client, items):
    # "blue pottery planter": only the planter holds every word; the vase holds "blue pottery".
    response = client.get("/search/", {"q": "blue pottery planter"})
    page = response.content.decode()
    assert response.context["full_products"] == [items["planter"]]
    assert items["vase"] in response.context["partial_products"]
    note = "1 product matches every word; below, products matching some of your words."
    assert note in page
    assert page.index(items["planter"].title) < page.index(note) < page.index(items["vase"].title)


def test_page_with_no_full_match_says_so_above_the_partial_matches(client, items):
    response = client.get("/search/", {"q": "pashmina planter"})
    assert response.context["full_products"] == []
    assert "No product matches every word; below, products matching some of your words." in (
        response.content.decode()
    )


def test_page_of_full_matches_only_has_no_split_note(client, items):
    page = client.get("/search/", {"q": "blue pottery"}).content.decode()
    assert "match every word" not in page and "matches every word" not in page


def test_page_says_the_filter_counts_are_of_the_full_matches_when_they_are_many(client, items, reindex):
    for n in range(20):
        ProductFactory(title=f"Cotton tote bag {n}")
    reindex()
    response = client.get("/search/", {"q": "cotton tote"})
    assert response.context["result"].facets_of_full_matches
    assert "The filter counts are of the 20 products matching every word." in response.content.decode()
