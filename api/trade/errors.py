"""The trade and order services' domain errors as API errors: registered in api.errors.DOMAIN_ERRORS, each
answered with the service's own stable code (the same codes the pages and the logs see).

- EmailUnverified (code "email_unverified"): 403, the account's email address is not confirmed yet, so it may
  not start an inquiry or post an RFQ (marketplace.accounts.verification); the profile page sends the link.
- RateLimited (code "rate_limited"): 429, too many inquiries this hour or RFQs today.
- TransitionError: 409, the object's state or the actor's part does not allow the action. Codes the trade
  endpoints can answer: rfq_closed, not_matching, quote_final, quote_expired, quote_not_submitted,
  quote_changed (the quote was revised after the buyer saw it), already_awarded, wrong_rfq, deadline_past,
  closed (a closed inquiry), inactive, own_supplier, wrong_product, illegal_transition; and the actor
  refusals not_buyer, not_member, not_party, which the endpoints' own 404s normally answer first.
- CheckoutError: 422, the accepted terms cannot become an order (order_too_large, quantity, price).

Not registered, on purpose: PaymentError and GatewayError (no API endpoint charges or refunds yet),
LedgerError (a broken ledger invariant is a bug: a 500 and a log line, not a client's problem).

Subclasses come first: a handler walking the registry in order with isinstance finds them before their base.
"""

from rest_framework import status

from api.errors import DOMAIN_ERRORS
from marketplace.accounts.verification import EmailUnverified
from marketplace.workflow import TransitionError
from orders.checkout.ordering import CheckoutError
from orders.trade.services.inquiries import RateLimited

TRADE_ERRORS = {
    EmailUnverified: (status.HTTP_403_FORBIDDEN, "email_unverified"),
    RateLimited: (status.HTTP_429_TOO_MANY_REQUESTS, "rate_limited"),
    TransitionError: (status.HTTP_409_CONFLICT, None),
    CheckoutError: (status.HTTP_422_UNPROCESSABLE_ENTITY, None),
}

for error_class, answer in TRADE_ERRORS.items():
    DOMAIN_ERRORS.setdefault(error_class, answer)
