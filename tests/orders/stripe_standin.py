"""Test helpers around Stripe: the localstripe stand-in, a recording HTTP client, signed webhook events."""

import copy
import hashlib
import hmac
import json
import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
import stripe

FIXTURES = json.loads((Path(__file__).parent / "stripe_fixtures.json").read_text())
WEBHOOK_SECRET = "whsec_test_orders"
SECRET_KEY = "sk_test_orders"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalStripe:
    """localstripe on a free loopback port, in its own working directory."""

    def __init__(self, workdir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        binary = Path(os.sys.executable).parent / "localstripe"
        env = {**os.environ, "HOME": str(workdir), "PYTHONUNBUFFERED": "1"}
        self.log_path = Path(workdir) / "localstripe.log"
        log = open(self.log_path, "wb")  # noqa: SIM115 (kept open for the process's life)
        self.process = subprocess.Popen(
            [str(binary), "--port", str(self.port), "--from-scratch"],
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/v1/payment_intents", auth=(SECRET_KEY, ""), timeout=1)
                return
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("localstripe did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def api(self, method, path, **data):
        response = requests.request(method, f"{self.url}{path}", auth=(SECRET_KEY, ""), data=data, timeout=10)
        response.raise_for_status()
        return response.json()

    def register_webhook(self, url, secret=WEBHOOK_SECRET):
        response = requests.post(
            f"{self.url}/_config/webhooks/orders-tests",
            json={
                "url": url,
                "secret": secret,
                "events": ["payment_intent.succeeded", "payment_intent.payment_failed"],
            },
            timeout=5,
        )
        response.raise_for_status()

    def pay_intent(self, intent_id, card="4242424242424242"):
        """What a buyer's browser does through Stripe.js: attach a card and confirm the intent."""
        method = self.api(
            "POST",
            "/v1/payment_methods",
            type="card",
            **{"card[number]": card, "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123"},
        )
        self.api("POST", f"/v1/payment_intents/{intent_id}", payment_method=method["id"])
        try:
            return self.api("POST", f"/v1/payment_intents/{intent_id}/confirm")
        except requests.HTTPError:
            return self.api("GET", f"/v1/payment_intents/{intent_id}")


class RecordingHTTPClient(stripe.RequestsClient):
    """stripe's own requests-based HTTP client, keeping a copy of every outgoing request."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sent = []

    def request(self, method, url, headers, post_data=None):
        self.sent.append({"method": method, "url": url, "headers": dict(headers or {}), "body": post_data})
        return super().request(method, url, headers, post_data)

    def posts(self):
        return [r for r in self.sent if r["method"].lower() == "post"]


class CannedStripe(RecordingHTTPClient):
    """The recording client answering some requests itself with Stripe-shaped objects (what localstripe
    cannot give: a charge whose balance transaction has a real fee, an outage of one endpoint).

    `answer(method, path, body, status=200)` registers a reply for a path (query string ignored); other
    requests go to the server the client points at (localstripe) when `forward` is true, else get a 404 at
    once, so a test never reaches the real api.stripe.com.
    """

    def __init__(self, forward=False, **kwargs):
        super().__init__(**kwargs)
        self.forward = forward
        self.answers = {}

    def answer(self, method, path, body, status=200):
        self.answers[(method.lower(), path)] = (status, body)

    def request(self, method, url, headers, post_data=None):
        path = urlsplit(url).path
        canned = self.answers.get((method.lower(), path))
        if canned is None and self.forward:
            return super().request(method, url, headers, post_data)
        self.sent.append({"method": method, "url": url, "headers": dict(headers or {}), "body": post_data})
        status, body = canned or (404, {"error": {"type": "invalid_request_error", "message": "No such"}})
        return json.dumps(body), status, {"request-id": "req_canned"}

    def requested(self, path):
        return [r for r in self.sent if urlsplit(r["url"]).path == path]


def sign(payload: str, secret=WEBHOOK_SECRET, timestamp=None) -> str:
    """A Stripe-Signature header exactly as Stripe computes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(event_type, obj, event_id):
    envelope = copy.deepcopy(FIXTURES["event"])
    envelope.update(
        {"id": event_id, "type": event_type, "data": {"object": obj}, "created": int(time.time())}
    )
    return envelope


def intent_object(intent_id, amount, currency="usd", status="succeeded", charge_id=None):
    obj = copy.deepcopy(FIXTURES["payment_intent"])
    obj.update(
        {
            "id": intent_id,
            "amount": amount,
            "amount_received": amount if status == "succeeded" else 0,
            "currency": currency,
            "status": status,
            "latest_charge": charge_id,
        }
    )
    if status == "requires_payment_method":
        obj["last_payment_error"] = {"message": "Your card was declined."}
    return obj


def charge_object(charge_id, intent_id, amount, refunds=(), currency="usd"):
    """A charge with `refunds` [(refund id, amount)], as charge.refunded carries it."""
    obj = copy.deepcopy(FIXTURES["charge"])
    refund_objects = []
    for refund_id, refund_amount in refunds:
        refund = copy.deepcopy(FIXTURES["refund"])
        refund.update({"id": refund_id, "amount": refund_amount, "charge": charge_id, "status": "succeeded"})
        refund.update({"payment_intent": intent_id, "metadata": {}})
        refund_objects.append(refund)
    obj.update(
        {
            "id": charge_id,
            "payment_intent": intent_id,
            "amount": amount,
            "amount_captured": amount,
            "amount_refunded": sum(a for _, a in refunds),
            "refunded": sum(a for _, a in refunds) >= amount,
            "currency": currency,
        }
    )
    obj["refunds"] = {"object": "list", "data": refund_objects, "has_more": False}
    return obj


def balance_transaction_object(txn_id, charge_id, amount, fee, currency="usd", exchange_rate=None):
    """Stripe's example balance transaction for a charge of `amount` with a processing `fee` (minor units)."""
    obj = copy.deepcopy(FIXTURES["balance_transaction"])
    obj.update(
        {
            "id": txn_id,
            "source": charge_id,
            "amount": amount,
            "fee": fee,
            "net": amount - fee,
            "currency": currency,
            "exchange_rate": exchange_rate,
            "fee_details": [
                {
                    "amount": fee,
                    "currency": currency,
                    "description": "Stripe processing fees",
                    "type": "stripe_fee",
                }
            ]
            if fee
            else [],
        }
    )
    return obj


def captured_charge_object(charge_id, intent_id, amount, balance_transaction=None, currency="usd"):
    """A captured card charge as charge.succeeded / charge.updated carry it; `balance_transaction` is the
    expanded object, its id, or None (not made yet)."""
    obj = charge_object(charge_id, intent_id, amount, currency=currency)
    obj.update(
        {"captured": True, "paid": True, "status": "succeeded", "balance_transaction": balance_transaction}
    )
    return obj


def dispute_object(dispute_id, charge_id, intent_id, amount):
    obj = copy.deepcopy(FIXTURES["dispute"])
    obj.update({"id": dispute_id, "charge": charge_id, "payment_intent": intent_id, "amount": amount})
    return obj


def post_event(client, envelope, secret=WEBHOOK_SECRET, timestamp=None):
    payload = json.dumps(envelope)
    return client.post(
        "/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, secret, timestamp),
    )
