"""Removing members and handing over ownership: never zero owners, coordinators never remove the owner."""

import pytest

from catalog.members import memberships
from catalog.members.errors import MembersError
from catalog.models import SupplierMembership
from marketplace.audit.models import StateChange
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
Role = SupplierMembership.Role


def membership(supplier, user):
    return SupplierMembership.objects.select_related("supplier", "user").get(supplier=supplier, user=user)


def test_an_owner_removes_a_staff_member_and_it_is_audited(supplier, artisan, staff):
    memberships.remove_member(membership(supplier, staff), actor=artisan)

    assert not SupplierMembership.objects.filter(user=staff).exists()
    assert StateChange.objects.filter(field="membership", to_state="removed", actor=artisan).exists()


@pytest.mark.parametrize("who", ["staff", "other_artisan", "other_coordinator"])
def test_others_cannot_remove_members(request, supplier, artisan, who):
    actor = request.getfixturevalue(who)
    target = MembershipFactory(supplier=supplier, role=Role.STAFF)

    with pytest.raises(MembersError) as refused:
        memberships.remove_member(target, actor=actor)

    assert refused.value.code == "forbidden"
    assert SupplierMembership.objects.filter(pk=target.pk).exists()


def test_a_supplier_always_keeps_an_owner(supplier, artisan):
    second = MembershipFactory(supplier=supplier, role=Role.OWNER)
    memberships.remove_member(second, actor=artisan)

    coordinator = MembershipFactory(supplier=supplier, role=Role.COORDINATOR).user
    with pytest.raises(MembersError):
        memberships.remove_member(membership(supplier, artisan), actor=coordinator)
    assert SupplierMembership.objects.filter(supplier=supplier, role=Role.OWNER).count() == 1


def test_nobody_removes_themselves(supplier, artisan):
    MembershipFactory(supplier=supplier, role=Role.OWNER)

    with pytest.raises(MembersError) as refused:
        memberships.remove_member(membership(supplier, artisan), actor=artisan)

    assert refused.value.code == "self"


def test_a_coordinator_removes_staff_but_not_the_owner_after_hand_over(managed_supplier, coordinator):
    owner = MembershipFactory(supplier=managed_supplier, role=Role.OWNER)
    helper = MembershipFactory(supplier=managed_supplier, role=Role.STAFF)

    memberships.remove_member(helper, actor=coordinator)
    with pytest.raises(MembersError) as refused:
        memberships.remove_member(owner, actor=coordinator)

    assert refused.value.code == "forbidden"
    assert SupplierMembership.objects.filter(pk=owner.pk).exists()


def test_the_new_owner_removes_the_coordinator(managed_supplier, coordinator):
    owner = MembershipFactory(supplier=managed_supplier, role=Role.OWNER).user

    memberships.remove_member(membership(managed_supplier, coordinator), actor=owner)

    assert not SupplierMembership.objects.filter(user=coordinator).exists()


def test_transferring_ownership_makes_the_old_owner_staff(supplier, artisan, staff):
    memberships.transfer_ownership(supplier, actor=artisan, to_membership=membership(supplier, staff))

    assert membership(supplier, staff).role == Role.OWNER
    assert membership(supplier, artisan).role == Role.STAFF
    assert StateChange.objects.filter(field="role", from_state=Role.OWNER, to_state=Role.STAFF).exists()


@pytest.mark.parametrize("who", ["staff", "other_artisan"])
def test_only_an_owner_transfers_ownership(request, supplier, artisan, who):
    actor = request.getfixturevalue(who)
    target = MembershipFactory(supplier=supplier, role=Role.STAFF)

    with pytest.raises(MembersError):
        memberships.transfer_ownership(supplier, actor=actor, to_membership=target)

    assert membership(supplier, artisan).role == Role.OWNER
    assert SupplierMembership.objects.get(pk=target.pk).role == Role.STAFF


def test_a_coordinator_cannot_take_or_give_ownership(managed_supplier, coordinator):
    owner = MembershipFactory(supplier=managed_supplier, role=Role.OWNER).user

    with pytest.raises(MembersError):
        memberships.transfer_ownership(
            managed_supplier, actor=coordinator, to_membership=membership(managed_supplier, owner)
        )
    with pytest.raises(MembersError) as refused:
        memberships.transfer_ownership(
            managed_supplier, actor=owner, to_membership=membership(managed_supplier, coordinator)
        )
    assert refused.value.code == "coordinator"


def test_ownership_cannot_go_to_a_member_of_another_supplier(supplier, artisan, other_artisan):
    with pytest.raises(MembersError) as refused:
        memberships.transfer_ownership(supplier, actor=artisan, to_membership=other_artisan.memberships.get())

    assert refused.value.code == "not_member"
