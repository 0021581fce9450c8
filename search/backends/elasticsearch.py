"""The Elasticsearch backend (for scale), built with elasticsearch.dsl.

- Analyzers: English stemming at index and search time; the shared synonyms (synonym_graph, search time only
  so editing the file needs no reindex of text); edge n-grams on the title for autocomplete.
- Facets: one `filter` aggregation per facet holding every OTHER chosen filter, with a `terms`
  aggregation inside; the chosen filters go in `post_filter`, so hits are filtered while each facet
  counts its alternatives (no `global` aggregation, which not every server speaks).
- Rebuild writes a fresh index `<alias>-<timestamp>` with the streaming bulk helper, then swaps the alias
  in one `_aliases` call: searches never see an empty index. The alias name is kept in our code
  (settings), never read back from the server.
- Matching, as the database backend's: the products holding every clause first (one request, each clause a
  `must`), then, to the end of the list, those holding some but not all (a second request: any clause, with
  the every-clause query as `must_not`, its page starting where the full matches end). Facets count the full
  matches when at least RELAX_BELOW hold every clause, else both groups (disjoint: their counts add up).
- Compound words and plurals of names: the same query-time rewrite as the database backend (search.compounds,
  from the database index's vocabulary), not a decompounding or shingle analyzer: those need the word list in
  the index settings and a reindex each time the catalog learns a word. Compound alternatives are extra
  `should` queries (a phrase for a split: "table cloth"). A plural reaches its synonym group through one more
  `should` asking for the group's first phrase ("rugs" -> "rug", which the synonym filter knows).
- Any connection error, timeout or server error raises BackendUnavailable; services fall back to the database.
"""

import time

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Nested,
    Q,
    ScaledFloat,
    Search,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from .. import compounds
from ..query import FACET_VALUES, FACETS, RELAX_BELOW, FacetCount, SearchQuery, SearchResult
from ..text import clauses_for, head_word, meaningful_words, solr_synonym_lines
from .base import BackendUnavailable, SearchBackend

FAILURES = (
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
    es_exceptions.TransportError,
    es_exceptions.ApiError,
)

# Field boosts: the title says what the product is; category and materials are how buyers describe it.
TEXT_FIELDS = [
    "title^6",
    "category_text^4",
    "materials_text^3",
    "clusters_text^2",
    "supplier_text^1.5",
    "description",
]
VERIFIED_BOOST = 0.6

english_stemmer = token_filter("english_stemmer", "stemmer", language="english")
english_possessive = token_filter("english_possessive", "stemmer", language="possessive_english")
autocomplete_grams = tokenizer(
    "autocomplete_grams", "edge_ngram", min_gram=2, max_gram=15, token_chars=["letter", "digit"]
)

