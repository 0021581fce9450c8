"""Order creation, shared by direct purchases, accepted quotes and subcontracting allocations."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from catalog.models import BelowMinimumOrder, Product
from marketplace import numbers
from marketplace.money import Money
from marketplace.workflow import record

from ..models import Fulfilment, Order, OrderLine, StockReservation


class CheckoutError(Exception):
    """An order or a cart line cannot be made (MOQ, stock, samples, unavailable, limits); `message` is for the
    buyer, `code` for callers."""

    def __init__(self, message, code="checkout"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class LineSpec:
    """One line of an order to create. Checked when made, whatever path it comes by (cart, quote, allocation):
    a quantity from 1 to MAX_ORDER_QUANTITY and a finite unit price OrderLine can store (zero for a free
    sample); CheckoutError (code "quantity" or "price") otherwise."""

    supplier: object
    description: str
    quantity: int
    unit: str
    unit_price: Decimal
    product: object = None
    is_sample: bool = False
    lead_time_days: int | None = None

    def __post_init__(self):
        try:
            numbers.check_quantity(self.quantity)
        except ValidationError as error:
            raise CheckoutError(
                _("%(what)s: %(problem)s") % {"what": self.description, "problem": " ".join(error.messages)},
                code="quantity",
            ) from error
        try:
            if not isinstance(self.unit_price, Decimal):
                raise ValidationError(_("Enter a number."), code="invalid")
            # OrderLine.unit_price: 14 digits, 4 of them decimals; zero for a free sample.
            numbers.check_amount(self.unit_price, max_digits=14, decimal_places=4, minimum=Decimal(0))
        except ValidationError as error:
            raise CheckoutError(
                _("%(what)s: the unit price %(price)s cannot be ordered.")
                % {"what": self.description, "price": self.unit_price},
                code="price",
            ) from error


def check_chargeable(total: Money):
    """Refuse an order total above what one card payment can carry (Money.max_charge): every order is paid by
    card in one payment, and Stripe refuses more."""
    largest = Money.max_charge(total.currency)
    if total.rounded() > largest:
        raise CheckoutError(
            _(
                "This order comes to %(total)s; one card payment can carry at most %(max)s. "
                "Order a smaller quantity, or split the order."
            )
            % {"total": total.rounded(), "max": largest},
            code="order_too_large",
        )


def create_order(*, buyer, currency, lines, source, source_ref="", actor=None, **terms):
    """Create an order in "awaiting payment" with one fulfilment per supplier.

    Idempotent per `source_ref` (e.g. "quote:12"): a second call returns the order the first one made.
    `terms` may set incoterm, incoterm_place, destination_country and the shipping fields. The one place every
    path (checkout, quotes, allocations) creates orders, so the one place the total is checked against what a
    card payment can carry (CheckoutError "order_too_large").
    """
    if not lines:
        raise ValueError("An order needs at least one line")
    if source_ref:
        existing = Order.objects.filter(source_ref=source_ref).first()
        if existing:
            return existing
    check_chargeable(
        sum((Money(spec.unit_price, currency) * spec.quantity for spec in lines), Money.zero(currency))
    )
    try:
        with transaction.atomic():
            order = Order.objects.create(
                buyer=buyer, currency=currency, source=source, source_ref=source_ref, **terms
            )
            fulfilments = {}
            for spec in lines:
                fulfilment = fulfilments.get(spec.supplier.pk)
                if fulfilment is None:
                    fulfilment = Fulfilment.objects.create(
                        order=order, supplier=spec.supplier, lead_time_days=spec.lead_time_days
                    )
                    fulfilments[spec.supplier.pk] = fulfilment
                OrderLine.objects.create(
                    order=order,
                    fulfilment=fulfilment,
                    product=spec.product,
                    description=spec.description[:300],
                    quantity=spec.quantity,
                    unit=spec.unit,
                    unit_price=spec.unit_price,
                    is_sample=spec.is_sample,
                )
            record(order, "", order.state, actor or buyer, note=f"created from {source} {source_ref}".strip())
    except IntegrityError:
        # Two requests raced to create the order of the same source: the loser returns the winner's order.
        if source_ref:
            return Order.objects.get(source_ref=source_ref)
        raise
    return order


@dataclass(frozen=True)
class CartLine:
    product: object
    quantity: int
    is_sample: bool = False
    # Which line of the cart this is, for the forms that change or remove it: the stored row's id for a
    # signed-in buyer (looked up among their own rows only), the position in the session cart for a visitor.
    key: object = field(default=None, compare=False)

    @property
    def unit_price(self):
        """Tier price in the supplier's currency (BelowMinimumOrder under the MOQ) or the sample price."""
        if self.is_sample:
            return Money(self.product.sample_price, self.product.currency)
        return self.product.price_for(self.quantity)

    @property
    def amount(self):
        return self.unit_price * self.quantity


