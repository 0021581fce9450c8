"""The same acceptance sent twice at once (a retried request, a double tap): one order, both told of it."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from orders.models import Order
from orders.trade.models import Quote


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_acceptances_of_one_quote_answer_the_same_single_order(
    on_postgres, trade_client_for, buyer, quote
):
    total = quote.total_for(quote.rfq.quantity)
    payload = {"revision": quote.revision, "total": {"amount": str(total.amount), "currency": total.currency}}
    url = reverse("api:trade-quote-accept", args=[quote.rfq_id, quote.pk])
    barrier = threading.Barrier(2)
    answers = []

    def accept():
        client = trade_client_for(buyer)
        try:
            barrier.wait(timeout=10)
            response = client.post(url, payload, format="json")
            answers.append((response.status_code, response.json()["order"]["id"]))
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    order = Order.objects.get()
    assert answers == [(200, order.pk), (200, order.pk)]
    assert Quote.objects.get(pk=quote.pk).state == Quote.State.ACCEPTED
