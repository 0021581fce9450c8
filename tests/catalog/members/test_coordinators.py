"""Cluster coordinators: curators assign them; they onboard artisans of their clusters only."""

import datetime

import pytest

from catalog.members import coordinators
from catalog.members.errors import MembersError
from catalog.models import (
    AssistedOnboarding,
    ClusterCoordinator,
    Supplier,
    SupplierApplication,
    SupplierMembership,
)
from marketplace.audit.models import StateChange
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db
Role = SupplierMembership.Role


def onboarding_parts(cluster, name="Zainab's Chitrali shawls"):
    business = {
        "name": name,
        "cluster": cluster,
        "region": "kp",
        "city": "Booni",
        "phone": "+92 300 1112223",
        "size": "micro",
        "women_led": True,
        "women_led_by": "Bibi Zainab",
    }
    artisan = {
        "artisan_name": "Bibi Zainab",
        "artisan_phone": "+92 300 1112223",
        "consent_given_on": datetime.date(2026, 11, 20),
        "consent_how": "Thumbprint on the association's consent form",
        "paid_by": AssistedOnboarding.PaidBy.THROUGH_COORDINATOR,
        "payment_details": "",
    }
    application = {"what_they_make": "Hand-woven patti shawls", "export_experience": "none"}
    return business, artisan, application


def test_a_coordinator_onboards_an_artisan_of_their_cluster(coordinator, cluster):
    business, artisan, application = onboarding_parts(cluster)

    supplier = coordinators.onboard_artisan(
        coordinator=coordinator, business=business, artisan=artisan, application=application
    )

    assert not supplier.is_active  # nothing public until a curator approves
    assert list(supplier.clusters.all()) == [cluster]
    assert (supplier.phone, supplier.women_led_by, supplier.city) == (
        "+92 300 1112223",
        "Bibi Zainab",
        "Booni",
    )
    assert supplier.memberships.get().user == coordinator
    assert supplier.memberships.get().role == Role.COORDINATOR
    onboarding = supplier.assisted_onboarding
    assert (onboarding.coordinator, onboarding.artisan_name, onboarding.handed_over_at) == (
        coordinator,
        "Bibi Zainab",
        None,
    )
    draft = SupplierApplication.objects.get(supplier=supplier)
    assert (draft.state, draft.applicant, draft.what_they_make) == (
        "draft",
        coordinator,
        "Hand-woven patti shawls",
    )
    assert StateChange.objects.filter(object_id=draft.pk, to_state="draft", actor=coordinator).exists()
    assert list(coordinators.managed_suppliers(coordinator)) == [supplier]


def test_two_artisans_with_the_same_name_get_their_own_slugs(coordinator, cluster):
    first = coordinators.onboard_artisan(
        coordinator=coordinator,
        **dict(zip(("business", "artisan", "application"), onboarding_parts(cluster), strict=True)),
    )
    second = coordinators.onboard_artisan(
        coordinator=coordinator,
        **dict(zip(("business", "artisan", "application"), onboarding_parts(cluster), strict=True)),
    )

    assert first.slug != second.slug


def test_a_coordinator_of_another_cluster_is_refused(other_coordinator, cluster):
    business, artisan, application = onboarding_parts(cluster)
    before = Supplier.objects.count()

    with pytest.raises(MembersError) as refused:
        coordinators.onboard_artisan(
            coordinator=other_coordinator, business=business, artisan=artisan, application=application
        )

    assert refused.value.code == "not_coordinator"
    assert Supplier.objects.count() == before


def test_someone_who_coordinates_nothing_is_refused(artisan, cluster):
    business, artisan_facts, application = onboarding_parts(cluster)

    with pytest.raises(MembersError):
        coordinators.onboard_artisan(
            coordinator=artisan, business=business, artisan=artisan_facts, application=application
        )


def test_a_coordinator_manages_only_the_suppliers_they_are_coordinator_of(
    coordinator, managed_supplier, supplier
):
    assert list(coordinators.managed_suppliers(coordinator)) == [managed_supplier]
    assert list(Supplier.objects.for_member(coordinator)) == [managed_supplier]


def test_curators_assign_and_unassign_coordinators_with_an_audit_record(curator):
    user, cluster = UserFactory(), ClusterFactory()

    row = coordinators.assign_coordinator(
        curator=curator, user=user, cluster=cluster, kind="smeda", organisation="SMEDA Multan"
    )
    assert (row.assigned_by, row.organisation) == (curator, "SMEDA Multan")
    coordinators.unassign_coordinator(row, curator=curator)

    assert not ClusterCoordinator.objects.exists()
    assert list(
        StateChange.objects.filter(field="assignment", actor=curator).values_list("to_state", flat=True)
    ) == ["assigned", "unassigned"]


def test_only_curators_assign_coordinators(artisan):
    with pytest.raises(MembersError):
        coordinators.assign_coordinator(
            curator=artisan, user=artisan, cluster=ClusterFactory(), kind="ngo", organisation="Mine"
        )
    assert not ClusterCoordinator.objects.exists()
