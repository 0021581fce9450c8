"""Payment work done outside the webhook's request: Stripe's fee, fetched once the event is stored."""

from marketplace.jobs.queue import job

from ..models import Payment
from . import fees, stripe_gateway

FEE_FETCH_ATTEMPTS = 5  # with the default backoff: over about 40 minutes of Stripe not answering


@job(attempts=FEE_FETCH_ATTEMPTS, retry_on=(stripe_gateway.GatewayError,))
def fetch_stripe_fee(payment_pk, charge):
    """Book the fee of payment `payment_pk`'s charge (`charge`: its id, or {"id", "balance_transaction"}),
    asking Stripe for what the event did not carry; tried again while Stripe does not answer. Idempotent: the
    posting's reference is the balance transaction, so a second run books nothing."""
    payment = Payment.objects.get(pk=payment_pk)
    posting = fees.record_fee_from_charge(payment, charge, raise_when_unreachable=True)
    return posting.pk if posting else None
