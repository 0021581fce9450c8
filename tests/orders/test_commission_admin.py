"""Operators set per-category commission rates in the back office (/admin/operations/commissions/): valid
rates only, one per category, input kept on error, everyone else refused; each change audited and applied to
later releases."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from marketplace.audit.models import StateChange
from orders.ledger.commissions import commission_percent
from orders.models import CategoryCommission
from tests.factories import CategoryFactory, MembershipFactory

from .helpers import paid

pytestmark = pytest.mark.django_db

RATES = "/admin/operations/commissions/"


@pytest.fixture
def category(db):
    return CategoryFactory(name="Blue pottery")


@pytest.fixture
def rate(category):
    return CategoryCommission.objects.create(category=category, percent=Decimal("7.50"))


def test_the_list_shows_each_categorys_rate(client_for, operator, rate):
    page = client_for(operator).get(RATES).content.decode()

    assert "Blue pottery" in page
    assert "7.50 %" in page
    assert "the default, 5.00 %" in page


def test_an_operator_adds_a_rate(client_for, operator, category):
    response = client_for(operator).post(f"{RATES}new/", {"category": category.pk, "percent": "12.5"})

    assert response.status_code == 302
    assert CategoryCommission.objects.get(category=category).percent == Decimal("12.50")


@pytest.mark.parametrize(
    ("percent", "message"),
    [
        ("100.01", "Enter a percentage from 0 to 100."),
        ("-1", "Enter a percentage from 0 to 100."),
        ("7.125", "Use at most two decimals, e.g. 7.25."),
        ("seven", "Enter a number such as 7.5."),
    ],
)
def test_a_rate_outside_0_to_100_or_too_precise_is_a_form_error_with_the_input_kept(
    client_for, operator, category, percent, message
):
    response = client_for(operator).post(f"{RATES}new/", {"category": category.pk, "percent": percent})

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{percent}"' in page
    assert f'<option value="{category.pk}" selected>' in page
    assert not CategoryCommission.objects.exists()


def test_a_second_rate_for_the_same_category_is_refused_clearly(client_for, operator, rate, category):
    response = client_for(operator).post(f"{RATES}new/", {"category": category.pk, "percent": "3"})

    assert response.status_code == 200
    assert "This category already has a rate; change that one instead." in response.content.decode()
    assert CategoryCommission.objects.get().percent == Decimal("7.50")


def test_the_database_refuses_a_rate_above_100_whatever_the_caller(category):
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryCommission.objects.create(category=category, percent=Decimal("150"))


def test_an_operator_changes_a_rate_and_the_change_is_audited(client_for, operator, rate, category):
    client_for(operator).post(f"{RATES}{rate.pk}/", {"category": category.pk, "percent": "9"})

    rate.refresh_from_db()
    assert rate.percent == Decimal("9.00")
    change = StateChange.objects.get(field="percent", object_id=rate.pk)
    assert (change.from_state, change.to_state, change.actor) == ("7.50", "9.00", operator)


def test_the_change_form_shows_the_current_rate(client_for, operator, rate):
    page = client_for(operator).get(f"{RATES}{rate.pk}/").content.decode()

    assert 'value="7.50"' in page


def test_an_operator_deletes_a_rate_after_confirming(client_for, operator, rate):
    client = client_for(operator)

    assert "Delete the rate for Blue pottery?" in client.get(f"{RATES}{rate.pk}/delete/").content.decode()
    assert CategoryCommission.objects.exists()
    client.post(f"{RATES}{rate.pk}/delete/")

    assert not CategoryCommission.objects.exists()
    assert StateChange.objects.filter(field="percent", object_id=rate.pk, to_state="").exists()


def test_a_new_rate_applies_to_the_next_release(client_for, operator, order, product):
    paid(order)
    client_for(operator).post(f"{RATES}new/", {"category": product.category.pk, "percent": "10"})

    assert commission_percent(order.fulfilments.get()) == Decimal("10.00")


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", RATES, None),
        ("get", f"{RATES}new/", None),
        ("post", f"{RATES}new/", {"percent": "50"}),
        ("get", RATES + "{pk}/", None),
        ("post", RATES + "{pk}/", {"percent": "50"}),
        ("post", RATES + "{pk}/delete/", {}),
    ],
)
def test_no_one_but_an_operator_may_see_or_change_rates(
    client, client_for, buyer, artisan, curator, rate, category, method, path, data
):
    url = path.format(pk=rate.pk)
    if data is not None:
        data = {**data, "category": category.pk}
    # Without admin access: Wagtail's login page. A curator gets in but is refused: back to the dashboard.
    for user, refused_to in [
        (buyer, "/admin/login/"),
        (artisan, "/admin/login/"),
        (MembershipFactory().user, "/admin/login/"),
        (curator, "/admin/"),
    ]:
        response = getattr(client_for(user), method)(url, data)
        assert response.status_code == 302 and response["Location"].split("?")[0] == refused_to, (user, url)
    client.logout()
    anonymous = getattr(client, method)(url, data)

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    rate.refresh_from_db()
    assert rate.percent == Decimal("7.50")
    assert CategoryCommission.objects.count() == 1


def test_the_service_refuses_anyone_but_an_operator(curator, category):
    from marketplace.workflow import TransitionError
    from orders.ledger.commissions import save_category_commission

    with pytest.raises(TransitionError) as error:
        save_category_commission(category=category, percent=Decimal("1"), actor=curator)

    assert error.value.code == "not_operator"
    assert not CategoryCommission.objects.exists()
