"""Browser journey: a buyer pays by card, the supplier ships, the buyer confirms, the balance shows it.

The pay page runs its production code (orders/static/orders/pay.js: Payment Element, `stripe.confirmPayment`).
Real Stripe.js cannot load here and localstripe's Stripe.js has no Payment Element, so ONLY Stripe.js is
swapped: a Playwright route on settings.STRIPE_JS_URL answers with STRIPE_JS_DOUBLE below, a test double of
exactly the part of the Stripe.js API the page calls:

- `Stripe(pk)` returns an object with `elements` and `confirmPayment`;
- `elements({clientSecret})` keeps the PaymentIntent's client secret; `elements.create("payment")` returns an
  element whose `mount(selector)` puts a short text where Stripe would put its card iframe;
- `confirmPayment({elements, confirmParams: {return_url}})` calls `stripeDoubleConfirm(clientSecret)`, a
  function the test exposes to the page, which completes the PaymentIntent in localstripe exactly as Stripe.js
  would for a buyer typing test card 4242 4242 4242 4242 (`LocalStripe.pay_intent`: create a card
  PaymentMethod, attach it, confirm; localstripe refuses a publishable key for these calls and its CORS
  headers refuse a browser's Authorization header, so this one step runs test-side with the test secret key).
  Then, like Stripe, it navigates to return_url with `?payment_intent=<id>&payment_intent_client_secret=...
  &redirect_status=...`, or resolves `{error: {message}}` if the intent did not succeed.

The double never talks to our server. Our server learns the outcome only from its own server-side retrieve
of the PaymentIntent from localstripe when the buyer lands on return_url (orders.views.buyer.order_detail ->
sync_payment); the URL's redirect_status is not trusted. No webhook is registered here, so the paid state can
only come from that retrieve (tests/orders/test_live_webhook.py covers the signed-webhook path).
"""

import re

import pytest
from django.conf import settings

from orders.models import Order
from tests.factories import ProductFactory
from tests.orders.conftest import (  # noqa: F401 (fixtures reused from the orders tests)
    _stripe_settings,
    localstripe,
    make_order,
    stripe_api,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRIPE_JS_DOUBLE = """
window.Stripe = function (publishableKey) {
  return {
    elements: function (options) {
      return {
        clientSecret: options.clientSecret,
        create: function (type) {
          return {
            mount: function (selector) {
              document.querySelector(selector).textContent = "Test card 4242 4242 4242 4242 (" + type + ")";
            }
          };
        }
      };
    },
    confirmPayment: function (params) {
      var secret = params.elements.clientSecret;
      return window.stripeDoubleConfirm(secret).then(function (status) {
        if (status !== "succeeded") { return { error: { message: "Payment " + status } }; }
        var url = new URL(params.confirmParams.return_url);
        url.searchParams.set("payment_intent", secret.split("_secret_")[0]);
        url.searchParams.set("payment_intent_client_secret", secret);
        url.searchParams.set("redirect_status", status);
        window.location.assign(url.toString());
        return new Promise(function () {});  // like Stripe: the page is leaving
      });
    }
  };
};
"""


def test_buyer_pays_supplier_ships_buyer_confirms_and_balance_shows_released_amount(
    live_server,
    page,
    audit,
    login,
    stripe_api,  # noqa: F811 (the imported fixture, requested)
    localstripe,  # noqa: F811
    buyer,
    supplier,
    artisan,
):
    base = live_server.url
    product = ProductFactory(supplier=supplier, title="Hand-stitched leather satchel")
    order = make_order(buyer, supplier, product)  # 10 x 12.50 USD = 125.00 USD, awaiting payment

    page.route(
        settings.STRIPE_JS_URL,
        lambda route: route.fulfill(status=200, content_type="application/javascript", body=STRIPE_JS_DOUBLE),
    )
    page.expose_function(
        "stripeDoubleConfirm",
        lambda secret: localstripe.pay_intent(secret.split("_secret_")[0])["status"],
    )

    # The buyer pays through the production pay page.
    login(page, buyer)
    page.goto(f"{base}/orders/{order.pk}/")
    audit(page)
    page.get_by_role("button", name="Pay 125.00 USD by card").click()
    page.get_by_role("heading", name=f"Pay order {order.pk}").wait_for()
    page.get_by_text("Test card 4242").wait_for()  # pay.js mounted the (double's) Payment Element
    audit(page)
    page.get_by_role("button", name="Pay 125.00 USD").click()
    page.wait_for_url(re.compile(rf"/orders/{order.pk}/\?payment_intent=pi_"))
    assert page.locator(".order-state").get_attribute("data-state") == "paid"
    audit(page)
    assert Order.objects.get(pk=order.pk).state == Order.State.PAID

    # The supplier accepts and ships on /sell/orders/.
    login(page, artisan)
    page.goto(f"{base}/sell/orders/")
    audit(page)
    page.get_by_role("button", name="Accept", exact=True).click()
    page.get_by_text("Accepted. Ship it when it is ready.").wait_for()
    audit(page)
    page.get_by_role("link", name="Mark shipped").click()
    audit(page)
    page.get_by_label("Carrier").fill("TCS")
    page.get_by_label("Tracking number").fill("TCS-778812")
    page.get_by_label("Number of packages").fill("2")
    page.get_by_label("Package type").select_option("carton")
    page.get_by_label("Gross weight (kg)").fill("12.5")
    page.get_by_label("Net weight (kg)").fill("11")
    page.get_by_role("button", name="Mark shipped").click()
    page.get_by_text("Marked as shipped").wait_for()
    audit(page)

    # The buyer confirms delivery on the order page.
    login(page, buyer)
    page.goto(f"{base}/orders/{order.pk}/")
    assert page.locator(".tracking").inner_text() == "TCS-778812"
    audit(page)
    page.get_by_role("button", name="I received it: confirm delivery").click()
    page.get_by_text("delivery confirmed and the supplier is paid").wait_for()
    audit(page)

    # The supplier's balance shows the released amount: 125.00 less 5% commission.
    login(page, artisan)
    page.goto(f"{base}/sell/balance/")
    audit(page)
    balance = page.locator('.orders-balance[data-currency="USD"]')
    assert balance.locator(".available").inner_text() == "118.75 USD"
    assert balance.locator(".held").inner_text() == "0.00 USD"
