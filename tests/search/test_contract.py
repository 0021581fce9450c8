"""The contract every backend honours: the same tests run on the database backend (SQLite or PostgreSQL,
whichever DATABASE_URL points at) and on Elasticsearch (noida-db or ELASTICSEARCH_URL)."""

import pytest
from django.utils import timezone

from catalog.models import Certification, Product
from search.query import SearchQuery
from search.services import search_products, suggest
from tests.factories import CertificationFactory, CertificationTypeFactory

from .factories import catalog, category, product

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def items(backend_name, reindex):
    data = catalog()
    reindex()
    return data


def ids(text="", **kwargs):
    return search_products(SearchQuery(text=text, **kwargs)).ids


def test_title_word_finds_product(items):
    assert items["khussa"].pk in ids("khussa")


def test_title_match_ranks_above_description_only_match(items):
    found = ids("planter")
    assert found[0] == items["planter"].pk


def test_long_loose_query_returns_best_partial_match_first(items):
    found = ids("8 inch round blue pottery planter with drainage and saucer for my garden centre")
    assert found, "a loose query must never come back empty while relevant products exist"
    assert found[0] == items["planter"].pk
    assert items["vase"].pk in found[:3]


def test_typos_still_find_embroidered_cushion_covers(items):
    assert items["cushion"].pk in ids("embriodered cushon")[:3]


def test_partial_matches_put_the_word_naming_the_product_above_its_modifier(items, reindex):
    # No product holds both words: gloves are what the buyer wants, a box only shares the stem of "boxing".
    box = product("Lacquered jewellery box", "A walnut box with brass hinges.", category("Boxes"))
    gloves = product("Leather goalkeeper gloves", "Padded palms, wrist strap.", category("Sports gear"))
    reindex()

    found = ids("boxing gloves")

    assert found.index(gloves.pk) < found.index(box.pk)


def test_the_rarer_word_in_the_title_outranks_the_common_word_in_the_title(items, reindex):
    # Both hold both words; "brass" is on many products, "tray" on few: the tray is what the buyer asked
    # for, not the bowl with "brass" in its title and "tray" in its description.
    metalware = category("Metalware")
    for thing in ("candle stand", "door knocker", "bell", "vase", "lantern"):
        product(f"Brass {thing}", f"Cast brass {thing}.", metalware)
    now = timezone.now()
    tray = product("Engraved serving tray", "Solid brass, engraved by hand.", metalware, published_at=now)
    # Published at the same time with a higher id, it wins a tie: only each word's weight puts the tray first.
    bowl = product("Engraved brass bowl", "Sold with a matching brass tray.", metalware, published_at=now)
    reindex()

    found = ids("brass tray")

    assert found.index(tray.pk) < found.index(bowl.pk)


def test_a_word_two_edits_from_every_indexed_word_is_not_taken_for_a_typo(items):
    # "salt" is two edits from "swat" (the cushion's cluster and title): no salt here, so nothing comes back.
    assert items["cushion"].pk not in ids("salt")


def test_synonym_ajrak_finds_block_print_and_back(items, reindex):
    block = product("Block print table runner", "Hand block printed runner.", category("Table linen"))
    reindex()
    assert block.pk in ids("ajrak")
    assert items["ajrak"].pk in ids("block print")


def test_synonym_jutti_finds_khussa(items):
    assert items["khussa"].pk in ids("jutti")[:3]


def test_synonym_cashmere_shawl_finds_pashmina(items):
    assert items["pashmina"].pk in ids("cashmere shawl")[:3]


def test_english_stemming_carpets_finds_carpet(items):
    assert items["carpet"].pk in ids("carpets")[:3]


def test_hidden_draft_and_inactive_supplier_products_never_appear(items, reindex):
    hidden = product("Blue pottery bowl hidden", hidden_by_curator=True)
    draft = product("Blue pottery bowl draft", status=Product.Status.DRAFT)
    inactive = product("Blue pottery bowl inactive")
    inactive.supplier.is_active = False
    inactive.supplier.save()
    reindex()
    found = ids("blue pottery bowl")
    assert {hidden.pk, draft.pk, inactive.pk}.isdisjoint(found)


def test_filter_by_region_keeps_only_that_region(items):
    found = ids("", filters={"region": ["sindh"]})
    assert found == [items["ajrak"].pk]


def test_parent_category_filter_includes_children(items):
    home = items["planter"].category.parent
    found = set(ids("", filters={"category": [home.path]}))
    assert found == {items["planter"].pk, items["vase"].pk, items["carpet"].pk}


def test_facet_counts_reflect_the_query(items):
    result = search_products(SearchQuery(text="blue pottery"))
    clusters = {fc.value: fc.count for fc in result.facets["cluster"]}
    assert clusters.get("multan-blue-pottery") == 2


