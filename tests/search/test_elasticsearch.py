"""Elasticsearch-only: the index settings/mappings, the query bodies, the alias swap and the fallback."""

import logging
import socket

import pytest

from search import services
from search.backends.elasticsearch import ElasticsearchBackend, build_search, index_body
from search.query import SearchQuery

from .factories import catalog

pytestmark = pytest.mark.django_db


def test_index_has_stemming_synonym_and_edge_ngram_analyzers():
    body = index_body("products-test")
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}
    synonyms = analysis["filter"]["shared_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "ajrak, ajrakh, block print, block printed" in synonyms["synonyms"]
    assert analysis["tokenizer"]["autocomplete_grams"]["type"] == "edge_ngram"
    title = body["mappings"]["properties"]["title"]
    assert title["analyzer"] == "index_text" and title["search_analyzer"] == "search_text"
    assert body["mappings"]["properties"]["facet_region"] == {"type": "keyword"}
    assert body["mappings"]["properties"]["suggest"]["type"] == "completion"


def test_text_query_is_or_matching_with_boosts_and_fuzziness():
    body = build_search(SearchQuery(text="embriodered cushon")).to_dict()
    main = body["query"]["bool"]["must"][0]["bool"]["should"]
    exact, fuzzy = main[0]["multi_match"], main[1]["multi_match"]
    assert exact["operator"] == "or" and "title^6" in exact["fields"]
    assert fuzzy["fuzziness"] == "AUTO"
    assert body["query"]["bool"]["should"][0]["range"]["verification_rank"]["gte"] == 1


def test_chosen_filters_go_to_post_filter_and_each_facet_counts_without_its_own():
    body = build_search(SearchQuery(filters={"region": ["sindh"], "material": ["cotton"]})).to_dict()
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {"facet_material": ["cotton"]}},
        {"terms": {"facet_region": ["sindh"]}},
    ]
    region_agg = body["aggs"]["region"]
    assert region_agg["filter"]["bool"]["filter"] == [{"terms": {"facet_material": ["cotton"]}}]
    assert region_agg["aggs"]["values"]["terms"]["field"] == "facet_region"
    assert "global" not in str(body)


def test_sort_and_paging_bodies():
    body = build_search(SearchQuery(sort="lead_time", page=3, page_size=20)).to_dict()
    assert body["sort"][0] == {"lead_time_days": {"order": "asc"}}
    assert body["from"] == 40 and body["size"] == 20


def test_rebuild_swaps_the_alias_and_drops_the_old_index(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX = "swap-test"
    catalog()
    backend = ElasticsearchBackend()
    services.rebuild_index(backend)
    first = backend._indexes_behind_alias()
    services.rebuild_index(backend)
    second = backend._indexes_behind_alias()
    assert len(first) == len(second) == 1 and first != second
    assert backend.status()["documents"] == 7


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_search_falls_back_to_the_database_when_elasticsearch_is_down(settings, reindex, caplog):
    settings.SEARCH_BACKEND = "database"
    items = catalog()
    reindex()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    with caplog.at_level(logging.WARNING, logger="search.services"):
        result = services.search_products(SearchQuery(text="khussa"))
    assert result.backend == "database"
    assert items["khussa"].pk in result.ids
    assert "falling back to the database backend" in caplog.text


def test_page_still_shows_results_when_elasticsearch_is_down(client, settings, reindex):
    settings.SEARCH_BACKEND = "database"
    items = catalog()
    reindex()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    response = client.get("/search/", {"q": "pashmina"})
    assert response.status_code == 200
    assert items["pashmina"] in response.context["products"]


def test_first_query_needs_every_clause_in_some_field():
    body = build_search(SearchQuery(text="block print bedsheet"), every_clause=True).to_dict()
    clauses = body["query"]["bool"]["must"][0]["bool"]["must"]
    texts = [c["bool"]["should"][0]["multi_match"]["query"] for c in clauses]
    assert len(texts) == 2 and texts[1] == "bedsheet"  # "block print" (a synonym group) is one clause
    assert body["aggs"]["matched"] == {"filter": {"match_all": {}}}
