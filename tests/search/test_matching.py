"""What a query finds (issue 21), on every backend: the products holding every clause first, then those
holding some, to the end of the list; compound words both ways; plurals and possessives; synonym groups
reached through plurals."""

import pytest

from search.query import RELAX_BELOW, SearchQuery
from search.services import search_products

from .factories import category, product

pytestmark = pytest.mark.django_db


def search(text, **kwargs):
    return search_products(SearchQuery(text=text, **kwargs))


# --- full matches first, then partial ones to the end --------------------------------------------------


def test_partial_matches_follow_the_full_matches_even_when_many_hold_every_word(backend_name, reindex):
    totes = {product(f"Cotton tote bag {n}").pk for n in range(RELAX_BELOW)}
    cushion = product("Cotton cushion cover")
    reindex()

    result = search("cotton tote", page_size=100)

    assert set(result.ids[: len(totes)]) == totes
    assert result.ids[len(totes)] == cushion.pk
    assert result.full_match_count == len(totes) and result.total == len(totes) + 1
    assert result.partial


def test_paging_goes_on_from_the_full_matches_into_the_partial_ones(backend_name, reindex):
    full = {product(f"Walnut serving tray {n}").pk for n in range(3)}
    partial = {product(f"Walnut jewellery box {n}").pk for n in range(4)}
    product("Onyx candle holder")  # holds neither word: never listed
    reindex()

    pages = [search("walnut tray", page=page, page_size=2) for page in (1, 2, 3, 4, 5)]

    listed = [pk for page in pages for pk in page.ids]
    assert set(listed[:3]) == full and set(listed[3:]) == partial
    assert len(listed) == len(set(listed)) == 7
    assert all(page.total == 7 and page.full_match_count == 3 for page in pages)
    assert pages[4].ids == []


def test_a_one_word_query_has_only_full_matches(backend_name, reindex):
    planter = product("Terracotta planter")
    product("Brass bell")
    reindex()

    result = search("planter")

    assert result.ids == [planter.pk]
    assert result.full_match_count == result.total == 1 and not result.partial


def test_partial_matches_rank_by_the_weight_of_the_words_they_hold(backend_name, reindex):
    for n in range(6):
        product(f"Red cushion cover {n}", "Red cotton.")
    khussa = product("Leather khussa shoes", "Handmade in Multan.")
    both = product("Red khussa with mirror work")
    reindex()

    found = search("red khussa", page_size=50).ids

    assert found[0] == both.pk
    assert found[1] == khussa.pk  # "khussa" is rarer than "red": it weighs more


# --- facet counts ----------------------------------------------------------------------------------------


def test_facets_count_only_the_full_matches_when_there_are_many(backend_name, reindex):
    sindh = [product(f"Cotton tote bag {n}", origin_region="sindh") for n in range(RELAX_BELOW)]
    product("Cotton cushion cover", origin_region="kp")
    reindex()

    result = search("cotton tote")

    assert result.facets_of_full_matches
    regions = {facet.value: facet.count for facet in result.facets["region"]}
    assert regions == {"sindh": len(sindh)}
    # Each count is what choosing the value gives at the head of the list: its full matches.
    assert search("cotton tote", filters={"region": ["sindh"]}).full_match_count == len(sindh)


def test_facets_count_the_whole_list_when_few_hold_every_word(backend_name, reindex):
    product("Cotton tote bag", origin_region="sindh")
    product("Cotton cushion cover", origin_region="kp")
    reindex()

    result = search("cotton tote")

    assert not result.facets_of_full_matches
    assert {facet.value: facet.count for facet in result.facets["region"]} == {"sindh": 1, "kp": 1}
    chosen = search("cotton tote", filters={"region": ["kp"]})
    assert chosen.total == 1 and chosen.full_match_count == 0


# --- compound words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, query",
    [
        ("Leather handbag with brass clasp", "hand bag"),
        ("Embroidered tablecloth", "table cloth"),
        ("Truck art keychain", "key chain"),
        ("Hand stitched football", "foot ball"),
    ],
)
def test_two_query_words_find_the_one_indexed_word_they_make(backend_name, reindex, title, query):
    gifts = category("Gifts")
    wanted = product(title, "Made by hand.", gifts)
    product("Cotton cushion cover", "A cover.", gifts)
    reindex()

    result = search(query)

    assert result.ids[0] == wanted.pk and result.full_match_count == 1


@pytest.mark.parametrize(
    "title, query",
    [
        ("Leather hand bag with brass clasp", "handbag"),
        ("Embroidered table cloth", "tablecloth"),
        ("Truck art key chain", "keychain"),
    ],
)
def test_one_query_word_finds_the_two_indexed_words_it_splits_into(backend_name, reindex, title, query):
    gifts = category("Gifts")
    wanted = product(title, "Sold in pairs.", gifts)
    product("Cotton cushion cover", "A cover.", gifts)
    reindex()

    assert search(query).ids[:1] == [wanted.pk]


def test_a_split_the_catalog_never_writes_finds_nothing_more(backend_name, reindex):
    # "carpet" is "car" + "pet", both indexed words, but no product says "car pet".
    carpet = product("Wool carpet")
    product("Toy car", "For a pet lover's car.")
    reindex()

    assert search("carpet").ids == [carpet.pk]


# --- plurals and possessives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, query",
    [
        ("Ajrak cotton bedsheet", "ajraks"),
        ("Lego style wooden blocks", "legos"),
        ("Ralli quilt from Sindh", "ralli's"),
        ("Ralli quilt from Sindh", "ralli's quilts"),
    ],
)
def test_plurals_and_possessives_of_names_find_the_name(backend_name, reindex, title, query):
    wanted = product(title, "Handmade.", category("Textiles"))
    product("Brass bell", "Cast brass.", category("Metalware"))
    reindex()

    result = search(query)

    assert result.ids[:1] == [wanted.pk] and result.full_match_count == 1


@pytest.mark.parametrize(
    "title, query",
    [
        ("Hand knotted wool carpet", "rugs"),
        ("Embroidered cushion cover", "pillow covers"),
        ("Hand stitched football", "soccer balls"),
    ],
)
def test_plural_queries_reach_their_synonym_group(backend_name, reindex, title, query):
    wanted = product(title, "Made for export.", category("Exports"))
    product("Brass bell", "Cast brass.", category("Metalware"))
    reindex()

    assert search(query).ids[:1] == [wanted.pk]


def test_typos_are_still_corrected_beside_compounds(backend_name, reindex):
    wanted = product("Embroidered handbag", "Mirror work.", category("Bags"))
    product("Brass bell", "Cast brass.", category("Metalware"))
    reindex()

    assert search("embriodered hand bag").ids[:1] == [wanted.pk]
