"""The curators' dashboard through HTTP: figures, charts, CSV, the lists behind each number, refusals."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from orders.trade.models import Lead
from tests.factories import ClusterFactory, SupplierFactory
from tests.trade.factories import CapacityOfferFactory, ThreadFactory

from .helpers import PERIOD, at, dated, days, make_advance, make_allocation, make_event, make_lead, make_order

pytestmark = pytest.mark.django_db
DASHBOARD = "/admin/programme/"


@pytest.fixture
def marketplace():
    """Two clusters, an expo, suppliers of each kind with leads, inquiries, orders and advances."""
    pottery = ClusterFactory()
    women_micro = SupplierFactory(women_led=True, size="micro", clusters=[pottery])
    small = SupplierFactory(size="small", clusters=[pottery])
    medium = SupplierFactory(size="medium")
    event = make_event(suppliers=[women_micro, small])
    make_lead(women_micro, event=event, contacted_after=days(2), stage=Lead.Stage.ORDERED)
    make_lead(women_micro, event=event)
    make_lead(small, event=event, contacted_after=days(9))
    make_lead(medium)
    orders = []
    for supplier in (women_micro, small, small, medium):
        orders.append(make_order(supplier))
        dated(ThreadFactory(supplier=supplier), at(date(2026, 2, 1)))
    make_advance(women_micro, state="repaid", order=orders[0])
    make_advance(small, state="approved", order=orders[1])
    make_allocation(dated(CapacityOfferFactory(supplier=small), at(date(2026, 2, 2))))
    return {"cluster": pottery, "event": event}


def test_a_curator_sees_every_figure_with_its_breakdown(client_for, curator, marketplace):
    response = client_for(curator).get(DASHBOARD, PERIOD)

    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Exhibitors",
        "Leads",
        "Order value (USD)",
        "Conversion from lead to order (%)",
        "Advances repaid",
    ):
        assert label in html
    leads = next(row for row in response.context["rows"] if row["figure"].key == "leads")
    assert [cell["text"] for cell in leads["cells"]] == ["4", "2", "2", "2", "1", "1"]


def test_the_charts_are_inline_svg_with_a_title_and_a_description(client_for, curator, marketplace):
    html = client_for(curator).get(DASHBOARD, PERIOD).content.decode()

    assert html.count('<svg role="img"') == 15
    assert '<title id="chart-leads-svgtitle">Leads</title>' in html
    assert "Women-led: 2; Not women-led: 2; Micro: 2; Small: 1; Medium: 1" in html
    assert "<script" not in html.split('id="programme-figures"')[1].split("</main>")[0]


def test_every_count_on_the_dashboard_equals_the_length_of_the_list_it_links_to(
    client_for, curator, marketplace
):
    client = client_for(curator)
    for scope in (
        {},
        {"scope": "cluster", "cluster": marketplace["cluster"].pk},
        {"scope": "event", "event": marketplace["event"].pk},
    ):
        rows = client.get(DASHBOARD, {**PERIOD, **scope}).context["rows"]
        for row in rows:
            figure = row["figure"]
            if figure.unit != "count":
                continue
            for value, cell in zip(figure.values, row["cells"], strict=True):
                listed = client.get(cell["url"])
                assert listed.status_code == 200
                assert listed.context["page"].paginator.count == value, (scope, figure.key, cell["url"])


def test_a_share_links_to_the_records_it_counts(client_for, curator, marketplace):
    rows = client_for(curator).get(DASHBOARD, PERIOD).context["rows"]
    share = next(row for row in rows if row["figure"].key == "contacted_share")

    listed = client_for(curator).get(share["cells"][0]["url"])

    # One of the four leads was contacted within 7 days: 25 %, and the list holds that one lead.
    assert share["cells"][0]["text"] == "25.0 %"
    assert listed.context["page"].paginator.count == 1


def test_the_csv_has_every_figure_and_its_breakdown(client_for, curator, marketplace):
    response = client_for(curator).get(reverse("programme:csv"), PERIOD)

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="programme-whole-marketplace-2026-01-01'
    )
    assert rows[0] == ["Figure", "Unit", "Total", "Women-led", "Not women-led", "Micro", "Small", "Medium"]
    assert ["Leads", "count", "4", "2", "2", "2", "1", "1"] in rows
    assert [
        "Share of leads contacted within 7 days (%)",
        "percent",
        "25.0",
        "50.0",
        "0.0",
        "50.0",
        "0.0",
        "0.0",
    ] in rows
    assert ["Order value (USD)", "usd", "400.00", "100.00", "300.00", "100.00", "200.00", "100.00"] in rows
    assert len(rows) == 1 + 15


def test_the_csv_of_one_figure(client_for, curator, marketplace):
    response = client_for(curator).get(reverse("programme:csv"), {**PERIOD, "figure": "orders"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [["Orders", "count", "4", "1", "3", "1", "2", "1"]]


def test_bad_dates_are_a_form_error(client_for, curator):
    client = client_for(curator)

    unreadable = client.get(DASHBOARD, {"from": "2026-13-01", "to": "2026-06-30"})
    backwards = client.get(DASHBOARD, {"from": "2026-06-30", "to": "2026-01-01"})

    assert unreadable.status_code == 400 and "Enter a valid date." in unreadable.content.decode()
    assert backwards.status_code == 400
    assert "The last day cannot be before the first day." in backwards.content.decode()
    assert "rows" not in backwards.context


def test_a_cluster_scope_needs_a_cluster(client_for, curator):
    response = client_for(curator).get(DASHBOARD, {"scope": "cluster"})

    assert response.status_code == 400 and "Choose a cluster." in response.content.decode()


def test_the_default_period_is_the_last_twelve_months(client_for, curator):
    form = client_for(curator).get(DASHBOARD).context["form"]

    first, last = form.cleaned_data["from"], form.cleaned_data["to"]
    assert (last - first).days == 364


def test_the_dashboard_costs_a_fixed_number_of_queries(
    client_for, curator, marketplace, django_assert_num_queries
):
    client = client_for(curator)
    client.get(DASHBOARD, PERIOD)  # warms the session and the admin's caches

    with django_assert_num_queries(QUERIES):
        client.get(DASHBOARD, PERIOD)


# The session, the user, their permissions, profile and groups (6); the admin menu's locale, page and
# collection permissions (3); the form's cluster and event choices (2); the eleven aggregate queries (the
# exchange rates are cached by the first request): the same for 10 orders or 100,000.
QUERIES = 22


@pytest.mark.parametrize(
    "url", [DASHBOARD, reverse("programme:csv"), reverse("programme:records") + "?kind=leads"]
)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    "url", [DASHBOARD, reverse("programme:csv"), reverse("programme:records") + "?kind=leads"]
)
def test_an_operator_who_is_no_curator_is_refused(client_for, operator, marketplace, url):
    response = client_for(operator).get(url)

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_an_artisan_is_refused(client_for, artisan, marketplace):
    response = client_for(artisan).get(DASHBOARD)

    assert response.status_code == 302 and "Leads" not in response.content.decode()


def test_the_menu_item_shows_to_curators_only(client_for, curator, operator):
    assert DASHBOARD in client_for(curator).get("/admin/").content.decode()
    assert DASHBOARD not in client_for(operator).get("/admin/").content.decode()


def test_an_unknown_record_kind_is_not_found(client_for, curator):
    assert client_for(curator).get(reverse("programme:records"), {"kind": "salaries"}).status_code == 404
