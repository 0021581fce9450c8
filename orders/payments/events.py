"""What a Stripe webhook event must hold before we act on it.

A signature proves who sent a payload, not that it has the shape our handlers read. Each handled event type
names the shape of its object below: the fields a handler reads and their JSON types, required or optional
(absent or null). `check_event` compares a parsed payload with them before anything is stored, so a signed but
malformed event (a list, a string, no id, an amount that is not a number) is refused whole with a 400 and a
code, instead of failing halfway with a 500 that Stripe would retry for days. Fields no handler reads are not
checked: Stripe adds fields over time and they must not break us.
"""

from dataclasses import dataclass, field

# The longest Stripe id we store (WebhookEvent.event_id, Payment.intent_id, Dispute.stripe_id, ...).
MAX_ID_LENGTH = 100


class MalformedEvent(ValueError):
    """The payload is not a Stripe event our handlers can read; `message` says what is wrong."""

    code = "malformed_event"

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Id:
    """A spec: a Stripe id or event type, a string of 1 to MAX_ID_LENGTH characters (as our columns hold)."""


@dataclass(frozen=True)
class Shape:
    """A JSON object's fields: {name: spec}, a spec being Id, a type, a Shape, [spec] (a list of) or a tuple
    of specs (any one of them)."""

    required: dict
    optional: dict = field(default_factory=dict)

    def problems(self, value, where):
        if not isinstance(value, dict):
            return [f"{where} is not an object"]
        found = []
        for name, spec in self.required.items():
            if value.get(name) is None:
                found.append(f"{where} has no {name}")
            else:
                found += _problems(spec, value[name], f"{where}.{name}")
        for name, spec in self.optional.items():
            if value.get(name) is not None:
                found += _problems(spec, value[name], f"{where}.{name}")
        return found


def _problems(spec, value, where):
    if isinstance(spec, Shape):
        return spec.problems(value, where)
    if isinstance(spec, list):
        if not isinstance(value, list):
            return [f"{where} is not a list"]
        return [p for index, item in enumerate(value) for p in _problems(spec[0], item, f"{where}[{index}]")]
    if isinstance(spec, tuple):
        attempts = [_problems(option, value, where) for option in spec]
        return [] if any(not found for found in attempts) else attempts[0]
    if spec is Id:
        if isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH:
            return []
        return [f"{where} is not a string of 1 to {MAX_ID_LENGTH} characters"]
    if spec is int and isinstance(value, bool):  # JSON true is not an amount
        return [f"{where} is not a whole number"]
    if not isinstance(value, spec):
        return [f"{where} is not {'a whole number' if spec is int else 'a ' + spec.__name__}"]
    return []


# A related object Stripe gives by id or expanded.
NAMED = (Id, Shape({"id": Id}))
BALANCE_TRANSACTION = Shape(
    {"id": Id}, {"fee": int, "currency": str, "exchange_rate": (int, float), "source": NAMED}
)
NESTED_CHARGE = Shape({"id": Id}, {"balance_transaction": (Id, BALANCE_TRANSACTION)})
INTENT = Shape(
    {"id": Id, "status": str, "amount": int, "currency": str},
    {
        "amount_received": int,
        "latest_charge": (Id, NESTED_CHARGE),
        "last_payment_error": Shape({}, {"message": str}),
    },
)
REFUND = Shape({"id": Id, "amount": int}, {"status": str, "metadata": dict})
CHARGE = Shape(
    {"id": Id, "amount": int, "currency": str},
    {
        "amount_captured": int,
        "status": str,
        "captured": bool,
        "payment_intent": NAMED,
        "balance_transaction": (Id, BALANCE_TRANSACTION),
        "refunds": Shape({}, {"data": [REFUND]}),
    },
)
DISPUTE = Shape({"id": Id}, {"charge": NAMED, "payment_intent": NAMED, "reason": str})

OBJECT_SHAPES = {
    "payment_intent.succeeded": INTENT,
    "payment_intent.payment_failed": INTENT,
    "payment_intent.canceled": INTENT,
    "charge.succeeded": CHARGE,
    "charge.updated": CHARGE,
    "charge.refunded": CHARGE,
    "charge.dispute.created": DISPUTE,
}
ENVELOPE = Shape({"id": Id, "type": Id, "data": Shape({"object": dict})})


def check_event(payload) -> dict:
    """`payload` (parsed JSON) when it is an event whose object has the shape its type's handler reads;
    raises MalformedEvent otherwise. Types we do not handle only need the envelope (id, type, data.object)."""
    found = ENVELOPE.problems(payload, "event")
    if not found and payload["type"] in OBJECT_SHAPES:
        found = OBJECT_SHAPES[payload["type"]].problems(payload["data"]["object"], "event.data.object")
    if found:
        raise MalformedEvent("; ".join(found[:5]))
    return payload
