"""The actors of the members tests: an owner's supplier with a staff member, and a coordinator of a
cluster who manages an artisan's supplier."""

import pytest

from catalog.models import SupplierMembership
from tests.factories import ClusterFactory, MembershipFactory, SupplierFactory, UserFactory

from .factories import AssistedOnboardingFactory, ClusterCoordinatorFactory

Role = SupplierMembership.Role


@pytest.fixture
def staff(db, supplier):
    return MembershipFactory(supplier=supplier, role=Role.STAFF).user


@pytest.fixture
def cluster(db):
    return ClusterFactory(name="Chitral woollens", region="kp", city="Chitral")


@pytest.fixture
def coordinator(db, cluster):
    return ClusterCoordinatorFactory(cluster=cluster).user


@pytest.fixture
def managed_supplier(db, coordinator, cluster):
    """An artisan's supplier `coordinator` onboarded and acts for."""
    supplier = SupplierFactory(clusters=[cluster], is_active=False)
    MembershipFactory(supplier=supplier, user=coordinator, role=Role.COORDINATOR)
    AssistedOnboardingFactory(supplier=supplier, coordinator=coordinator)
    return supplier


@pytest.fixture
def other_coordinator(db):
    """A coordinator of another cluster, managing an artisan of their own."""
    other = ClusterCoordinatorFactory().user
    MembershipFactory(user=other, role=Role.COORDINATOR)
    return other


@pytest.fixture
def invitee(db):
    return UserFactory(email="new.member@example.com")
