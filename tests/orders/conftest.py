"""Fixtures for orders tests: Stripe settings, the localstripe stand-in, paid orders."""

import socket
import threading
from decimal import Decimal

import pytest

from orders.checkout.ordering import LineSpec, create_order
from orders.lifecycle import accept_fulfilment, confirm_delivery, ship_fulfilment
from orders.models import Order, PayoutAccount
from orders.payments import stripe_gateway
from orders.payments.intents import start_payment, sync_payment
from tests.ci_rules import skip_or_fail
from tests.factories import ProductFactory

from .financing_helpers import make_lender, make_officer
from .helpers import paid
from .stripe_standin import SECRET_KEY, WEBHOOK_SECRET, CannedStripe, LocalStripe, RecordingHTTPClient


@pytest.fixture(autouse=True)
def _stripe_settings(settings):
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_orders"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_TIMEOUT = 5
    settings.PLATFORM_COMMISSION_PERCENT = "5.00"
    settings.PAYOUT_THRESHOLD = "50.00"
    settings.ESCROW_AUTO_RELEASE_DAYS = 14
    yield
    stripe_gateway.set_http_client(None)


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    try:
        standin = LocalStripe(tmp_path_factory.mktemp("localstripe"))
    except (RuntimeError, OSError) as error:
        skip_or_fail(f"localstripe (the Stripe stand-in) could not start: {error}")
    yield standin
    standin.stop()


@pytest.fixture
def stripe_api(settings, localstripe):
    """Point our Stripe module at localstripe and record every request it sends."""
    settings.STRIPE_API_BASE = localstripe.url
    recorder = RecordingHTTPClient(timeout=settings.STRIPE_TIMEOUT)
    stripe_gateway.set_http_client(recorder)
    return recorder


@pytest.fixture
def canned_stripe(settings):
    """Our Stripe module answered only by replies the test registers (`canned_stripe.answer(...)`)."""
    recorder = CannedStripe(timeout=settings.STRIPE_TIMEOUT)
    stripe_gateway.set_http_client(recorder)
    return recorder


@pytest.fixture
def canned_localstripe(settings, localstripe):
    """localstripe, except for the replies the test registers (e.g. a charge whose fee is not zero)."""
    settings.STRIPE_API_BASE = localstripe.url
    recorder = CannedStripe(forward=True, timeout=settings.STRIPE_TIMEOUT)
    stripe_gateway.set_http_client(recorder)
    return recorder


@pytest.fixture
def silent_stripe(settings):
    """A loopback port that accepts connections and never answers: a hanging Stripe."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.getsockname()[1]}"
    settings.STRIPE_TIMEOUT = 0.3
    recorder = RecordingHTTPClient(timeout=0.3)
    stripe_gateway.set_http_client(recorder)
    yield recorder
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def product(db, supplier):
    """A published product of `supplier`: MOQ 10, 10@12.50 USD, 50@10.80 USD, samples at 8.00."""
    return ProductFactory(supplier=supplier, sample_available=True, sample_price=Decimal("8.00"))


@pytest.fixture
def lender(db):
    """A partner lender: advances up to 60 % of the escrow, a 2 % flat fee."""
    return make_lender(fee="2")


@pytest.fixture
def officer(lender):
    return make_officer(lender)


@pytest.fixture
def order(db, buyer, supplier, product):
    """An order of 10 units at 12.50 USD (125.00) awaiting payment."""
    return make_order(buyer, supplier, product)


@pytest.fixture
def paid_order(stripe_api, order, buyer, localstripe):
    """`order` paid by card at localstripe (a real PaymentIntent, so refunds go through Stripe)."""
    payment = start_payment(order, buyer)
    localstripe.pay_intent(payment.intent_id)
    sync_payment(payment)
    order.refresh_from_db()
    assert order.state == Order.State.PAID
    return order


@pytest.fixture
def released(order, buyer, artisan, supplier):
    """`order`, 125.00 USD paid and released: 118.75 available to `supplier`."""
    paid(order)
    fulfilment = order.fulfilments.get()
    accept_fulfilment(fulfilment, artisan)
    ship_fulfilment(fulfilment, artisan, carrier="TCS", tracking_number="TCS-1")
    confirm_delivery(order, buyer)
    return order


@pytest.fixture
def iban_account(supplier):
    return PayoutAccount.objects.create(
        supplier=supplier, rail="bank", account_name="Workshop", iban="PK36SCBL0000001123456702"
    )


SHIPPING = {
    "shipping_name": "Importer GmbH",
    "shipping_address": "Hafenstr. 1\nHamburg",
    "shipping_country": "DE",
}


def make_order(buyer, supplier, product, quantity=10, unit_price="12.50"):
    """An order as checkout makes it: with a shipping address (nothing is paid without one)."""
    return create_order(
        buyer=buyer,
        currency="USD",
        lines=[LineSpec(supplier, product.title, quantity, "pcs", Decimal(unit_price), product=product)],
        source="direct",
        **SHIPPING,
    )
