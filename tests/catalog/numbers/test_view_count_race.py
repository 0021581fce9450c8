"""Ten buyers open a product at the same moment, the day's first views: on PostgreSQL every view is counted,
in one row (the losers of the insert race update instead)."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory

from catalog.onboarding_models import ViewCount
from catalog.sell.numbers import count_view
from tests.factories import ProductFactory

from .test_view_counts import BROWSER


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_first_views_at_once_make_one_row_counting_ten(on_postgres):
    product = ProductFactory()
    barrier = threading.Barrier(10)
    counted = []

    def view():
        request = RequestFactory().get(product.get_absolute_url(), **BROWSER)
        request.user = AnonymousUser()
        try:
            barrier.wait()
            counted.append(count_view(request, supplier=product.supplier, product=product))
        finally:
            connection.close()

    threads = [threading.Thread(target=view) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert counted == [True] * 10
    assert list(ViewCount.objects.values_list("count", flat=True)) == [10]
