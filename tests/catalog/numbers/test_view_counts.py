"""Views of product pages and storefronts are counted per day, without storing who viewed; the artisan's own
views and robots' are not counted. The counts show on /sell/ as a table and a bar chart."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.onboarding_models import ViewCount
from catalog.sell.charts import HEIGHT, bar_chart
from tests.factories import MembershipFactory, ProductFactory

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile"}


@pytest.fixture
def product(db):
    return ProductFactory()


def views_of(product):
    return list(ViewCount.objects.filter(product=product).values_list("kind", "day", "count"))


def test_a_buyers_view_is_counted_once_per_view_in_one_row_for_the_day(client, buyer, product):
    client.force_login(buyer)
    url = product.get_absolute_url()
    client.get(url, **BROWSER)
    client.get(url, **BROWSER)
    assert views_of(product) == [("product", timezone.localdate(), 2)]


def test_an_anonymous_visitors_view_is_counted(client, product):
    client.get(product.get_absolute_url(), **BROWSER)
    assert views_of(product) == [("product", timezone.localdate(), 1)]


def test_a_members_view_is_not_counted(client, product):
    member = MembershipFactory(supplier=product.supplier, role="staff").user
    client.force_login(member)
    client.get(product.get_absolute_url(), **BROWSER)
    assert views_of(product) == []


@pytest.mark.parametrize(
    "user_agent",
    ["", "Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1", "curl/8.4.0",
     "python-requests/2.31", "Mozilla/5.0 HeadlessChrome/120.0"],
)  # fmt: skip
def test_robots_are_not_counted(client, product, user_agent):
    client.get(product.get_absolute_url(), HTTP_USER_AGENT=user_agent)
    assert views_of(product) == []


def test_nothing_about_the_viewer_is_stored(client, buyer, product):
    client.force_login(buyer)
    client.get(product.get_absolute_url(), **BROWSER)
    row = ViewCount.objects.get()
    # Only what was viewed, the day and the count: no user, address, agent or session column exists.
    assert {f.attname for f in ViewCount._meta.concrete_fields} == {
        "id", "kind", "supplier_id", "product_id", "day", "count"
    }  # fmt: skip
    assert (row.kind, row.supplier_id, row.product_id, row.count) == (
        "product",
        product.supplier_id,
        product.pk,
        1,
    )


def test_a_storefront_view_is_counted_for_its_supplier(client, home):
    from cms.services import ensure_storefront

    page = ensure_storefront(ProductFactory().supplier)
    client.get(page.url, **BROWSER)
    rows = list(ViewCount.objects.values_list("kind", "supplier_id", "product_id", "count"))
    assert rows == [("storefront", page.supplier_id, None, 1)]


def test_the_storefront_owners_own_view_is_not_counted(client, home, artisan, supplier):
    from cms.services import ensure_storefront

    page = ensure_storefront(supplier)
    client.force_login(artisan)
    client.get(page.url, **BROWSER)
    assert not ViewCount.objects.exists()


@pytest.fixture
def home(db):
    from cms.services import ensure_home

    return ensure_home()


# --- Charts -------------------------------------------------------------------------------------------------
def test_bars_are_scaled_to_the_largest_value():
    chart = bar_chart("Views", [("1 Dec", 0), ("2 Dec", 5), ("3 Dec", 10)])
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == 0 and heights[2] == HEIGHT - 4 and heights[1] == pytest.approx((HEIGHT - 4) / 2)
    assert [bar.shown for bar in chart.bars] == ["0", "5", "10"]
    # Bars sit on the baseline: y + height is the baseline for each.
    assert {round(bar.y + bar.height, 1) for bar in chart.bars} == {HEIGHT}


def test_a_chart_of_zeros_draws_no_bar_and_thirty_days_get_at_most_eight_labels():
    chart = bar_chart("Views", [(str(day), 0) for day in range(30)])
    assert chart.is_empty and all(bar.height == 0 for bar in chart.bars)
    assert sum(bar.labelled for bar in chart.bars) <= 8 and chart.bars[-1].labelled


def test_the_dashboard_shows_the_views_in_a_chart_and_a_table(client_for, artisan, supplier):
    product = ProductFactory(supplier=supplier)
    today = timezone.localdate()
    ViewCount.objects.create(kind="product", supplier=supplier, product=product, day=today, count=7)
    ViewCount.objects.create(
        kind="product", supplier=supplier, product=product, day=today - timedelta(days=40), count=99
    )  # older than 30 days: not shown
    ViewCount.objects.create(kind="storefront", supplier=supplier, day=today - timedelta(days=1), count=3)
    other = ProductFactory()
    ViewCount.objects.create(kind="product", supplier=other.supplier, product=other, day=today, count=500)
    page = client_for(artisan).get(reverse("sell:dashboard")).content.decode()
    assert "7 views of your products" in page and "3 views of your storefront" in page
    assert 'role="img"' in page and '<title id="chart-product-views-' in page
    assert "<td>99</td>" not in page and "<td>500</td>" not in page and "<td>7</td>" in page


def test_a_head_request_is_not_a_view(client, product):
    client.head(product.get_absolute_url(), **BROWSER)
    assert views_of(product) == []