index_text = analyzer(
    "index_text",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", "asciifolding", english_stemmer],
)
autocomplete = analyzer("autocomplete", tokenizer=autocomplete_grams, filter=["lowercase", "asciifolding"])
autocomplete_search = analyzer(
    "autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)


def search_text_analyzer():
    """Search-time analyzer: the index analyzer plus the synonyms file (read when the index is created)."""
    synonyms = token_filter("shared_synonyms", "synonym_graph", synonyms=solr_synonym_lines(), lenient=True)
    return analyzer(
        "search_text",
        tokenizer="standard",
        filter=[english_possessive, "lowercase", "asciifolding", synonyms, english_stemmer],
    )


class ProductDocument(Document):
    title = Text(
        analyzer=index_text,
        fields={"autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_search)},
    )
    category_text = Text(analyzer=index_text)
    materials_text = Text(analyzer=index_text)
    clusters_text = Text(analyzer=index_text)
    supplier_text = Text(analyzer=index_text)
    description = Text(analyzer=index_text)
    suggest = Completion(analyzer="simple")
    moq = Integer()
    lead_time_days = Integer()
    published_at = Date()
    verification_rank = Integer()
    price_usd = ScaledFloat(scaling_factor=100)
    # Each tier's USD price from the quantity it applies at (never under the MOQ): the sort at a buyer's
    # quantity reads the tiers that apply there (`price_sort`).
    tiers = Nested(properties={"min_quantity": Integer(), "unit_price_usd": ScaledFloat(scaling_factor=100)})
    # one keyword field per facet, named facet_<name>
    facet_category = Keyword()
    facet_cluster = Keyword()
    facet_region = Keyword()
    facet_material = Keyword()
    facet_certification = Keyword()
    facet_size = Keyword()
    facet_women_led = Keyword()
    facet_verification = Keyword()
    facet_moq = Keyword()
    facet_lead_time = Keyword()
    facet_price = Keyword()
    # Added for issue 22: an index built before it has no such field; `search_index rebuild` adds it.
    facet_supplier = Keyword()


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(search_text_analyzer())
    index.document(ProductDocument)
    return index


def index_body(name: str) -> dict:
    """Settings and mappings; the text fields search with the synonym-aware analyzer."""
    body = index_definition(name).to_dict()
    for field in (
        "title",
        "category_text",
        "materials_text",
        "clusters_text",
        "supplier_text",
        "description",
    ):
        body["mappings"]["properties"][field]["search_analyzer"] = "search_text"
    return body


def to_source(doc) -> dict:
    source = {
        "title": doc.title,
        "category_text": doc.category_text,
        "materials_text": doc.materials_text,
        "clusters_text": doc.clusters_text,
        "supplier_text": doc.supplier_text,
        "description": doc.description,
        "suggest": {"input": [doc.title]},
        "moq": doc.moq,
        "lead_time_days": doc.lead_time_days,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "verification_rank": doc.verification_rank,
        "price_usd": float(doc.price_usd)
        if doc.price_usd is not None
        else None,  # ES stores numbers; sort only
        "tiers": [
            {"min_quantity": max(quantity, doc.moq), "unit_price_usd": float(price)}
            for quantity, price in doc.tiers_usd
        ],
    }
    for name in FACETS:
        source[f"facet_{name}"] = [value for facet, value in doc.facets if facet == name]
    return source


def expanded_clauses(text: str) -> tuple[list, list]:
    """(the query's clauses, the same with compound and plural alternatives from the vocabulary).

    The vocabulary is the database index's (search.compounds): the same query-time rewrite as the database
    backend, rather than a decompounding analyzer, which would need a word list in the index settings and a
    reindex each time the catalog learns a word. A split counts when both halves are indexed words (no
    phrase lookup: a phrase no product holds costs Elasticsearch nothing)."""
    base = clauses_for(text)
    if not base:
        return base, base
    return base, compounds.rewrite(base, compounds.known_words(base).__contains__)


def _alternative_query(alternative):
    """A compound's alternative: the word, or the phrase ("table cloth"), in any field."""
    kind = "phrase" if len(alternative) > 1 else "best_fields"
    return Q("multi_match", query=" ".join(alternative), fields=TEXT_FIELDS, type=kind)


def _compound_queries(base, clauses) -> list:
    return [
        _alternative_query(alternative)
        for before, after in zip(base, clauses, strict=True)
        for alternative in after.alternatives
        if alternative not in before.alternatives
    ]


def every_clause_query(base, clauses):
    """Each clause (a word, or a multi-word synonym such as "block print", split as the database backend
    splits it) must match in some field, through its words, synonyms, typos or compound alternatives."""
    must = []
    for before, after in zip(base, clauses, strict=True):
        own = text_query(" ".join(before.alternatives[0]))
        more = _compound_queries([before], [after])
        must.append(Q("bool", should=[own, *more], minimum_should_match=1) if more else own)
    return Q("bool", must=must)


def text_query(text: str, every_clause: bool = False, expanded=None):
    """Field-boosted matching: exact/stemmed/synonym matches score high, fuzzy ones catch typos.

    With `every_clause`, each clause of the query must match (every_clause_query); otherwise any may (OR).
    `expanded`: the (base, rewritten) clauses of expanded_clauses, whose compound alternatives match too.
    """
    base, clauses = expanded or (clauses_for(text), clauses_for(text))
    if every_clause:
        return every_clause_query(base, clauses)
    # best_fields (+ tie_breaker): a word that is in every field (the cluster's "gloves") must not outweigh
    # the rare word that says which product it is ("goalkeeper"), as summing fields would.
    exact = Q(
        "multi_match",
        query=text,
        fields=TEXT_FIELDS,
        type="best_fields",
        tie_breaker=0.3,
        operator="or",
        boost=2,
    )
    fuzzy = Q(
        "multi_match",
        query=text,
        fields=TEXT_FIELDS,
        type="best_fields",
        operator="or",
        fuzziness="AUTO",
        prefix_length=1,
        analyzer="index_text",
    )
    should = [exact, fuzzy]
    head = head_word(text)
    if head and len(base) > 1:
        # Widened to partial matches: the word naming the product outweighs the others, as in the database.
        should.append(Q("multi_match", query=head, fields=TEXT_FIELDS, type="best_fields", boost=2))
    should += _plural_synonym_queries(text, base) + _compound_queries(base, clauses)
    return Q("bool", should=should, minimum_should_match=1)


def _plural_synonym_queries(text, base) -> list:
    """ "rugs" is in the synonym group of "rug" (search.text), which the synonym filter, running before the
    stemmer, does not see: such a clause's group is asked for by its first phrase (which the filter knows)."""
    typed = set(meaningful_words(text))
    return [
        Q("multi_match", query=" ".join(clause.alternatives[0]), fields=TEXT_FIELDS, type="best_fields")
        for clause in base
        if not any(set(alternative) <= typed for alternative in clause.alternatives)
    ]


def filter_clauses(filters: dict) -> list:
    return [Q("terms", **{f"facet_{name}": values}) for name, values in sorted(filters.items())]


def build_search(
    query: SearchQuery,
    client=None,
    index=None,
    every_clause=False,
    partial=False,
    expanded=None,
    offset=None,
    size=None,
    aggregate=True,
) -> Search:
    """The request body. `every_clause`: the full matches only. `partial`: the products matching some clause
    but not all (any clause, minus the full matches). `offset`/`size` override the query's page (the partial
    matches' page starts where the full matches end); `aggregate` False leaves the facets out."""
    search = Search(using=client, index=index)
    if query.text:
        expanded = expanded or expanded_clauses(query.text)
        main = text_query(query.text, every_clause and not partial, expanded)
        boost = Q("range", verification_rank={"gte": 1, "boost": VERIFIED_BOOST})
        must_not = [text_query(query.text, True, expanded)] if partial else []
        search = search.query(Q("bool", must=[main], should=[boost], must_not=must_not))
    if query.filters:
        search = search.post_filter(Q("bool", filter=filter_clauses(query.filters)))
    # How many products the text matches before the chosen filters (decides what the facets count).
    search.aggs.bucket("matched", "filter", filter=Q("match_all"))
    for name in query.facets if aggregate else ():
        others = filter_clauses(query.without(name))
        holder = Q("bool", filter=others) if others else Q("match_all")
        search.aggs.bucket(name, "filter", filter=holder).bucket(
            "values", "terms", field=f"facet_{name}", size=FACET_VALUES
        )
    sorts = {
        "relevance": ["_score", {"published_at": {"order": "desc"}}],
        "newest": [{"published_at": {"order": "desc"}}],
        "lead_time": [{"lead_time_days": {"order": "asc"}}, "_score"],
        "price": price_sort(query.quantity),
    }
    search = search.sort(*sorts[query.sort])
    offset = query.offset if offset is None else offset
    size = query.page_size if size is None else size
    return search.extra(from_=offset, size=size, track_total_hits=True)


def price_sort(quantity=None) -> list:
    """Lowest price first: the lowest tier's, or at the buyer's `quantity` the price of the tier that applies
    there, as the database backend sorts. A unit price never rises with quantity (catalog's tier rule), so the
    applying tier is the cheapest of those starting at or under the quantity; a product whose MOQ is over it
    has no such tier (each tier starts at the MOQ at the earliest) and goes last."""
    if not quantity:
        return [{"price_usd": {"order": "asc", "missing": "_last"}}]
    at_quantity = {
        "order": "asc",
        "mode": "min",
        "missing": "_last",
        "nested": {"path": "tiers", "filter": {"range": {"tiers.min_quantity": {"lte": quantity}}}},
    }
    return [{"tiers.unit_price_usd": at_quantity}]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url=None, alias=None, timeout=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.alias = alias or settings.ELASTICSEARCH_INDEX
        self.timeout = timeout if timeout is not None else settings.ELASTICSEARCH_TIMEOUT
        if not self.url:
            raise BackendUnavailable("ELASTICSEARCH_URL is not set")
        self.client = Elasticsearch(
            self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
        )

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except FAILURES as error:
            raise BackendUnavailable(str(error)[:200]) from error

    def search(self, query: SearchQuery) -> SearchResult:
        """The products holding every clause first, then those holding some (two requests: the full matches'
        page, then the partial matches' page from where the full matches end), as the database backend does.
        Facets count the full matches when there are RELAX_BELOW of them, else the whole list (the two
        groups are disjoint, so their counts add up)."""
        expanded = expanded_clauses(query.text) if query.text else ([], [])
        if len(expanded[0]) < 2:
            response = self._search(build_search(query, expanded=expanded))
            return self._result(query, [response], response["hits"]["total"]["value"])
        full = self._search(build_search(query, every_clause=True, expanded=expanded))
        hits = full["hits"]
        full_count = hits["total"]["value"]
        many = full.get("aggregations", {}).get("matched", {}).get("doc_count", 0) >= RELAX_BELOW
        partial = self._search(
            build_search(
                query,
                partial=True,
                expanded=expanded,
                offset=max(0, query.offset - full_count),
                size=query.page_size - len(hits["hits"]),
                aggregate=not many,
            )
        )
        return self._result(query, [full] if many else [full, partial], full_count, partial)

    def _result(self, query, counted, full_count, partial=None) -> SearchResult:
        """A SearchResult from the responses: ids of the full page then the partial one, facet counts summed
        over the `counted` responses."""
        responses = [counted[0]] + ([partial] if partial else [])
        ids = [int(hit["_id"]) for response in responses for hit in response["hits"]["hits"]]
        total = sum(response["hits"]["total"]["value"] for response in responses)
        facets = {}
        for name in query.facets:
            summed = {}
            for response in counted:
                buckets = response.get("aggregations", {}).get(name, {}).get("values", {}).get("buckets", [])
                for bucket in buckets:
                    summed[str(bucket["key"])] = summed.get(str(bucket["key"]), 0) + bucket["doc_count"]
            facets[name] = [FacetCount(value=value, count=count) for value, count in summed.items() if count]
        return SearchResult(
            ids=ids,
            total=total,
            facets=facets,
            backend=self.name,
            partial=total > full_count,
            full_match_count=full_count,
            facets_of_full_matches=len(counted) == 1 or total == full_count,
        )

    def _search(self, search: Search) -> dict:
        return self._call(self.client.search, index=self.alias, body=search.to_dict())

    def suggest(self, text: str, limit: int = 6) -> list[int]:
        body = {
            "size": 0,
            "suggest": {
                "titles": {"prefix": text.lower(), "completion": {"field": "suggest", "size": limit}}
            },
        }
        response = self._call(self.client.search, index=self.alias, body=body)
        options = response.get("suggest", {}).get("titles", [{}])[0].get("options", [])
        return [int(option["_id"]) for option in options]

    def _actions(self, index, documents):
        for doc in documents:
            yield {"_op_type": "index", "_index": index, "_id": doc.id, "_source": to_source(doc)}

    def _bulk(self, index, documents):
        for ok, item in helpers.streaming_bulk(
            self.client, self._actions(index, documents), chunk_size=500, raise_on_error=False
        ):
            if not ok:
                raise BackendUnavailable(f"bulk indexing failed: {item}")

    def ensure_index(self) -> None:
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}"
            self._call(self.client.indices.create, index=name, body=index_body(name))
            self._call(
                self.client.indices.update_aliases,
                body={"actions": [{"add": {"index": name, "alias": self.alias}}]},
            )

    def index(self, documents) -> None:
        if not documents:
            return
        self.ensure_index()
        self._call(self._bulk, self.alias, documents)
        self._call(self.client.indices.refresh, index=self.alias)

    def remove(self, ids) -> None:
        ids = list(ids)
        if not ids:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": i} for i in ids)
        self._call(helpers.bulk, self.client, actions, raise_on_error=False)
        self._call(self.client.indices.refresh, index=self.alias)

    def rebuild(self, batches, total: int, progress=None) -> int:
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 1_000_000}"
        self._call(self.client.indices.create, index=name, body=index_body(name))
        count = 0
        for batch in batches:
            self._call(self._bulk, name, batch)
            count += len(batch)
            if progress:
                progress(len(batch))
        self._call(self.client.indices.refresh, index=name)
        old = [index for index in self._indexes_behind_alias() if index != name]
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self._call(self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self._call(self.client.indices.delete, index=index, ignore_unavailable=True)
        return count

    def _indexes_behind_alias(self) -> list[str]:
        # Our indexes are named <alias>-<timestamp>; list them rather than asking the alias (not every
        # server answers GET /<alias>/_alias).
        response = self._call(self.client.cat.indices, index=f"{self.alias}-*", format="json")
        return [row["index"] for row in response]

    def status(self) -> dict:
        count = (
            self._call(self.client.count, index=self.alias)["count"]
            if self._call(self.client.indices.exists_alias, name=self.alias)
            else 0
        )
        return {"backend": f"elasticsearch ({self.url}, alias {self.alias})", "documents": count}
