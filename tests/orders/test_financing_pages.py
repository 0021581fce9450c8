"""The advance pages through HTTP: the supplier's request, the lender's officer's pages, and every refusal
(anonymous, another lender's officer, a supplier, a buyer, a member who is not an owner)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.financing.models import Advance
from orders.ledger.escrow import release_fulfilment
from tests.factories import MembershipFactory

from .conftest import make_order
from .financing_helpers import disbursed, make_lender, make_officer, requested
from .helpers import paid

pytestmark = pytest.mark.django_db
A = Advance.State


@pytest.fixture
def part(order):
    paid(order)
    return order.fulfilments.get()


def ask_url(part, lender=None):
    url = reverse("orders:request-advance", args=[part.pk])
    return f"{url}?lender={lender.slug}" if lender else url


def test_the_orders_page_offers_an_advance_to_the_owner(client_for, artisan, part, lender):
    page = client_for(artisan).get(reverse("orders:sell-orders"))

    assert ask_url(part) in page.content.decode()


def test_the_owner_asks_with_consent_and_sees_it_on_the_balance_page(client_for, artisan, part, lender):
    client = client_for(artisan)
    form = client.get(ask_url(part, lender))
    assert "I agree that the marketplace shares with Akhuwat" in form.content.decode()
    assert "75.00" in form.content.decode()  # 60 % of 125.00

    response = client.post(ask_url(part, lender), {"amount": "70.00", "consent": "on"})

    assert response.status_code == 302
    advance = Advance.objects.get()
    assert (advance.state, advance.requested_amount, advance.lender) == (
        A.REQUESTED,
        Decimal("70.00"),
        lender,
    )
    balance = client.get(reverse("orders:sell-balance")).content.decode()
    assert f'data-advance="{advance.pk}"' in balance


def test_above_the_limit_is_a_form_error(client_for, artisan, part, lender):
    response = client_for(artisan).post(ask_url(part, lender), {"amount": "75.01", "consent": "on"})

    assert response.status_code == 200
    assert "advances at most" in response.content.decode()
    assert not Advance.objects.exists()


def test_without_consent_nothing_is_asked(client_for, artisan, part, lender):
    response = client_for(artisan).post(ask_url(part, lender), {"amount": "10.00"})

    assert response.status_code == 200
    assert not Advance.objects.exists()


def test_others_cannot_open_the_request_page(
    client, client_for, supplier, other_artisan, buyer, part, lender
):
    assert client.get(ask_url(part, lender)).status_code == 302  # anonymous: to sign in
    staff = MembershipFactory(supplier=supplier, role="staff").user
    for user in (other_artisan, buyer, staff):
        assert client_for(user).get(ask_url(part, lender)).status_code == 404
        assert (
            client_for(user).post(ask_url(part, lender), {"amount": "1", "consent": "on"}).status_code == 404
        )
    assert not Advance.objects.exists()


def test_another_supplier_cannot_withdraw(client_for, artisan, other_artisan, part, lender):
    advance = requested(part.order, artisan, lender)

    response = client_for(other_artisan).post(reverse("orders:withdraw-advance", args=[advance.pk]))

    assert response.status_code == 404
    advance.refresh_from_db()
    assert advance.state == A.REQUESTED


def test_the_officer_approves_and_records_the_payment(client_for, artisan, part, lender, officer):
    advance = requested(part.order, artisan, lender)
    client = client_for(officer)
    assert f'data-advance="{advance.pk}"' in client.get(reverse("orders:lend-index")).content.decode()
    detail = client.get(reverse("orders:lend-advance", args=[advance.pk])).content.decode()
    assert "Orders fulfilled" in detail

    client.post(reverse("orders:lend-approve", args=[advance.pk]), {"amount": "50.00", "fee": ""})
    advance.refresh_from_db()
    assert (advance.state, advance.fee_amount) == (A.APPROVED, Decimal("1.00"))

    client.post(
        reverse("orders:lend-disburse", args=[advance.pk]),
        {"disbursed_on": "2026-12-01", "reference": "RAAST-1", "rail": "raast"},
    )
    advance.refresh_from_db()
    assert (advance.state, advance.disbursement_reference) == (A.DISBURSED, "RAAST-1")


def test_approving_above_what_was_asked_shows_the_error(client_for, artisan, part, lender, officer):
    advance = requested(part.order, artisan, lender, "40.00")

    response = client_for(officer).post(
        reverse("orders:lend-approve", args=[advance.pk]), {"amount": "41.00"}
    )

    assert response.status_code == 200
    assert "no more than was asked" in response.content.decode()


def test_the_officer_declines_with_a_reason(client_for, artisan, part, lender, officer):
    advance = requested(part.order, artisan, lender)

    client_for(officer).post(reverse("orders:lend-decline", args=[advance.pk]), {"reason": "Too early"})

    advance.refresh_from_db()
    assert (advance.state, advance.decline_reason) == (A.DECLINED, "Too early")


def test_nobody_else_sees_or_decides_a_lenders_request(client, client_for, artisan, buyer, part, lender):
    advance = requested(part.order, artisan, lender)
    other_officer = make_officer(make_lender("Other Bank"))
    pages = [
        ("get", reverse("orders:lend-advance", args=[advance.pk]), {}),
        ("post", reverse("orders:lend-approve", args=[advance.pk]), {"amount": "10"}),
        ("post", reverse("orders:lend-decline", args=[advance.pk]), {"reason": "no"}),
        (
            "post",
            reverse("orders:lend-disburse", args=[advance.pk]),
            {"disbursed_on": "2026-12-01", "reference": "x", "rail": "raast"},
        ),
    ]
    for method, url, data in pages:
        client.logout()
        assert getattr(client, method)(url, data).status_code == 302  # anonymous: to sign in
        for user in (other_officer, artisan, buyer):
            assert getattr(client_for(user), method)(url, data).status_code == 404, (url, user)
    for user in (artisan, buyer):
        assert client_for(user).get(reverse("orders:lend-index")).status_code == 404
        assert client_for(user).get(reverse("orders:lend-figures")).status_code == 404
    other_index = client_for(other_officer).get(reverse("orders:lend-index")).content.decode()
    assert f'data-advance="{advance.pk}"' not in other_index
    advance.refresh_from_db()
    assert advance.state == A.REQUESTED


def test_the_figures_page_and_the_release_net_of_the_repayment(client_for, artisan, part, lender, officer):
    disbursed(part.order, artisan, lender, officer)
    release_fulfilment(part)

    figures = client_for(officer).get(reverse("orders:lend-figures")).content.decode()
    assert '<dd class="repaid">1</dd>' in figures
    balance = client_for(artisan).get(reverse("orders:sell-balance")).content.decode()
    assert "repaid to your lender" in balance


def test_curators_and_operators_manage_lenders_in_the_admin(client_for, curator, operator, artisan, lender):
    for user in (curator, operator):
        client = client_for(user)
        assert client.get("/admin/lenders/").status_code == 200
        assert client.get(f"/admin/lenders/edit/{lender.pk}/").status_code == 200
        assert client.get("/admin/lender_officers/new/").status_code == 200
    refused = client_for(artisan).get("/admin/lenders/")
    assert refused.status_code in (302, 403)


def test_a_lender_with_a_negative_fee_is_a_form_error_that_keeps_what_was_typed(client_for, curator):
    typed = {
        "name": "Akhuwat\nBcc: x@example.com",
        "slug": "akhuwat-2",
        "kind": "islamic_mfi",
        "max_advance_percent": "60",
        "fee_percent": "-1",
        "currencies": ["PKR"],
    }
    response = client_for(curator).post("/admin/lenders/new/", typed)

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["fee_percent"]
    assert form["max_advance_percent"].value() == "60"
    assert form.cleaned_data["name"] == "Akhuwat Bcc: x@example.com"  # one line: no header injection


def test_a_curator_names_an_officer_by_email(client_for, curator, lender, buyer):
    response = client_for(curator).post(
        "/admin/lender_officers/new/", {"lender": lender.pk, "email": buyer.email}
    )

    assert response.status_code == 302
    assert lender.officers.get().user == buyer


@pytest.mark.parametrize("count", [2, 10])
def test_offering_advances_does_not_grow_the_orders_page_queries(
    client_for, artisan, buyer, supplier, product, lender, count, django_assert_num_queries
):
    for n in range(count):
        paid(make_order(buyer, supplier, product), intent_id=f"pi_{n}")
    client = client_for(artisan)
    client.get(reverse("orders:sell-orders"))

    # 12: the page's 9 (tests/orders/test_pages.py), the escrow balances and the live advances of its orders,
    # and the member's role at the supplier (only owners ask).
    with django_assert_num_queries(12):
        page = client.get(reverse("orders:sell-orders")).content.decode()
    assert page.count("Request an advance") == count
