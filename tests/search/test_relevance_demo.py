"""Real buyer queries on the demo catalog (manage.py load_demo): the wanted product must be in the top 3.

Queries are written the way importers type them (loose, misspelt, US/UK spellings, other names for the same
thing), not in the demo data's own words. Runs on every backend.
"""

import pytest
from django.core.management import call_command

from catalog.models import Product
from search.query import SearchQuery
from search.services import search_products

pytestmark = pytest.mark.django_db

# query -> words that the title of at least one of the top 3 results must all contain (a tuple of such lists:
# any one of them)
BUYER_QUERIES = {
    "8 inch round blue pottery planter with drainage": ["planter"],
    "embriodered cushon covers": ["embroidered", "cushion"],
    "jutti": ["jutti"],
    "cashmere shawl": ["pashmina"],
    "soccer ball hand stitched": ["football"],
    "stainless steel surgical scissors": ["scissors"],
    "goalkeeper glove": ["goalkeeper"],
    "motorcycle leather jacket": ["biker", "jacket"],
    "camel leather lamp": ["camel skin", "lamp"],
    "carved wooden coffee table": ["coffee table"],
    "ajrakh bed sheet": ["ajrak", "bedsheet"],
    "lacquer jewelry box": ["jewellery box"],
    "kilim rugs": ["kilim"],
    "aquamarine gem stones": ["aquamarine"],
    "banana fiber tote": ["banana", "tote"],
    "brass lamp": ["lamp"],
    "bed sheets cotton": ["bedsheet"],
    "boxing gloves": ["gloves"],
    "kids shoes": ["jutti"],
    # A hand-knotted wool carpet is a handmade wool rug (rug and carpet are one synonym group); the
    # Elasticsearch stand-in matches the synonym "hand made" by its words, so hand-knotted counts as handmade
    # there and not in the database: either product is what the buyer asked for.
    "handmade wool rugs": (["rug"], ["wool", "carpet"]),
    "dupatta": ["stole"],
    # Urdu names of the things (issue 21's judged set found them answered by nothing or by the wrong word)
    "razai": ["quilt"],
    "chitrali topi": ["pakol"],
    "kashmiri shawl": ["pashmina"],
}


@pytest.fixture
def demo(backend_name):
    call_command("load_demo", "--products", "300", verbosity=0)  # it runs `search_index rebuild` itself
    return backend_name


def test_real_buyer_queries_find_the_wanted_product_in_the_top_3(demo):
    misses = {}
    for text, must_contain in BUYER_QUERIES.items():
        ids = search_products(SearchQuery(text=text)).ids[:3]
        titles = [t.lower() for t in Product.objects.filter(pk__in=ids).values_list("title", flat=True)]
        wanted = must_contain if isinstance(must_contain, tuple) else (must_contain,)
        if not any(all(word in title for word in words) for title in titles for words in wanted):
            misses[text] = titles
    assert not misses, misses
