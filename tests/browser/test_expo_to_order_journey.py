"""Issue 20 end to end, at 360 px, each actor on their own phone: an exhibitor captures a buyer at the booth;
the buyer later signs up with that email (the link in the mail), orders the exhibitor's product and pays by
card; the lead shows "ordered" with the order's value. The exhibitor asks a partner lender for an advance on
the order, the lender's officer approves and records the payment, the exhibitor ships, the buyer confirms
delivery, and the balance shows the release net of the repayment. The curator's programme dashboard for the
event counts the lead, the order, the conversion and the advance. Every page fits the phone and passes axe.

Payment runs through the production pay page as in test_payment_journey.py: only Stripe.js is swapped for
that journey's test double, and the PaymentIntent is completed in localstripe (the Stripe stand-in)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from orders.financing.models import Advance
from orders.models import Order
from orders.trade.models import Lead
from tests.browser.test_payment_journey import STRIPE_JS_DOUBLE
from tests.browser.viewports import PHONE, check, close_page, open_page
from tests.factories import MembershipFactory, ProductFactory, SupplierFactory
from tests.orders.conftest import (  # noqa: F401 (fixtures reused from the orders tests)
    _stripe_settings,
    localstripe,
    stripe_api,
)
from tests.orders.financing_helpers import make_lender, make_officer
from tests.trade.leads.expo import ExhibitorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUYER_EMAIL = "ingrid.larsson@nordic-interiors.example"
BUYER_PASSWORD = "blue-glaze-from-multan"


def figure(page, key):
    """The dashboard's total (first column) of the figure `key`."""
    return page.locator(f"#figure-{key} td").first.inner_text()


