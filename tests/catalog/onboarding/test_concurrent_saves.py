"""Two tabs (or a double click) saving the application at the same moment make one supplier: the applicant's
row is locked first, so the second save waits, then finds the application the first made.

PostgreSQL only: SQLite's in-memory test database has no row locks to wait on (it serialises writes instead,
which test_applications covers sequentially)."""

import threading

import pytest
from django.db import connection

from catalog.models import Supplier, SupplierApplication, SupplierMembership
from catalog.onboarding import applications

from .factories import ApplicantFactory, facts

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_simultaneous_saves_make_one_supplier_one_membership_and_one_application(on_postgres):
    applicant = ApplicantFactory()
    start = threading.Barrier(2)
    errors = []

    def save(name):
        try:
            start.wait()
            applications.save_application(applicant, facts(name=name))
        except Exception as error:  # collected: an exception in a thread would otherwise be lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("First tab", "Second tab")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Supplier.objects.count() == 1 and SupplierApplication.objects.count() == 1
    assert SupplierMembership.objects.filter(user=applicant).count() == 1
    assert Supplier.objects.get().name in {"First tab", "Second tab"}