def check_cart_line(product, quantity, is_sample=False) -> CartLine:
    """A line the buyer may put in the cart, or CheckoutError saying why not."""
    if not product.is_visible:
        raise CheckoutError(_("This product is not available."), code="unavailable")
    if is_sample:
        if not product.sample_available or product.sample_price is None:
            raise CheckoutError(_("This supplier does not offer samples of this product."), code="no_samples")
        return CartLine(product, 1, True)
    try:
        numbers.check_quantity(quantity)
    except ValidationError as error:
        raise CheckoutError(" ".join(error.messages), code="quantity") from error
    try:
        product.price_for(quantity)
    except BelowMinimumOrder as error:
        raise CheckoutError(
            _("The minimum order for %(title)s is %(moq)s; %(quantity)s is below it.")
            % {"title": product.title, "moq": product.moq, "quantity": quantity},
            code="below_moq",
        ) from error
    return CartLine(product, quantity, False)


def checkout(*, buyer, cart_lines, shipping_name, shipping_address, shipping_country) -> list:
    """Turn the cart into orders awaiting payment, one per currency (an order is charged in one currency).

    Limited stock (`stock_on_hand` not null) is reserved here under a row lock on each product, in primary
    key order so concurrent checkouts cannot deadlock: a buyer who comes too late gets CheckoutError and
    nothing is created (all or nothing).
    """
    if not cart_lines:
        raise CheckoutError(_("Your cart is empty."), code="empty")
    by_currency = {}
    for line in cart_lines:
        by_currency.setdefault(line.product.currency, []).append(line)
    with transaction.atomic():
        wanted = {}
        for line in cart_lines:
            wanted[line.product.pk] = wanted.get(line.product.pk, 0) + line.quantity
        locked = {p.pk: p for p in Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk")}
        for pk, quantity in wanted.items():
            product = locked[pk]
            if product.stock_on_hand is not None and product.stock_on_hand < quantity:
                raise CheckoutError(
                    _("Only %(left)s of %(title)s left; lower the quantity.")
                    % {"left": product.stock_on_hand, "title": product.title},
                    code="out_of_stock",
                )
        orders = []
        for currency, lines in by_currency.items():
            specs = [
                LineSpec(
                    supplier=line.product.supplier,
                    description=(_("Sample: %(title)s") if line.is_sample else "%(title)s")
                    % {"title": line.product.title},
                    quantity=line.quantity,
                    unit=line.product.unit,
                    unit_price=line.unit_price.amount,
                    product=line.product,
                    is_sample=line.is_sample,
                    lead_time_days=line.product.lead_time_days,
                )
                for line in lines
            ]
            source = Order.Source.SAMPLE if all(line.is_sample for line in lines) else Order.Source.DIRECT
            order = create_order(
                buyer=buyer,
                currency=currency,
                lines=specs,
                source=source,
                shipping_name=shipping_name,
                shipping_address=shipping_address,
                shipping_country=shipping_country,
            )
            for order_line in order.lines.all():
                product = locked.get(order_line.product_id)
                if product is not None and product.stock_on_hand is not None:
                    product.stock_on_hand -= order_line.quantity
                    product.save(update_fields=["stock_on_hand"])
                    StockReservation.objects.create(
                        line=order_line, product=product, quantity=order_line.quantity
                    )
            orders.append(order)
    return orders


def give_back_stock(reservation):
    """Return a reservation's units to the product's stock, once."""
    with transaction.atomic():
        if not StockReservation.objects.filter(pk=reservation.pk, released=False).update(released=True):
            return
        product = Product.objects.select_for_update().get(pk=reservation.product_id)
        if product.stock_on_hand is not None:
            product.stock_on_hand += reservation.quantity
            product.save(update_fields=["stock_on_hand"])