def test_a_lead_met_at_the_expo_orders_gets_an_advance_repaid_first_and_the_dashboard_counts_it(
    live_server,
    browser,
    audit,
    login,
    curator,
    stripe_api,  # noqa: F811 (the imported fixture, requested)
    localstripe,  # noqa: F811
):
    base = live_server.url
    today = timezone.localdate()
    supplier = SupplierFactory(name="Multan Blue Pottery Works", women_led=True, size="micro")
    owner = MembershipFactory(supplier=supplier, role="owner").user
    event = ExhibitorFactory(
        supplier=supplier,
        booth="B-12",
        event__name="Made in Pakistan - SME Cluster Showcase Expo",
        event__starts_on=today - timedelta(days=1),
        event__ends_on=today + timedelta(days=1),
    ).event
    product = ProductFactory(supplier=supplier, title="Cobalt blue pottery planter")  # 10 at 12.50 USD
    lender = make_lender("Akhuwat")  # 60 % of the escrowed amount, no fee (profit-free)
    officer = make_officer(lender)

    # --- 1. At the booth: the exhibitor captures the buyer, who has no account yet ------------------------
    exhibitor = open_page(browser, PHONE)
    login(exhibitor, owner)
    exhibitor.goto(f"{base}/sell/leads/new/")
    check(exhibitor, audit)
    assert exhibitor.get_by_label("Event").input_value() == str(event.pk)  # the expo under way
    exhibitor.get_by_label("Buyer's name").fill("Ingrid Larsson")
    exhibitor.get_by_label("Company").fill("Nordic Interiors AB")
    exhibitor.get_by_label("Email", exact=True).fill(BUYER_EMAIL)
    exhibitor.get_by_label("The buyer agrees").check()
    exhibitor.get_by_role("button", name="Save lead").click()
    exhibitor.get_by_role("heading", name="Lead saved").wait_for()
    check(exhibitor, audit)
    lead = Lead.objects.get()
    assert (lead.event, lead.buyer, lead.consent_given) == (event, None, True)

    # --- 2. Later: the buyer finds the product, signs up with that email, orders and pays -----------------
    buyer_page = open_page(browser, PHONE)
    buyer_page.route(
        settings.STRIPE_JS_URL,
        lambda route: route.fulfill(status=200, content_type="application/javascript", body=STRIPE_JS_DOUBLE),
    )
    buyer_page.expose_function(
        "stripeDoubleConfirm",
        lambda secret: localstripe.pay_intent(secret.split("_secret_")[0])["status"],
    )
    buyer_page.goto(base + product.get_absolute_url())
    check(buyer_page, audit)
    buyer_page.get_by_role("button", name="Add to cart").click()
    buyer_page.get_by_text(f"{product.title} is in your cart.").wait_for()
    check(buyer_page, audit)
    buyer_page.get_by_role("link", name="Check out").click()
    buyer_page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    check(buyer_page, audit)
    buyer_page.get_by_role("link", name="Create an account").click()
    check(buyer_page, audit)
    buyer_page.get_by_label("Your name").fill("Ingrid Larsson")
    buyer_page.get_by_label("Email").fill(BUYER_EMAIL)
    buyer_page.get_by_label("Company").fill("Nordic Interiors AB")
    buyer_page.get_by_label("Country").select_option("SE")
    buyer_page.get_by_label("Password").fill(BUYER_PASSWORD)
    buyer_page.get_by_role("button", name="Create account").click()
    buyer_page.wait_for_url(re.compile(r"/accounts/signup/sent/$"))
    check(buyer_page, audit)

    (sent,) = [message for message in mail.outbox if message.to == [BUYER_EMAIL]]
    buyer_page.goto(base + re.search(r"(/accounts/signup/confirm/\S+/)", sent.body).group(1))
    check(buyer_page, audit)
    buyer_page.locator("main form [type=submit]").click()
    buyer_page.wait_for_url(re.compile(r"/checkout/$"))  # back where they were going, signed in
    check(buyer_page, audit)
    assert product.title in buyer_page.locator("main").inner_text()  # the cart survived the sign-up
    buyer_page.get_by_label("Name or company").fill("Nordic Interiors AB")
    buyer_page.get_by_label("Shipping address").fill("Hamngatan 1\n111 47 Stockholm")
    buyer_page.get_by_label("Country").select_option("SE")
    buyer_page.get_by_role("button", name="Place order").click()
    buyer_page.get_by_role("button", name="Pay 125.00 USD by card").wait_for()
    check(buyer_page, audit)
    order = Order.objects.get()
    buyer_page.get_by_role("button", name="Pay 125.00 USD by card").click()
    buyer_page.get_by_role("heading", name=f"Pay order {order.pk}").wait_for()
    buyer_page.get_by_text("Test card 4242").wait_for()  # pay.js mounted the (double's) Payment Element
    check(buyer_page, audit)
    buyer_page.get_by_role("button", name="Pay 125.00 USD").click()
    buyer_page.wait_for_url(re.compile(rf"/orders/{order.pk}/\?payment_intent=pi_"))
    assert buyer_page.locator(".order-state").get_attribute("data-state") == "paid"
    check(buyer_page, audit)

    # --- 3. The exhibitor's pipeline: the lead ordered, with the order's value ------------------------------
    exhibitor.goto(f"{base}/sell/leads/")
    check(exhibitor, audit)
    card = exhibitor.locator(f"#lead-{lead.pk}")
    assert card.locator(".badge").inner_text() == "Ordered"
    assert card.locator(".lead-value").inner_text().replace("\u00a0", " ") == "Order value: 125.00 USD"
    card.get_by_role("link", name="Ingrid Larsson").click()
    exhibitor.wait_for_url(re.compile(rf"/sell/leads/{lead.pk}/$"))
    check(exhibitor, audit)
    text = exhibitor.locator("main").inner_text().replace("\u00a0", " ")
    assert "125.00 USD" in text and f"Order {order.pk}" in text

    # --- 4. Working capital: the exhibitor asks, the lender's officer approves and pays ---------------------
    exhibitor.goto(f"{base}/sell/orders/")
    check(exhibitor, audit)
    exhibitor.get_by_role("link", name="Request an advance").click()
    check(exhibitor, audit)
    assert "75.00" in exhibitor.inner_text("main")  # 60 % of 125.00
    exhibitor.get_by_label("Amount you need").fill("70.00")
    exhibitor.get_by_label("I agree to share this with the lender, as written above.").check()
    exhibitor.get_by_role("button", name="Send the request").click()
    exhibitor.get_by_text("Sent to Akhuwat").wait_for()
    check(exhibitor, audit)

    advance = Advance.objects.get()
    lending = open_page(browser, PHONE)
    login(lending, officer)
    lending.goto(f"{base}/lend/")
    check(lending, audit)
    lending.get_by_role("link", name=f"Advance {advance.pk}").click()
    check(lending, audit)
    lending.get_by_label("Amount approved").fill("70.00")
    lending.get_by_role("button", name="Approve").click()
    lending.get_by_text("Approved. Record the payment").wait_for()
    check(lending, audit)
    lending.get_by_label("Paid on").fill(today.isoformat())
    lending.get_by_label("Transfer reference").fill("RAAST-20261204-1")
    lending.get_by_label("Paid by").select_option("raast")
    lending.get_by_role("button", name="Record the payment").click()
    lending.get_by_text("Payment recorded").wait_for()
    check(lending, audit)

    # The exhibitor accepts the order and ships it.
    exhibitor.goto(f"{base}/sell/orders/")
    exhibitor.get_by_role("button", name="Accept", exact=True).click()
    exhibitor.get_by_text("Accepted. Ship it when it is ready.").wait_for()
    check(exhibitor, audit)
    exhibitor.get_by_role("link", name="Mark shipped").click()
    check(exhibitor, audit)
    exhibitor.get_by_label("Carrier").fill("TCS")
    exhibitor.get_by_label("Tracking number").fill("TCS-778812")
    exhibitor.get_by_label("Number of packages").fill("1")
    exhibitor.get_by_label("Package type").select_option("carton")
    exhibitor.get_by_label("Gross weight (kg)").fill("14")
    exhibitor.get_by_label("Net weight (kg)").fill("12")
    exhibitor.get_by_role("button", name="Mark shipped").click()
    exhibitor.get_by_text("Marked as shipped").wait_for()
    check(exhibitor, audit)

    # The buyer confirms delivery: the escrow is released, the lender repaid first.
    buyer_page.goto(f"{base}/orders/{order.pk}/")
    check(buyer_page, audit)
    buyer_page.get_by_role("button", name="I received it: confirm delivery").click()
    buyer_page.get_by_text("delivery confirmed and the supplier is paid").wait_for()
    check(buyer_page, audit)

    exhibitor.goto(f"{base}/sell/balance/")
    check(exhibitor, audit)
    balance = exhibitor.locator('.orders-balance[data-currency="USD"]')
    # 125.00 paid - 6.25 commission (5 %) - 70.00 repaid to Akhuwat (no fee) = 48.75
    assert balance.locator(".available").inner_text() == "48.75 USD"
    assert balance.locator(".held").inner_text() == "0.00 USD"
    statement = exhibitor.locator(f'.orders-statement tr[data-order="{order.pk}"]')
    assert statement.locator(".released").inner_text().replace("\u00a0", " ").splitlines() == [
        "48.75 USD",
        "after 70.00 USD repaid to your lender",
    ]
    repaid = exhibitor.locator(f'.advance[data-advance="{advance.pk}"]')
    assert repaid.locator(".state").inner_text() == "Repaid"
    assert repaid.locator(".outstanding").inner_text() == "0.00 USD"

    # --- 5. The curator's programme dashboard for the expo counts all of it --------------------------------
    programme = open_page(browser, PHONE)
    login(programme, curator)
    programme.goto(f"{base}/admin/programme/")
    check(programme, audit)
    programme.get_by_label("Scope").select_option("event")
    programme.get_by_label("Event").select_option(str(event.pk))
    programme.get_by_role("button", name="Show the figures").click()
    programme.wait_for_url(re.compile(rf"scope=event.*event={event.pk}"))
    check(programme, audit)
    assert figure(programme, "exhibitors") == "1"
    assert figure(programme, "leads") == "1"
    assert figure(programme, "orders") == "1"
    assert figure(programme, "orders_usd") == "125.00"
    assert figure(programme, "conversion") == "100.0 %"
    assert figure(programme, "advances_requested") == "1"
    assert figure(programme, "advances_approved") == "1"
    assert figure(programme, "advances_repaid") == "1"
    # Women-led and micro: the same one lead in those columns, none in the others.
    assert programme.locator("#figure-leads td").all_inner_texts()[:6] == ["1", "1", "0", "1", "0", "0"]
    # Each number leads to what it counts: the lead that ordered.
    programme.locator("#figure-conversion td a").first.click()
    programme.get_by_role("cell", name="Ingrid Larsson").wait_for()
    check(programme, audit)

    for page in (exhibitor, buyer_page, lending, programme):
        close_page(page)
