"""Two tabs accepting two different quotes of one RFQ at the same time (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection

from marketplace.workflow import TransitionError
from orders.models import Order
from orders.trade.models import Quote

from .factories import QuoteFactory
from .helpers import accept_as_seen


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_acceptances_end_with_one_accepted_quote_and_one_order(
    on_postgres, buyer, rfq, matching_supplier, rival_supplier
):
    quotes = [
        QuoteFactory(rfq=rfq, supplier=matching_supplier),
        QuoteFactory(rfq=rfq, supplier=rival_supplier),
    ]
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(quote):
        try:
            barrier.wait(timeout=10)
            outcomes.append(accept_as_seen(quote, buyer))
        except TransitionError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=accept, args=(q,)) for q in quotes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(type(o).__name__ for o in outcomes) == ["Order", "str"]
    assert "already_awarded" in outcomes
    assert Quote.objects.filter(state="accepted").count() == 1
    assert Order.objects.count() == 1
