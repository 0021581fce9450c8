"""Who gets into the operators' back office (/admin/operations/), refusals first; the Operations menu and
the curators' menus; the old /ops/ addresses."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.permissions import grant_curator_permissions
from marketplace.accounts.models import CURATORS_GROUP
from orders.ledger.payouts import create_payout_batch
from orders.models import CategoryCommission, Dispute, Order, PayoutBatch, PayoutItem, Refund

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
DASHBOARD = "/admin/"


@pytest.fixture
def batch(released, iban_account, operator):
    """An open payout batch of one item: the supplier's 118.75 USD."""
    return create_payout_batch(currency="USD", actor=operator)


@pytest.fixture
def rate(product):
    return CategoryCommission.objects.create(category=product.category, percent="7.50")


@pytest.fixture
def urls(released, batch, rate):
    item = batch.items.get()
    return {
        "order": released.pk,
        "batch": batch.pk,
        "item": item.pk,
        "rate": rate.pk,
    }


PAGES = [
    "/admin/operations/orders/",
    "/admin/operations/orders/results/",
    "/admin/operations/orders/{order}/",
    "/admin/operations/ledger/",
    "/admin/operations/ledger/results/",
    "/admin/operations/payouts/",
    "/admin/operations/payouts/results/",
    "/admin/operations/payouts/new/",
    "/admin/operations/payouts/{batch}/",
    "/admin/operations/payouts/{batch}/bank.csv",
    "/admin/operations/lender-payments/",
    "/admin/operations/commissions/",
    "/admin/operations/commissions/results/",
    "/admin/operations/commissions/new/",
    "/admin/operations/commissions/{rate}/",
    "/admin/operations/commissions/{rate}/delete/",
]

ACTIONS = [
    ("/admin/operations/orders/{order}/refund/", {"refund-amount": "10.00"}),
    ("/admin/operations/orders/{order}/resolve-dispute/", {"resolve-resolution": "refund"}),
    ("/admin/operations/orders/{order}/refund-late-payment/", {}),
    ("/admin/operations/payouts/new/", {"currency": "USD"}),
    ("/admin/operations/payouts/{batch}/settle/", {}),
    ("/admin/operations/payouts/{batch}/items/{item}/settle/", {}),
    ("/admin/operations/payouts/{batch}/settlement-file/", {"file": "settlement"}),
    ("/admin/operations/commissions/new/", {"category": "", "percent": "50"}),
    ("/admin/operations/commissions/{rate}/", {"percent": "50"}),
    ("/admin/operations/commissions/{rate}/delete/", {}),
]


def assert_refused(response, who):
    """Wagtail's two refusals: to its login page without admin access, to the dashboard without the right."""
    expected = DASHBOARD if who == "curator" else ADMIN_LOGIN
    assert response.status_code == 302, who
    assert response["Location"].split("?")[0] == expected, who


def money_and_rates():
    """Everything an action could change: refunds, batches and their items, the order, rates."""
    return (
        Refund.objects.count(),
        PayoutBatch.objects.count(),
        list(PayoutItem.objects.values_list("state", flat=True)),
        list(Order.objects.values_list("state", flat=True)),
        Dispute.objects.count(),
        list(CategoryCommission.objects.values_list("category", "percent")),
    )


@pytest.mark.parametrize("page", PAGES)
def test_no_one_but_an_operator_opens_a_back_office_page(request, client, urls, page):
    url = page.format(**urls)

    assert_refused(client.get(url), "anonymous")
    for who in ("buyer", "artisan", "curator"):
        client.force_login(request.getfixturevalue(who))
        assert_refused(client.get(url), who)


@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_no_one_but_an_operator_acts_in_the_back_office(request, client, urls, action, data):
    url = action.format(**urls)
    if "file" in data:
        settlement = f"reference,status\nPAYOUT-{urls['batch']}-{urls['item']},paid\n".encode()
        data = {"file": SimpleUploadedFile("settlement.csv", settlement)}
    before = money_and_rates()

    assert_refused(client.post(url, data), "anonymous")
    for who in ("buyer", "artisan", "curator"):
        client.force_login(request.getfixturevalue(who))
        assert_refused(client.post(url, data), who)

    assert money_and_rates() == before


@pytest.mark.parametrize(
    ("page", "shows"),
    [
        ("/admin/operations/orders/", "All orders"),
        ("/admin/operations/orders/{order}/", "Held in escrow"),
        ("/admin/operations/ledger/", "Every transaction balances and every account reconciles."),
        ("/admin/operations/payouts/", "Payout batch"),
        ("/admin/operations/payouts/new/", "Create the batch"),
        ("/admin/operations/payouts/{batch}/", "PAYOUT-"),
        ("/admin/operations/lender-payments/", "No release has repaid a lender yet."),
        ("/admin/operations/commissions/", "7.50 %"),
        ("/admin/operations/commissions/new/", "Commission (percent)"),
        ("/admin/operations/commissions/{rate}/", 'value="7.50"'),
        ("/admin/operations/commissions/{rate}/delete/", "Delete the rate for"),
    ],
)
def test_an_operator_opens_every_back_office_page(client_for, operator, urls, page, shows):
    response = client_for(operator).get(page.format(**urls))

    assert response.status_code == 200
    assert shows in response.content.decode()


