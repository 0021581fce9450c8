"""Search on a wide screen (issue 22): the filters stay open in the side column. The phone's journey (a
result in the first screen, the folded filters, a chip, the product, the supplier's whole catalog) is
test_phone_buyer_journey.py's, on the demo catalog."""

import pytest
from django.urls import reverse

from cms import services as cms_services
from search import services as search_services
from tests.factories import ClusterFactory, ProductFactory, ProductImageFactory, SupplierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def potters(settings):
    settings.SEARCH_BACKEND = "database"
    cms_services.ensure_home()
    cluster = ClusterFactory(name="Multan blue pottery", slug="multan-blue-pottery")
    supplier = SupplierFactory(name="Naqsh Women Potters", slug="naqsh-women-potters", clusters=[cluster])
    cms_services.ensure_storefront(supplier)
    for title in ["Blue pottery planter", "Blue pottery vase", "Blue pottery tile set"]:
        ProductImageFactory(product=ProductFactory(supplier=supplier, title=title))
    other = SupplierFactory(name="Kashi Ceramics House", clusters=[cluster])
    ProductImageFactory(product=ProductFactory(supplier=other, title="Blue pottery lamp"))
    for backend in search_services.active_backends():
        search_services.rebuild_index(backend)
    return supplier


def test_on_a_wide_screen_the_filters_stay_open_in_the_side_column(live_server, page, potters):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse("search:search") + "?q=blue+pottery")
    assert page.get_by_role("checkbox", name="Naqsh Women Potters").is_visible()
    assert not page.get_by_text("Filters (0 chosen)").is_visible()
    page.goto(live_server.url + reverse("catalog:product-list"))
    assert page.get_by_label("Category").is_visible()
