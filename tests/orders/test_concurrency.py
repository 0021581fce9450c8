"""20 buyers race for the last units on PostgreSQL: no oversell, clear refusals, no paid order unbooked."""

import threading

import pytest
from django.db import connection

from orders.checkout.ordering import CartLine, CheckoutError, checkout
from orders.ledger.reconcile import ledger_problems
from orders.models import Order
from tests.factories import BuyerFactory, ProductFactory, SupplierFactory

from .helpers import paid


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_for_five_lots_never_oversell(on_postgres):
    product = ProductFactory(supplier=SupplierFactory(), stock_on_hand=50)  # five lots of the MOQ (10)
    buyers = [BuyerFactory() for _ in range(20)]
    outcomes, barrier = [], threading.Barrier(20)

    def buy(buyer):
        try:
            barrier.wait()
            checkout(
                buyer=buyer,
                cart_lines=[CartLine(product, 10)],
                shipping_name="Importer",
                shipping_address="Somewhere 1",
                shipping_country="DE",
            )
            outcomes.append("ok")
        except CheckoutError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(buyer,)) for buyer in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    product.refresh_from_db()
    assert outcomes.count("ok") == 5
    assert product.stock_on_hand == 0
    refusals = [o for o in outcomes if o != "ok"]
    assert len(refusals) == 15 and all("left" in message for message in refusals)
    for order in Order.objects.all():
        paid(order, intent_id=f"pi_race_{order.pk}")
    assert Order.objects.filter(state=Order.State.PAID).count() == 5
    assert ledger_problems() == []