def test_a_superuser_counts_as_an_operator(client_for, urls):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True)

    assert client_for(admin).get("/admin/operations/orders/").status_code == 200


# --- Menus -------------------------------------------------------------------------------------------------
def sidebar_menu(client):
    """The admin's main menu as {item name: [its submenu item names]}, read from the sidebar's JSON props
    (Wagtail 8.0's `wagtail-sidebar-props`: if Wagtail changes their shape, this helper fails loudly)."""
    html = client.get(DASHBOARD).content.decode()
    props = html.split('id="wagtail-sidebar-props"', 1)[1].split(">", 1)[1].split("</script>", 1)[0]
    refs = {}

    def name(item):
        value = item["_args"][0]["name"]
        # Telepath packs a repeated value once ({"_val", "_id"}) and refers to it later ({"_ref"}).
        if isinstance(value, dict) and "_val" in value:
            refs[value["_id"]] = value["_val"]
            return value["_val"]
        return refs[value["_ref"]] if isinstance(value, dict) else value

    main = next(m for m in json.loads(props)["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    return {
        name(item): [name(sub) for sub in item["_args"][1]] if item["_type"].endswith("SubMenuItem") else []
        for item in main["_args"][0]
    }


@pytest.fixture
def admin_curator(curator):
    """The conftest curator with the demo Curators group's permissions (pages, catalog, images)."""
    grant_curator_permissions(Group.objects.get(name=CURATORS_GROUP))
    return curator


def test_an_operator_sees_the_operations_menu_with_orders_ledger_payouts_lenders_commissions_and_emails(
    client_for, operator
):
    menu = sidebar_menu(client_for(operator))

    assert menu["operations"] == ["orders", "ledger", "payouts", "lender-payments", "commissions", "emails"]


def test_a_curator_does_not_see_the_operations_menu(client_for, admin_curator):
    menu = sidebar_menu(client_for(admin_curator))

    assert "operations" not in menu
    assert {"explorer", "catalog", "images", "trade"} <= set(menu)


def test_an_operator_who_is_not_a_curator_sees_none_of_the_curators_menus(
    client_for, admin_curator, operator
):
    menu = sidebar_menu(client_for(operator))

    # Lenders (issue 20) are managed by curators and operators both: operators pay them.
    assert set(menu) == {"operations", "lenders", "help"}


@pytest.mark.parametrize(
    "url",
    ["/admin/pages/", "/admin/snippets/catalog/product/", "/admin/images/", "/admin/trade_thread/"],
)
def test_an_operator_who_is_not_a_curator_is_refused_the_curators_screens(client_for, operator, url):
    assert_refused(client_for(operator).get(url), "curator")


def test_someone_in_both_groups_sees_both_menus(client_for, admin_curator, operator):
    operator.groups.add(Group.objects.get(name=CURATORS_GROUP))

    menu = sidebar_menu(client_for(operator))

    assert {"operations", "explorer", "catalog", "trade"} <= set(menu)


# --- The old addresses -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/ops/", "/admin/operations/orders/"),
        ("/ops/orders/{order}/", "/admin/operations/orders/{order}/"),
        ("/ops/orders/{order}/refund-late-payment/", "/admin/operations/orders/{order}/"),
        ("/ops/ledger/", "/admin/operations/ledger/"),
        ("/ops/payouts/", "/admin/operations/payouts/"),
        ("/ops/payouts/{batch}/", "/admin/operations/payouts/{batch}/"),
        ("/ops/payouts/{batch}/bank.csv", "/admin/operations/payouts/{batch}/bank.csv"),
        ("/ops/commissions/", "/admin/operations/commissions/"),
        ("/ops/commissions/add/", "/admin/operations/commissions/new/"),
        ("/ops/commissions/{rate}/", "/admin/operations/commissions/{rate}/"),
        ("/ops/commissions/{rate}/delete/", "/admin/operations/commissions/{rate}/delete/"),
    ],
)
def test_every_old_ops_address_moves_permanently_to_its_admin_page(client, urls, old, new):
    response = client.get(old.format(**urls))

    assert response.status_code == 301
    assert response["Location"] == new.format(**urls)


def test_posting_to_the_old_late_payment_refund_refunds_nothing(client_for, operator, urls):
    response = client_for(operator).post(f"/ops/orders/{urls['order']}/refund-late-payment/")

    assert response.status_code == 301
    assert not Refund.objects.exists()
