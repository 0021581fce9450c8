"""The one module that talks to Stripe. Everything else calls these functions with our own records.

Every POST carries an idempotency key derived from our record (the Payment's order and attempt, the Refund's
id), so a retry after a timeout asks Stripe for the same object instead of a second charge. Calls time out
after settings.STRIPE_TIMEOUT seconds; any network or API failure surfaces as `GatewayError`.
"""

import json
import time
from urllib.parse import urlsplit

import stripe
from django.conf import settings

from marketplace.money import Money


class GatewayError(Exception):
    """Stripe could not be reached or refused the call; the caller's record stays pending and retryable."""


# Tests install a recording HTTP client here (stripe's own pluggable client), never a mock.
_http_client = None


def set_http_client(http_client):
    global _http_client
    _http_client = http_client


def default_http_client():
    return stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT)


def client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        max_network_retries=2,
        http_client=_http_client or default_http_client(),
    )


def _call(fn, *args, **kwargs) -> dict:
    """Run one API call; plain dicts out (the rest of the code never sees Stripe's classes)."""
    try:
        return fn(*args, **kwargs).to_dict()
    except stripe.StripeError as error:
        raise GatewayError(str(error) or error.__class__.__name__) from error


def create_payment_intent(payment) -> dict:
    """A PaymentIntent for `payment` (a Payment row), card payments, amount in exact minor units."""
    money = Money(payment.amount, payment.currency)
    params = {
        "amount": money.minor_units,
        "currency": payment.currency.lower(),
        "payment_method_types": ["card"],
        "metadata": {"order_id": str(payment.order_id), "payment_id": str(payment.pk)},
    }
    return _call(
        client().v1.payment_intents.create,
        params=params,
        options={"idempotency_key": payment.idempotency_key},
    )


def retrieve_payment_intent(intent_id) -> dict:
    return _call(client().v1.payment_intents.retrieve, intent_id)


def cancel_payment_intent(payment) -> dict:
    """Cancel `payment`'s intent so it can no longer be paid; keyed by the Payment, so a retry is the same."""
    return _call(
        client().v1.payment_intents.cancel,
        payment.intent_id,
        options={"idempotency_key": f"pi-cancel-order-{payment.order_id}-attempt-{payment.attempt}"},
    )


def retrieve_charge_with_balance_transaction(charge_id) -> dict:
    """The charge with its balance transaction expanded (amount, fee, net, currency as Stripe settled it)."""
    return _call(client().v1.charges.retrieve, charge_id, params={"expand": ["balance_transaction"]})


def retrieve_balance_transaction(transaction_id) -> dict:
    return _call(client().v1.balance_transactions.retrieve, transaction_id)


def create_refund(refund, intent_id) -> dict:
    params = {
        "payment_intent": intent_id,
        "amount": Money(refund.amount, refund.currency).minor_units,
        "metadata": {"order_id": str(refund.order_id), "refund_id": str(refund.pk)},
    }
    return _call(
        client().v1.refunds.create, params=params, options={"idempotency_key": refund.idempotency_key}
    )


# How far a webhook signature's timestamp may be from our clock, either way (Stripe's own default). Stripe's
# library only bounds the past: a timestamp in the future would let a captured request be replayed for as long
# as its author chose, so we bound both sides ourselves.
SIGNATURE_TOLERANCE_SECONDS = 300


class WebhookRejected(ValueError):
    """A webhook request we will not process; `code` says why (for the 400's JSON body)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def construct_event(payload: bytes, signature: str):
    """The event a Stripe webhook request carries, as plain JSON data, once its signature is verified.

    Raises WebhookRejected: "bad_signature" (missing, malformed or wrong), "signature_expired" or
    "signature_from_future" (timestamp more than SIGNATURE_TOLERANCE_SECONDS from our clock),
    "malformed_event" (not UTF-8 JSON). What the JSON must hold is webhooks.check_event's business.
    """
    try:
        # tolerance=None: the library's one-sided check is replaced by ours below.
        stripe.WebhookSignature.verify_header(payload, signature, settings.STRIPE_WEBHOOK_SECRET, None)
    except UnicodeDecodeError as error:
        raise WebhookRejected("The payload is not UTF-8.", code="malformed_event") from error
    except stripe.SignatureVerificationError as error:
        raise WebhookRejected(str(error), code="bad_signature") from error
    # The header verified, so its timestamp (read as the library reads it) is the one that was signed.
    signed_at = int(
        next(item[1] for item in (part.split("=", 2) for part in signature.split(",")) if item[0] == "t")
    )
    now = time.time()
    if signed_at < now - SIGNATURE_TOLERANCE_SECONDS:
        raise WebhookRejected("The signature is too old.", code="signature_expired")
    if signed_at > now + SIGNATURE_TOLERANCE_SECONDS:
        raise WebhookRejected("The signature is dated in the future.", code="signature_from_future")
    try:
        return json.loads(payload)
    except ValueError as error:
        raise WebhookRejected("The payload is not JSON.", code="malformed_event") from error


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def browser_sources() -> dict[str, list[str]]:
    """What the pay page's Content-Security-Policy must allow for Stripe.js (Stripe's CSP guide): its
    script and frames from STRIPE_JS_URL's origin (and Stripe's other frame hosts when that is Stripe's
    own), its calls to Stripe's API (or to the stand-in's, STRIPE_API_BASE)."""
    js = _origin(settings.STRIPE_JS_URL)
    api = _origin(settings.STRIPE_API_BASE) if settings.STRIPE_API_BASE else "https://api.stripe.com"
    sources = {"script_src": [js], "frame_src": [js], "connect_src": [api]}
    if js == "https://js.stripe.com":
        sources["script_src"] += ["https://*.js.stripe.com"]
        sources["frame_src"] += ["https://*.js.stripe.com", "https://hooks.stripe.com"]
    return sources
