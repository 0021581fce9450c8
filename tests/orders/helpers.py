"""Building paid orders without a browser: a Payment row as start_payment leaves it, then Stripe's word."""

from marketplace.money import Money
from orders.models import Payment
from orders.payments.intents import record_charge


def pending_payment(order, intent_id="pi_test_1"):
    total = order.total
    return Payment.objects.create(
        order=order,
        attempt=order.payments.count() + 1,
        intent_id=intent_id,
        client_secret=f"{intent_id}_secret",
        amount=total.amount,
        currency=total.currency,
        status=Payment.Status.PENDING,
    )


def paid(order, intent_id="pi_test_1"):
    """The order as the payment_intent.succeeded webhook leaves it."""
    payment = pending_payment(order, intent_id)
    record_charge(payment, Money(payment.amount, payment.currency))
    order.refresh_from_db()
    return payment
