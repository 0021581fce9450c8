"""Orders as people read them (issue 18): states, sources and units by their labels, never their codes; dates
in the one format ("3 Dec 2026", "3 Dec 2026, 14:05"); every amount, the operators' pages too, grouped by the
one formatter ("1,992.00 PKR", never "1992.00 PKR")."""

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from marketplace.workflow import TransitionError, history, transition
from orders.checkout.ordering import LineSpec, create_order
from orders.models import Order
from orders.states import ORDER_TRANSITIONS

from .helpers import paid

pytestmark = pytest.mark.django_db

KARACHI = ZoneInfo("Asia/Karachi")
PLACED = datetime(2026, 12, 3, 14, 5, tzinfo=KARACHI)


def visible(response) -> str:
    """The page's text without its tags: codes in attributes (data-state="paid") are for scripts and tests."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


@pytest.fixture
def pkr_order(buyer, supplier, product):
    """12 square metres at 166.00 PKR (1,992.00 PKR), placed on 3 December 2026 at 14:05 in Karachi."""
    order = create_order(
        buyer=buyer,
        currency="PKR",
        lines=[LineSpec(supplier, "Hand-knotted rug", 12, "sqm", Decimal("166.00"), product=product)],
        source="direct",
    )
    Order.objects.filter(pk=order.pk).update(created_at=PLACED)
    history(order).update(at=PLACED)
    order.refresh_from_db()
    return order


def test_the_order_list_shows_the_state_label_and_the_one_date_format(client_for, buyer, pkr_order):
    page = visible(client_for(buyer).get("/orders/"))

    assert "Awaiting payment" in page and "awaiting_payment" not in page
    assert "· 3 Dec 2026" in page


def test_the_order_history_reads_the_state_and_the_source_by_their_labels(client_for, buyer, pkr_order):
    page = visible(client_for(buyer).get(f"/orders/{pkr_order.pk}/"))

    assert "Awaiting payment · Direct purchase" in page
    assert "awaiting_payment" not in page and "created from" not in page


def test_the_order_history_writes_each_moment_in_the_one_format(client_for, buyer, pkr_order):
    page = client_for(buyer).get(f"/orders/{pkr_order.pk}/").content.decode()

    assert ">3 Dec 2026, 14:05</time>: Awaiting payment · Direct purchase</li>" in page


def test_a_paid_orders_history_has_no_stripe_ids_or_codes(client_for, buyer, pkr_order):
    paid(pkr_order, intent_id="pi_internal_42")

    page = visible(client_for(buyer).get(f"/orders/{pkr_order.pk}/"))

    assert "3 Dec 2026, 14:05: Awaiting payment · Direct purchase" in page
    assert ": Paid" in page
    assert "pi_internal_42" not in page and "succeeded" not in page


def test_an_order_line_shows_its_unit_by_label(client_for, buyer, pkr_order):
    page = client_for(buyer).get(f"/orders/{pkr_order.pk}/").content.decode()

    assert "12 square metre" in page and "12 sqm" not in page


def test_the_suppliers_orders_show_the_part_state_label_and_grouped_amounts(client_for, artisan, pkr_order):
    paid(pkr_order)

    page = visible(client_for(artisan).get("/sell/orders/"))

    assert "Status: Paid ·" in page and "pending" not in page  # the part, in the supplier's words (issue 22)
    assert "1,992.00 PKR" in page
    assert "12 square metre" in page


def test_another_supplier_does_not_see_the_order_on_its_list(client_for, other_artisan, pkr_order):
    paid(pkr_order)

    page = client_for(other_artisan).get("/sell/orders/").content.decode()

    assert "Hand-knotted rug" not in page


def test_the_operators_order_list_shows_labels_and_the_grouped_total(client_for, operator, pkr_order):
    page = client_for(operator).get("/admin/operations/orders/").content.decode()

    assert "Awaiting payment" in page and "Direct purchase" in page
    assert "1,992.00 PKR" in page and "1992.00 PKR" not in page


def test_a_buyer_cannot_open_the_operators_order_list(client_for, buyer, pkr_order):
    response = client_for(buyer).get("/admin/operations/orders/")

    assert response.status_code in (302, 403)


def test_the_operators_order_page_groups_every_amount(client_for, operator, pkr_order):
    paid(pkr_order)

    page = client_for(operator).get(f"/admin/operations/orders/{pkr_order.pk}/").content.decode()

    assert "1992.00" not in page and "1992.0000" not in page and "166.00 PKR" in page
    assert page.count("1,992.00 PKR") >= 4  # total, held, the supplier's part, the payment, ledger entries
    assert "3 Dec 2026, 14:05" in page


def test_a_refused_transition_names_the_states_by_their_labels(pkr_order):
    with pytest.raises(TransitionError) as refused:
        transition(Order, pkr_order.pk, Order.State.IN_PRODUCTION, ORDER_TRANSITIONS)

    assert "“Awaiting payment” to “In production”" in refused.value.message
    assert "in_production" not in refused.value.message
