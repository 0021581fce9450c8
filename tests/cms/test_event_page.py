"""The event page: dates and place, exhibitors grouped by cluster with booth and storefront link, in a fixed
number of queries, in Urdu too."""

import pytest
from django.core.cache import cache

from cms.models import EventPage, HomePage
from tests.factories import ClusterFactory, SupplierFactory
from tests.trade.leads.expo import EventFactory, ExhibitorFactory

from .conftest import get_twice

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_page(home):
    event = EventFactory(
        name="Made in Pakistan - SME Cluster Showcase Expo", city="Lahore", venue="Expo Centre"
    )
    return home.add_child(instance=EventPage(title=event.name, slug="expo-2026", event=event))


def test_the_page_lists_exhibitors_by_cluster_with_booth_and_storefront(client, event_page):
    pottery = ClusterFactory(name="Multan blue pottery", slug="multan-blue-pottery")
    gloves = ClusterFactory(name="Sialkot leather gloves", slug="sialkot-leather-gloves")
    potter = SupplierFactory(name="Kashigar Studio", slug="kashigar-studio", clusters=[pottery])
    glover = SupplierFactory(name="Glove Makers", slug="glove-makers", clusters=[gloves])
    loner = SupplierFactory(name="Lone Workshop", slug="lone-workshop")
    hidden = SupplierFactory(name="Closed Workshop", is_active=False, clusters=[pottery])
    for supplier, booth in [(potter, "B-12"), (glover, "A-03"), (loner, ""), (hidden, "C-1")]:
        ExhibitorFactory(event=event_page.event, supplier=supplier, booth=booth)
    ExhibitorFactory(supplier=SupplierFactory(name="At Another Fair"))

    response = client.get("/expo-2026/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lahore" in html and "Expo Centre" in html
    assert "10 Mar 2026 to 12 Mar 2026" in html
    assert html.index("Multan blue pottery") < html.index("Kashigar Studio")
    assert html.index("Sialkot leather gloves") < html.index("Glove Makers") < html.index("Other exhibitors")
    assert html.index("Multan blue pottery") < html.index("Sialkot leather gloves")
    assert 'href="/suppliers/kashigar-studio/"' in html and "Booth B-12" in html
    assert 'href="/clusters/multan-blue-pottery/"' in html
    assert "Lone Workshop" in html
    assert "Closed Workshop" not in html and "At Another Fair" not in html


def test_the_page_speaks_urdu(client, event_page):
    ExhibitorFactory(event=event_page.event, booth="B-12")

    html = client.get("/expo-2026/", HTTP_ACCEPT_LANGUAGE="ur").content.decode()

    assert 'lang="ur"' in html


def test_curators_may_add_an_event_page_below_home():
    assert "cms.EventPage" in HomePage.subpage_types


# Warm and cold as in test_pages.py; of these, 2 are the exhibitors (with their suppliers) and their clusters,
# whatever their number.
EVENT_QUERIES = {"warm": 4, "cold": 7}


@pytest.mark.parametrize("cache_state", ["warm", "cold"])
@pytest.mark.parametrize("exhibitors", [2, 10])
def test_event_page_query_count_does_not_grow_with_exhibitors(
    client, event_page, exhibitors, cache_state, django_assert_num_queries
):
    for _ in range(exhibitors):
        ExhibitorFactory(
            event=event_page.event, supplier=SupplierFactory(clusters=[ClusterFactory(), ClusterFactory()])
        )

    get_twice(client, "/expo-2026/")
    if cache_state == "cold":
        cache.clear()
    with django_assert_num_queries(EVENT_QUERIES[cache_state]):
        assert client.get("/expo-2026/").status_code == 200
