"""Paying an order by card (the Payment Element page) and Stripe's webhook.

The webhook is verified, recorded once, applied; never trusted without a valid signature.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace import csp

from ..access import buyers_order
from . import stripe_gateway
from .errors import PaymentError
from .events import MalformedEvent
from .intents import start_payment
from .webhooks import handle_event

log = logging.getLogger(__name__)


@login_required
@require_POST
def order_pay(request, pk):
    order = buyers_order(request.user, pk)
    try:
        payment = start_payment(order, request.user)
    except PaymentError as error:
        messages.error(request, error.message)
        return redirect(order)
    csp.allow(request, **stripe_gateway.browser_sources())  # Stripe.js, its frames and API: this page only
    return render(
        request,
        "orders/pay.html",
        {
            "order": order,
            "payment": payment,
            "total": order.total,
            "stripe_js_url": settings.STRIPE_JS_URL,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "return_url": request.build_absolute_uri(order.get_absolute_url()),
        },
    )


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """200 once an event is applied (or known, or of a type we ignore); 400 with a code when the request is
    refused: bad_signature, signature_expired, signature_from_future or malformed_event (Stripe retries).
    """
    try:
        event = stripe_gateway.construct_event(request.body, request.headers.get("Stripe-Signature", ""))
        outcome = handle_event(event)
    except (stripe_gateway.WebhookRejected, MalformedEvent) as refused:
        log.warning("Stripe webhook refused (%s): %s", refused.code, refused.message)
        return JsonResponse({"error": refused.message, "code": refused.code}, status=400)
    return JsonResponse({"received": True, "outcome": outcome, "event": event["id"]})
