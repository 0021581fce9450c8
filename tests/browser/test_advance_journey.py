"""Browser journey at 360 px (issue 20): the owner asks a partner lender for an advance on a paid order held
in escrow; the lender's officer approves and records the payment; the buyer's delivery releases the escrow and
the owner's balance shows what went to the lender first and the rest as theirs. Every page passes axe and
none scrolls sideways."""

from decimal import Decimal

import pytest

from orders.checkout.ordering import LineSpec, create_order
from orders.financing.models import Advance
from orders.ledger.escrow import release_fulfilment
from tests.browser.viewports import PHONE, check
from tests.factories import BuyerFactory, MembershipFactory, ProductFactory, SupplierFactory
from tests.orders.financing_helpers import make_lender, make_officer
from tests.orders.helpers import paid

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_asks_an_advance_the_lender_pays_and_the_release_repays_it_first(
    live_server, page, audit, login
):
    base = live_server.url
    page.set_viewport_size(PHONE)
    supplier = SupplierFactory(name="Chitral Crochet Circle", women_led=True)
    owner = MembershipFactory(supplier=supplier, role="owner").user
    product = ProductFactory(supplier=supplier)
    order = create_order(
        buyer=BuyerFactory(),
        currency="USD",
        lines=[LineSpec(supplier, product.title, 10, "pcs", Decimal("12.50"), product=product)],
        source="direct",
        shipping_name="Importer AB",
        shipping_address="Hamngatan 1\nStockholm",
        shipping_country="SE",
    )
    paid(order)  # 125.00 USD held in escrow
    lender = make_lender("Akhuwat", fee="2")
    officer = make_officer(lender)

    # The owner asks from the orders page.
    login(page, owner)
    page.goto(f"{base}/sell/orders/")
    check(page, audit)
    page.get_by_role("link", name="Request an advance").click()
    check(page, audit)
    assert "75.00" in page.inner_text("main")  # 60 % of 125.00
    page.get_by_label("Amount you need").fill("60.00")
    page.get_by_label("I agree to share this with the lender, as written above.").check()
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Sent to Akhuwat").wait_for()
    check(page, audit)

    # The lender's officer approves it and records the payment.
    advance = Advance.objects.get()
    login(page, officer)
    page.goto(f"{base}/lend/")
    check(page, audit)
    page.get_by_role("link", name=f"Advance {advance.pk}").click()
    check(page, audit)
    page.get_by_label("Amount approved").fill("60.00")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Approved. Record the payment").wait_for()
    check(page, audit)
    page.get_by_label("Paid on").fill("2026-12-01")
    page.get_by_label("Transfer reference").fill("RAAST-1")
    page.get_by_label("Paid by").select_option("raast")
    page.get_by_role("button", name="Record the payment").click()
    page.get_by_text("Payment recorded").wait_for()
    check(page, audit)

    # The escrow is released (the buyer confirmed delivery): the lender is repaid 61.20 first.
    release_fulfilment(order.fulfilments.get())
    page.goto(f"{base}/lend/figures/")
    check(page, audit)
    login(page, owner)
    page.goto(f"{base}/sell/balance/")
    check(page, audit)
    text = page.inner_text("main")
    assert "after 61.20" in text.replace("\u00a0", " ") or "61.20" in text
    assert "57.55" in text  # 125.00 - 6.25 commission - 61.20 to the lender
