"""Paid demo orders, as a buyer's card payment leaves them: the order made by create_order (the one place
every path makes orders), its payment booked into escrow by record_charge as Stripe's webhook would book it.
Shared by the demo's parts in orders (the lenders' advances, the Expo's leads); never Stripe, made-up intent
ids.
"""

from decimal import Decimal

from marketplace.money import Money

from .checkout.ordering import LineSpec, create_order
from .models import Payment
from .payments.intents import record_charge


def paid_order(buyer, product, quantity, *, intent_id, shipping, unit_price: Money | None = None):
    """A direct order by `buyer` of `quantity` of `product`, paid in full, its line made as checkout makes it:
    at the product's own price for that quantity (in its currency) unless `unit_price` says otherwise.
    `shipping` holds shipping_name, shipping_address and shipping_country; `intent_id` must be unique."""
    price = unit_price if unit_price is not None else product.price_for(quantity)
    order = create_order(
        buyer=buyer,
        currency=price.currency,
        lines=[
            LineSpec(
                product.supplier,
                product.title,
                quantity,
                product.unit,
                Decimal(price.amount),
                product=product,
                lead_time_days=product.lead_time_days,
            )
        ],
        source="direct",
        **shipping,
    )
    payment = Payment.objects.create(
        order=order,
        attempt=1,
        intent_id=intent_id,
        client_secret="demo",
        amount=order.total.amount,
        currency=order.currency,
        status=Payment.Status.PENDING,
    )
    record_charge(payment, Money(payment.amount, payment.currency))
    order.refresh_from_db()
    return order