def test_chosen_facet_still_counts_its_alternatives(items):
    result = search_products(SearchQuery(filters={"region": ["sindh"]}))
    regions = {fc.value: fc.count for fc in result.facets["region"]}
    assert regions["sindh"] == 1 and regions["punjab"] == 4
    women = {fc.value: fc.count for fc in result.facets["women_led"]}
    assert women == {"yes": 1}


def test_two_facets_combine_with_and(items):
    found = ids("", filters={"women_led": ["yes"], "material": ["cotton"]})
    assert set(found) == {items["ajrak"].pk, items["cushion"].pk}


def test_moq_lead_time_and_price_bands(items):
    assert ids("", filters={"moq": ["1-10"]}) and set(ids("", filters={"moq": ["1-10"]})) == {
        items["vase"].pk,
        items["carpet"].pk,
        items["pashmina"].pk,
    }
    assert set(ids("", filters={"lead_time": ["61+"]})) == {items["carpet"].pk}
    assert set(ids("", filters={"price": ["200+"]})) == {items["carpet"].pk}


def test_only_valid_certifications_count(items, reindex):
    from datetime import date

    fair = CertificationTypeFactory(name="Fair Trade")
    CertificationFactory(supplier=items["cushion"].supplier, type=fair)
    CertificationFactory(supplier=items["khussa"].supplier, type=fair, expires_on=date(2020, 1, 1))
    reindex()
    assert ids("", filters={"certification": ["fair-trade"]}) == [items["cushion"].pk]
    assert Certification.objects.count() == 2


def test_sort_by_price_lowest_first(items):
    found = ids("", sort="price")
    assert found[0] == items["cushion"].pk
    assert found[-1] == items["carpet"].pk


def test_sort_by_lead_time(items):
    found = ids("", sort="lead_time")
    assert found[0] == items["vase"].pk and found[-1] == items["carpet"].pk


def test_sort_newest_first(items):
    newest = max(items.values(), key=lambda p: (p.published_at, p.pk))
    assert ids("", sort="newest")[0] == newest.pk


def test_pages_split_results_and_total_counts_all(items):
    first = search_products(SearchQuery(page_size=3, page=1, sort="lead_time"))
    second = search_products(SearchQuery(page_size=3, page=2, sort="lead_time"))
    assert first.total == second.total == len(items)
    assert len(first.ids) == 3 and not set(first.ids) & set(second.ids)


def test_suggest_returns_titles_categories_and_clusters(items):
    data = suggest("blue pot")
    assert any("Blue pottery" in p["title"] for p in data["products"])
    assert suggest("Pott")["categories"][0]["name"] == "Pottery"
    assert suggest("Hala")["clusters"][0]["name"] == "Hala ajrak printing"


def test_edit_is_searchable_right_after_commit(items, django_capture_on_commit_callbacks):
    khussa = items["khussa"]
    with django_capture_on_commit_callbacks(execute=True):
        khussa.title = "Leather khussa shoes with zardozi"
        khussa.save()
    assert khussa.pk in ids("zardozi")


def test_new_product_is_searchable_after_commit(items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lamp = product("Camel skin lamp", "Multani camel skin lamp, hand painted.", category("Lighting"))
    assert lamp.pk in ids("camel skin lamp")


def test_deleted_product_disappears(items, django_capture_on_commit_callbacks):
    vase = items["vase"]
    pk = vase.pk
    with django_capture_on_commit_callbacks(execute=True):
        vase.delete()
    assert pk not in ids("vase")


def test_hiding_a_product_removes_it_after_commit(items, django_capture_on_commit_callbacks):
    carpet = items["carpet"]
    with django_capture_on_commit_callbacks(execute=True):
        carpet.hidden_by_curator = True
        carpet.save()
    assert carpet.pk not in ids("carpet")


def test_deactivating_a_supplier_removes_its_products(items, django_capture_on_commit_callbacks):
    supplier = items["planter"].supplier
    with django_capture_on_commit_callbacks(execute=True):
        supplier.is_active = False
        supplier.save()
    assert not {items["planter"].pk, items["vase"].pk} & set(ids("blue pottery"))


def test_sort_by_price_at_a_quantity_uses_the_tier_there_and_puts_products_under_their_moq_last(
    backend_name, reindex
):
    # By the lowest tier: steep (6.00) < cheap (8.00) < big (20.00). At 20: cheap's 10+ tier (9.00) < steep's
    # (12.00), and big (MOQ 500) is not sold at 20.
    cheap = product("Walnut tray", moq=10, tiers=[(10, "9.00"), (100, "8.00")])
    steep = product("Brass lamp", moq=10, tiers=[(10, "12.00"), (50, "7.00"), (100, "6.00")])
    big = product("Cotton durrie", moq=500, tiers=[(500, "20.00")])
    reindex()

    assert ids("", sort="price") == [steep.pk, cheap.pk, big.pk]
    assert ids("", sort="price", quantity=20) == [cheap.pk, steep.pk, big.pk]
