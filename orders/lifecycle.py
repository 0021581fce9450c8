"""What buyers and suppliers do to an order after checkout, one service function each.

Every change goes through `marketplace.workflow.transition` (row lock, allowed-states table, audit record,
idempotent). Money moves are delegated: a declined part is refunded (`payments.refunds`), a delivered order's
escrow is released (`book.escrow`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import hs_code_validator
from marketplace.money import Money
from marketplace.numbers import check_amount, check_count
from marketplace.workflow import TransitionError, transition

from .access import require_buyer, require_member
from .checkout.ordering import give_back_stock
from .ledger import book
from .ledger.escrow import release_order
from .models import Fulfilment, Order, OrderLine, StockReservation
from .models.order import MAX_PACKAGES, SMALLEST_WEIGHT_KG, WEIGHT_DECIMALS, WEIGHT_DIGITS
from .payments.refunds import refund_order
from .states import FULFILMENT_TRANSITIONS, ORDER_TRANSITIONS

S = Order.State
F = Fulfilment.State


def _order_follows(order_pk, actor):
    """Move the order forward once every live (not declined) part has reached a step."""
    order = Order.objects.get(pk=order_pk)
    states = [f.state for f in order.fulfilments.all() if f.state != F.DECLINED]
    if not states:
        return
    if all(s in (F.SHIPPED, F.DELIVERED) for s in states) and order.state in ORDER_TRANSITIONS[S.SHIPPED]:
        transition(Order, order.pk, S.SHIPPED, ORDER_TRANSITIONS, actor=actor, note="every part shipped")
    elif all(s != F.PENDING for s in states) and order.state == S.PAID:
        transition(
            Order, order.pk, S.IN_PRODUCTION, ORDER_TRANSITIONS, actor=actor, note="every part accepted"
        )


def accept_fulfilment(fulfilment, actor):
    """The supplier takes on their part of a paid order. Idempotent."""
    require_member(fulfilment, actor)
    if fulfilment.order.state not in (S.PAID, S.IN_PRODUCTION):
        raise TransitionError(_("Only paid orders can be accepted."), code="not_paid")
    with transaction.atomic():
        result = transition(Fulfilment, fulfilment.pk, F.ACCEPTED, FULFILMENT_TRANSITIONS, actor=actor)
        _order_follows(fulfilment.order_id, actor)
    return result


def decline_fulfilment(fulfilment, actor, reason=""):
    """The supplier declines their part: what is held for it goes back to the buyer's card."""
    require_member(fulfilment, actor)
    order = fulfilment.order
    if order.state not in (S.PAID, S.IN_PRODUCTION):
        raise TransitionError(_("Only paid orders can be declined."), code="not_paid")
    result = transition(
        Fulfilment, fulfilment.pk, F.DECLINED, FULFILMENT_TRANSITIONS, actor=actor, note=reason
    )
    if result.changed:
        held = book.held_in_escrow(order, fulfilment.supplier)
        if held > 0:
            refund_order(order, Money(held, order.currency), actor, fulfilment=fulfilment, reason="declined")
        _release_stock(fulfilment)
        _order_follows(order.pk, actor)
    return result


@dataclass(frozen=True)
class ShippingDetails:
    """What the supplier declares when shipping, printed on the packing list and the commercial invoice as it
    was entered (never recomputed): packages, weights in kg, and an HS code for each line that has none from
    its product (`hs_codes`: order line pk -> code)."""

    package_count: int
    package_type: str
    gross_weight_kg: Decimal
    net_weight_kg: Decimal
    dimensions: str = ""
    shipping_marks: str = ""
    hs_codes: dict = field(default_factory=dict)


