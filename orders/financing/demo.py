"""Demo lenders, their officers and advances at every state, on paid demo orders, all through the services
(so the ledger is what real use would leave). Run by `manage.py load_demo_financing`, which cms's load_demo
calls (cms may not import orders: the layers contract in pyproject.toml).

Needs the demo catalog and people (buyer@demo.pk, the artisan's supplier); idempotent: it does nothing if the
demo lenders exist.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from catalog.models import Product, Supplier
from marketplace.money import Money

from ..demo import paid_order
from ..lifecycle import accept_fulfilment, confirm_delivery, ship_fulfilment
from ..payments.refunds import apply_refund
from .models import Lender, LenderOfficer
from .services import approve_advance, decline_advance, disburse_advance, request_advance, withdraw_advance

PASSWORD = "demo-pass-2026"
OFFICERS = {"akhuwat": "lender@demo.pk", "bank-sme": "bank@demo.pk"}
SHIPPING = {
    "shipping_name": "Nordic Home Imports AB",
    "shipping_address": "Hamngatan 1\nStockholm",
    "shipping_country": "SE",
}


def build_lenders():
    akhuwat = Lender.objects.create(
        name="Akhuwat Islamic Microfinance (SMEDA linkage)",
        slug="akhuwat",
        kind=Lender.Kind.ISLAMIC_MICROFINANCE,
        max_advance_percent=Decimal("60"),
        fee_percent=Decimal("0"),
        currencies=["PKR", "USD", "EUR", "GBP"],
        contact_email="smeda-linkage@akhuwat.example",
        description="Qard-e-hasna: interest-free working capital for micro and women-led businesses, "
        "as under the SMEDA–Akhuwat agreement; repaid from the order's escrow, no fee.",
    )
    bank = Lender.objects.create(
        name="Indus Commercial Bank – SME Desk",
        slug="bank-sme",
        kind=Lender.Kind.BANK_SME,
        max_advance_percent=Decimal("70"),
        fee_percent=Decimal("2.5"),
        currencies=["USD", "EUR", "PKR"],
        contact_email="sme.desk@indusbank.example",
        description="Order-backed working capital for exporters: up to 70% of the escrowed amount, "
        "flat 2.5% fee.",
    )
    User = get_user_model()
    officers = {}
    for lender, name in ((akhuwat, "Ayesha Officer (Akhuwat)"), (bank, "Bilal Officer (SME Desk)")):
        user = User.objects.create_user(OFFICERS[lender.slug], PASSWORD, full_name=name, country="PK")
        User.objects.filter(pk=user.pk).update(email_verified_at=timezone.now())
        LenderOfficer.objects.create(lender=lender, user=user)
        officers[lender.slug] = user
    return akhuwat, bank, officers


@transaction.atomic
def build_financing(supplier_name="Chitral Women's Crochet Circle") -> dict:
    """Two lenders, an officer each, and advances requested, approved, declined, withdrawn, disbursed (one
    with its order partly refunded: a shortfall) and repaid on the artisan's paid demo orders."""
    if Lender.objects.filter(slug__in=OFFICERS).exists():
        return {"lenders": 0, "advances": 0}
    akhuwat, bank, officers = build_lenders()
    supplier = Supplier.objects.get(name=supplier_name)
    owner = supplier.memberships.filter(role="owner").select_related("user").first().user
    buyer = get_user_model().objects.get(email="buyer@demo.pk")
    product = Product.objects.filter(supplier=supplier).order_by("pk").first()
    orders = [
        paid_order(
            buyer,
            product,
            quantity,
            intent_id=f"pi_demo_advance_{n}",
            shipping=SHIPPING,
            unit_price=Money(Decimal("12.50"), "USD"),
        )
        for n, quantity in enumerate((40, 60, 80, 30, 50, 100, 70))
    ]
    ask = lambda order, lender, amount: request_advance(  # noqa: E731
        order.fulfilments.get(), owner, lender=lender, amount=Decimal(amount), consent=True
    )
    officer_a, officer_b = officers["akhuwat"], officers["bank-sme"]
    paid_on = timezone.localdate() - timedelta(days=12)

    ask(orders[0], akhuwat, "250.00")  # requested, waiting for Akhuwat's officer
    approve_advance(ask(orders[1], bank, "400.00"), officer_b, amount=Decimal("350.00"))  # approved
    decline_advance(
        ask(orders[2], bank, "600.00"), officer_b, reason="First order with us: we start below 500 USD."
    )
    withdraw_advance(ask(orders[3], akhuwat, "100.00"), owner, note="Found the yarn money elsewhere.")
    disbursed = approve_advance(ask(orders[4], akhuwat, "300.00"), officer_a, amount=Decimal("300.00"))
    disburse_advance(
        disbursed, officer_a, disbursed_on=paid_on, reference="RAAST-20261121-0042", rail="raast"
    )

    repaid = approve_advance(ask(orders[5], bank, "800.00"), officer_b, amount=Decimal("800.00"))
    disburse_advance(repaid, officer_b, disbursed_on=paid_on, reference="IBFT-88231", rail="bank")
    fulfilment = orders[5].fulfilments.get()
    accept_fulfilment(fulfilment, owner)
    ship_fulfilment(fulfilment, owner, carrier="TCS", tracking_number="TCS-DEMO-5")
    confirm_delivery(orders[5], buyer)  # releases escrow: the bank is repaid first

    short = approve_advance(ask(orders[6], akhuwat, "500.00"), officer_a, amount=Decimal("500.00"))
    disburse_advance(short, officer_a, disbursed_on=paid_on, reference="RAAST-20261121-0077", rail="raast")
    apply_refund("re_demo_advance_6", Money(Decimal("500.00"), "USD"), orders[6])  # exposure: 375 held now
    return {"lenders": 2, "advances": 7}
