"""Stored codes as people read them (marketplace.labels): a recorded state change and a refused transition
name the choice's label; a value without a choice is shown as it is."""

import pytest
from django.contrib.contenttypes.models import ContentType

from marketplace.audit.models import StateChange
from marketplace.labels import choice_label
from marketplace.workflow import record
from orders.models import Order
from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db


def test_a_choice_is_named_by_its_label():
    assert choice_label(Order, "state", "awaiting_payment") == "Awaiting payment"
    assert choice_label(Order, "source", "quote") == "Accepted quote"


def test_a_value_without_a_choice_or_a_field_is_shown_as_it_is():
    assert choice_label(Order, "state", "") == ""
    assert choice_label(Order, "no_such_field", "7.50") == "7.50"
    assert choice_label(None, "state", "paid") == "paid"


def test_a_recorded_change_names_both_states_by_their_labels():
    order = Order.objects.create(buyer=BuyerFactory(), currency="USD")

    change = record(order, Order.State.AWAITING_PAYMENT, Order.State.IN_PRODUCTION, None)

    assert (change.from_state_label, change.to_state_label) == ("Awaiting payment", "In production")


def test_a_page_of_changes_costs_no_query_per_label(django_assert_num_queries):
    order = Order.objects.create(buyer=BuyerFactory(), currency="USD")
    record(order, "", Order.State.AWAITING_PAYMENT, None)
    record(order, Order.State.AWAITING_PAYMENT, Order.State.PAID, None)
    record(order, Order.State.PAID, Order.State.SHIPPED, None)
    changes = list(StateChange.objects.filter(object_id=order.pk))
    ContentType.objects.clear_cache()

    with django_assert_num_queries(1):  # the content type, once, then from Django's cache
        assert [c.to_state_label for c in changes] == ["Awaiting payment", "Paid", "Shipped"]
