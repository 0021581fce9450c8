"""What each kind of member may do for a supplier: one rule for pages, the API and the admin.

- Owners do everything: listings, trade, members, the storefront, payout details.
- Staff work on listings and trade (inquiries, quotes, orders) only.
- Coordinators (cluster coordinators who onboarded the artisan, `AssistedOnboarding`) do what owners do except
  payout details, until they hand the supplier over; everything they send says it was sent for the artisan.

Every function answers for one user and one supplier; a user who is not a member may do nothing.
"""

from .membership_models import SupplierMembership

Role = SupplierMembership.Role

_MAY = {
    "work_on_listings": {Role.OWNER, Role.STAFF, Role.COORDINATOR},
    "trade": {Role.OWNER, Role.STAFF, Role.COORDINATOR},
    "manage_members": {Role.OWNER, Role.COORDINATOR},
    "edit_storefront": {Role.OWNER, Role.COORDINATOR},
    "import_listings": {Role.OWNER, Role.COORDINATOR},
    "change_payout_details": {Role.OWNER},
}


def role_of(user, supplier) -> str | None:
    """The user's role at the supplier, or None (anonymous, not a member)."""
    if not getattr(user, "is_authenticated", False) or supplier is None:
        return None
    cache = getattr(user, "_supplier_roles", None)
    if cache is None:
        cache = user._supplier_roles = {}
    if supplier.pk not in cache:
        cache[supplier.pk] = (
            SupplierMembership.objects.filter(user=user, supplier=supplier)
            .values_list("role", flat=True)
            .first()
        )
    return cache[supplier.pk]


def may(user, action: str, supplier) -> bool:
    """Whether `user` may do `action` (a key of _MAY) for `supplier`."""
    return role_of(user, supplier) in _MAY[action]


def forget_roles(user) -> None:
    """Drops the roles cached on `user` (after their membership changed in the same request)."""
    user.__dict__.pop("_supplier_roles", None)
