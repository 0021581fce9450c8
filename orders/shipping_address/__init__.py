"""An order's shipping address, set after the order exists: orders from an accepted quote or a
subcontracting allocation are made without one (the buyer clicked Accept or Allocate, not a checkout), and
nothing may be paid before the buyer says where it goes. The rule lives here; the page is `.views`."""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.workflow import TransitionError, lock, record

from ..access import require_buyer
from ..models import Order


def needs_address(order) -> bool:
    """True while the buyer still has to give the address: awaiting payment and none set."""
    return order.state == Order.State.AWAITING_PAYMENT and not order.shipping_address


def set_shipping_address(order, *, actor, name, address, country) -> tuple[Order, bool]:
    """Set (or change) where the order ships: only its buyer, only while it awaits payment (the suppliers and
    the payment go by it from then on). The order row is locked; the same address again changes nothing and
    records nothing (changed=False). Returns (order, changed).

    An order whose terms name a destination country (a quote priced for delivery there) ships to that country;
    another one is refused (code "wrong_country")."""
    with transaction.atomic():
        order = lock(Order, order.pk)
        require_buyer(order, actor)
        if order.state != Order.State.AWAITING_PAYMENT:
            raise TransitionError(
                _("The shipping address can only be set before the order is paid."),
                code="not_awaiting_payment",
            )
        if order.destination_country and str(country) != str(order.destination_country):
            raise TransitionError(
                _("This order's terms are for delivery to %(country)s; choose an address there.")
                % {"country": order.destination_country.name},
                code="wrong_country",
            )
        wanted = (name, address, str(country))
        if (order.shipping_name, order.shipping_address, str(order.shipping_country)) == wanted:
            return order, False
        note = "shipping address changed" if order.shipping_address else "shipping address set"
        order.shipping_name, order.shipping_address, order.shipping_country = wanted
        order.save(update_fields=["shipping_name", "shipping_address", "shipping_country", "updated_at"])
        record(order, order.state, order.state, actor, note=note)
        return order, True
