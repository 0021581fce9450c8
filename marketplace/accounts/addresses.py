"""A buyer's saved shipping addresses: the one place that lists, saves and picks the default of them.

Checkout, orders from quotes and allocations, the profile page and the API all call these, so the rules (one
default per buyer, an address is only ever its owner's) live once."""

from django.db import transaction

from .models import SavedAddress


def for_user(user):
    """The buyer's addresses, the default first; none for an anonymous visitor."""
    if not getattr(user, "is_authenticated", False):
        return SavedAddress.objects.none()
    return SavedAddress.objects.filter(user=user)


def get_for_user(user, pk) -> SavedAddress | None:
    """The buyer's own address with this id, or None (another buyer's id is no address of theirs)."""
    try:
        return for_user(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def default_for(user) -> SavedAddress | None:
    return for_user(user).first()


def save_address(user, *, name, address, country, label="", is_default=False, instance=None) -> SavedAddress:
    """Create (or update the buyer's own `instance`); the first address, or one marked default, becomes the
    default and the previous default stops being one, in one transaction."""
    if instance is not None and instance.user_id != user.pk:
        raise PermissionError("not this buyer's address")
    with transaction.atomic():
        existing = SavedAddress.objects.select_for_update().filter(user=user)
        make_default = is_default or not existing.exclude(pk=getattr(instance, "pk", None)).exists()
        if make_default:
            existing.filter(is_default=True).exclude(pk=getattr(instance, "pk", None)).update(
                is_default=False
            )
        target = instance or SavedAddress(user=user)
        target.label, target.name, target.address, target.country = label, name, address, country
        target.is_default = make_default or (instance is not None and instance.is_default)
        target.save()
        return target


def delete_address(user, address: SavedAddress):
    """Delete the buyer's own address; if it was the default, the most recently used one left becomes it."""
    if address.user_id != user.pk:
        raise PermissionError("not this buyer's address")
    with transaction.atomic():
        was_default = address.is_default
        address.delete()
        if was_default and (
            following := SavedAddress.objects.filter(user=user).order_by("-updated_at").first()
        ):
            following.is_default = True
            following.save(update_fields=["is_default"])
