"""Who may import and export: a supplier's owner or coordinator, for that supplier only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from catalog.bulk import services
from catalog.bulk.models import ImportJob
from catalog.models import Product
from tests.factories import MembershipFactory, SupplierFactory, UserFactory

from .factories import csv_upload, row

pytestmark = pytest.mark.django_db

PAGES = ["sell:import", "sell:template-csv", "sell:template-xlsx", "sell:export-csv", "sell:export-xlsx"]


@pytest.fixture
def job(owner, supplier):
    return services.start_import(actor=owner, supplier=supplier, table=csv_upload([row("A")]))


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_a_staff_member_of_the_supplier_is_refused(client, supplier, name):
    client.force_login(MembershipFactory(supplier=supplier, role="staff").user)
    assert client.get(reverse(name)).status_code == 404


def test_a_staff_member_cannot_see_or_apply_the_owners_import(client, supplier, job):
    client.force_login(MembershipFactory(supplier=supplier, role="staff").user)
    assert client.get(reverse("sell:import-job", args=[job.pk])).status_code == 404
    assert client.post(reverse("sell:import-apply", args=[job.pk])).status_code == 404
    assert not Product.objects.exists()


def test_another_suppliers_owner_cannot_see_or_apply_the_import(client, job):
    client.force_login(MembershipFactory(role="owner").user)
    assert client.get(reverse("sell:import-job", args=[job.pk])).status_code == 404
    assert client.post(reverse("sell:import-apply", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.state == "checked" and not Product.objects.exists()


def test_a_user_without_supplier_is_refused(client):
    client.force_login(UserFactory())
    assert client.get(reverse("sell:import")).status_code == 404


def test_the_services_refuse_staff_and_strangers(supplier, job):
    staff = MembershipFactory(supplier=supplier, role="staff").user
    with pytest.raises(PermissionDenied):
        services.start_import(actor=staff, supplier=supplier, table=csv_upload([row("B")]))
    with pytest.raises(PermissionDenied):
        services.request_apply(job, actor=UserFactory(), all_or_nothing=False)
    assert ImportJob.objects.count() == 1 and not Product.objects.exists()


def test_a_coordinator_chooses_among_their_suppliers_and_cannot_pick_another(client, supplier):
    coordinator = MembershipFactory(supplier=supplier, role="coordinator").user
    second = SupplierFactory()
    MembershipFactory(supplier=second, user=coordinator, role="coordinator")
    stranger = SupplierFactory()
    client.force_login(coordinator)

    page = client.get(reverse("sell:import")).content.decode()
    assert 'name="supplier"' in page and second.name in page and stranger.name not in page
    refused = client.post(reverse("sell:import"), {"supplier": stranger.pk, "table": csv_upload([row()])})
    assert refused.status_code == 200 and not ImportJob.objects.exists()
    client.post(reverse("sell:import"), {"supplier": second.pk, "table": csv_upload([row()])})
    assert ImportJob.objects.get().supplier == second
