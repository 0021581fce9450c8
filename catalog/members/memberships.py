"""A supplier's members: who they are, removing one, handing ownership to another.

The rule that matters: a supplier always keeps an owner. Changes lock the supplier's memberships, so two
owners removing each other at once cannot both succeed. Owners may remove anyone but the last owner;
a coordinator managing the supplier may remove staff only (never the artisan who owns it). Every change is
an audit record (marketplace.workflow.record).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import SupplierMembership
from catalog.permissions import forget_roles, may, role_of
from marketplace.workflow import record

from .errors import MembersError

Role = SupplierMembership.Role


def members_of(supplier):
    """The supplier's memberships, owners first."""
    order = {Role.OWNER: 0, Role.COORDINATOR: 1, Role.STAFF: 2}
    rows = SupplierMembership.objects.filter(supplier=supplier).select_related("user")
    return sorted(rows, key=lambda m: (order.get(m.role, 9), str(m.user).lower()))


def _locked_memberships(supplier):
    return list(SupplierMembership.objects.select_for_update().filter(supplier=supplier).order_by("pk"))


def remove_member(membership, *, actor) -> None:
    """`actor` removes `membership` from its supplier. Refuses: anyone who may not manage members; a
    coordinator removing an owner or another coordinator; removing the last owner; removing oneself."""
    supplier = membership.supplier
    actor_role = role_of(actor, supplier)
    if not may(actor, "manage_members", supplier):
        raise MembersError(_("You cannot manage this supplier's members."), code="forbidden")
    if membership.user_id == actor.pk:
        raise MembersError(_("You cannot remove yourself."), code="self")
    with transaction.atomic():
        rows = _locked_memberships(supplier)
        current = next((m for m in rows if m.pk == membership.pk), None)
        if current is None:
            return  # removed meanwhile: nothing left to do
        if actor_role != Role.OWNER and current.role != Role.STAFF:
            raise MembersError(_("Only an owner can remove an owner or a coordinator."), code="forbidden")
        owners = [m for m in rows if m.role == Role.OWNER]
        if current.role == Role.OWNER and len(owners) <= 1:
            raise MembersError(
                _("A supplier needs an owner: make someone else owner first."), code="last_owner"
            )
        current.delete()
        record(
            supplier, current.role, "removed", actor, field="membership", note=f"{current.user.email} removed"
        )
    forget_roles(current.user)


def transfer_ownership(supplier, *, actor, to_membership) -> None:
    """An owner makes another member (staff or owner) owner, and becomes staff themselves. Coordinators
    cannot: they hand a supplier over by inviting the artisan as owner."""
    if role_of(actor, supplier) != Role.OWNER:
        raise MembersError(_("Only an owner can hand over ownership."), code="forbidden")
    if to_membership.supplier_id != supplier.pk:
        raise MembersError(_("This person is not a member of your supplier."), code="not_member")
    if to_membership.user_id == actor.pk:
        raise MembersError(_("You are already the owner."), code="self")
    if to_membership.role == Role.COORDINATOR:
        raise MembersError(_("A coordinator cannot be made owner."), code="coordinator")
    with transaction.atomic():
        rows = {m.user_id: m for m in _locked_memberships(supplier)}
        mine, theirs = rows.get(actor.pk), rows.get(to_membership.user_id)
        if mine is None or mine.role != Role.OWNER or theirs is None:
            raise MembersError(_("The members changed meanwhile; try again."), code="changed")
        if theirs.role != Role.OWNER:
            theirs.role = Role.OWNER
            theirs.save(update_fields=["role"])
            record(theirs, Role.STAFF, Role.OWNER, actor, field="role", note="ownership transferred")
        mine.role = Role.STAFF
        mine.save(update_fields=["role"])
        record(mine, Role.OWNER, Role.STAFF, actor, field="role", note="ownership transferred")
    forget_roles(actor)
