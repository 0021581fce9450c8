"""Stripe's webhook: verified, recorded once, applied; never trusted without a valid signature."""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..payments import stripe_gateway
from ..services.webhooks import handle_event


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = stripe_gateway.construct_event(request.body, request.headers.get("Stripe-Signature", ""))
    except ValueError:
        return JsonResponse({"error": "invalid signature or payload"}, status=400)
    # construct_event gives a StripeObject; our handlers read plain dicts.
    outcome = handle_event(json.loads(request.body))
    return JsonResponse({"received": True, "outcome": outcome, "event": event["id"]})