def check_shipping_details(details, fulfilment):
    """Refuse details no packing list can carry (TransitionError, code "shipping_details"): a count or weight
    out of bounds, a net weight above the gross, an unknown package type, an HS code that is not one or is
    for a line of another part."""

    def refuse(message):
        raise TransitionError(message, code="shipping_details")

    try:
        check_count(details.package_count, minimum=1, maximum=MAX_PACKAGES)
        weights = [
            check_amount(
                weight,
                max_digits=WEIGHT_DIGITS,
                decimal_places=WEIGHT_DECIMALS,
                minimum=SMALLEST_WEIGHT_KG,
            )
            for weight in (details.gross_weight_kg, details.net_weight_kg)
        ]
        for code in details.hs_codes.values():
            hs_code_validator(code)
    except ValidationError as invalid:
        refuse(" ".join(invalid.messages))
    if weights[1] > weights[0]:
        refuse(_("The net weight cannot be more than the gross weight."))
    if details.package_type not in Fulfilment.PackageType.values:
        refuse(_("Choose a package type."))
    if len(details.dimensions) > 100 or len(details.shipping_marks) > 300:
        refuse(_("Keep the dimensions under 100 characters and the marks under 300."))
    own_lines = set(fulfilment.lines.values_list("pk", flat=True))
    if not set(details.hs_codes) <= own_lines:
        refuse(_("An HS code was given for a line of another shipment."))
    if any(line.pk not in details.hs_codes for line in lines_without_hs_code(fulfilment)):
        refuse(_("Give the HS code of every line: customs needs it on the commercial invoice."))


def lines_without_hs_code(fulfilment):
    """The lines of `fulfilment` with no HS code yet (no catalog product, or one without a code), by pk."""
    lines = fulfilment.lines.select_related("product").order_by("pk")
    return [line for line in lines if not line.customs_hs_code]


def ship_fulfilment(fulfilment, actor, *, carrier, tracking_number, details=None):
    """The supplier hands their part to a carrier; the escrow clock for auto-release starts now.

    `details` (ShippingDetails) are stored with the shipment for its packing list; the ship page always asks
    for them, callers that have none (older scripts, tests of money flows) may leave them out, and the
    documents then say the weights were not declared. Idempotent: shipping again changes nothing."""
    require_member(fulfilment, actor)
    if fulfilment.order.state == S.DISPUTED:
        raise TransitionError(_("This order is disputed."), code="disputed")
    carrier, tracking_number = carrier.strip(), tracking_number.strip()
    if not carrier or not tracking_number:
        raise TransitionError(_("Enter the carrier and the tracking number."), code="missing_tracking")
    if details is not None:
        check_shipping_details(details, fulfilment)

    def apply(obj):
        obj.carrier, obj.tracking_number, obj.shipped_at = (
            carrier[:100],
            tracking_number[:100],
            timezone.now(),
        )
        if details is not None:
            obj.package_count, obj.package_type = details.package_count, details.package_type
            obj.gross_weight_kg, obj.net_weight_kg = details.gross_weight_kg, details.net_weight_kg
            obj.dimensions, obj.shipping_marks = details.dimensions, details.shipping_marks

    with transaction.atomic():
        result = transition(
            Fulfilment, fulfilment.pk, F.SHIPPED, FULFILMENT_TRANSITIONS, actor=actor, apply=apply
        )
        if result.changed and details is not None:
            for line_pk, code in details.hs_codes.items():
                OrderLine.objects.filter(pk=line_pk, fulfilment_id=fulfilment.pk).update(hs_code=code)
        _order_follows(fulfilment.order_id, actor)
    return result


def confirm_delivery(order, actor):
    """The buyer confirms delivery: every shipped part is delivered and its escrow released. Idempotent."""
    require_buyer(order, actor)
    with transaction.atomic():
        result = transition(Order, order.pk, S.DELIVERED, ORDER_TRANSITIONS, actor=actor)
        for fulfilment in order.fulfilments.filter(state=F.SHIPPED):

            def apply(obj):
                obj.delivered_at = timezone.now()

            transition(
                Fulfilment, fulfilment.pk, F.DELIVERED, FULFILMENT_TRANSITIONS, actor=actor, apply=apply
            )
        release_order(order.pk, actor, note="buyer confirmed delivery")
    return result


def _release_stock(fulfilment):
    for reservation in StockReservation.objects.filter(line__fulfilment=fulfilment, released=False):
        give_back_stock(reservation)
