"""About 200 demo leads met at the 2026 Expo (cms.demo.expo made the event and its exhibitors), spread over
the exhibitors at every stage of the pipeline, so the pipeline and the programme's figures are never empty.

Stages are set directly (this is seed data, not a history), but consistently: a lead past "new" was first
contacted some days after the Expo; a lost lead says why; "ordered" only with a real order of that supplier
(the demo's other parts may make some), otherwise it stays at "quoted". Deterministic: one Random(2026).
"""

import random
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from catalog.models import Event
from marketplace.exchange.services import RateMissing, convert
from marketplace.money import Money
from orders.models import Fulfilment, Order

from ..models import Lead, LeadLink

EXPO_SLUG = "sme-cluster-showcase-expo-2026"
SEED = 2026
HOW_MANY = 200

FIRST_NAMES = [
    "Ingrid", "Lars", "Sophie", "Lukas", "Emma", "Jan", "Chloé", "Marco", "Giulia", "Hannah", "Oliver",
    "Fatima", "Omar", "Aisha", "Yusuf", "Mei", "Kenji", "Sara", "David", "Laura", "Pieter", "Anna", "Noah",
    "Amelia", "Mateo", "Léa", "Felix", "Nora", "Ahmed", "Layla",
]  # fmt: skip
LAST_NAMES = [
    "Larsson", "Berg", "Dubois", "Schmidt", "Rossi", "de Vries", "Kowalski", "Novak", "Hughes", "Okafor",
    "Al Mansoori", "Haddad", "Tanaka", "Chen", "García", "Müller", "Jensen", "Nowak", "Murphy", "Bianchi",
]  # fmt: skip
COMPANIES = [
    ("Nordic Home Imports AB", "SE"), ("Casa Bella Srl", "IT"), ("Maison Artisan SARL", "FR"),
    ("Hausgemacht GmbH", "DE"), ("Dutch Living BV", "NL"), ("Atlantic Retail Ltd", "GB"),
    ("Gulf Interiors LLC", "AE"), ("Oasis Trading FZE", "AE"), ("Kyoto Craft KK", "JP"),
    ("Pacific Goods Pty", "AU"), ("MedSupply Europe", "DE"), ("Sports Direct Sourcing", "GB"),
    ("Hygge Design ApS", "DK"), ("Boutique Bazaar Inc", "US"), ("Warsaw Home Sp. z o.o.", "PL"),
    ("Toronto Loom Co", "CA"), ("Riyadh Hospital Supplies", "SA"), ("Iberia Deco SL", "ES"),
]  # fmt: skip
TIMINGS = ["Before the summer season", "For Christmas stock", "Within 3 months", "Next spring", "No rush", ""]
LOST_REASONS = [
    "Price above their target",
    "Chose a supplier in another country",
    "Needed a certificate we do not hold yet",
    "Lead time too long for their season",
    "No reply after three follow-ups",
]
NEXT_ACTIONS = ["Send samples", "Send a quote", "Call back", "Send the catalogue", "Ask about their volumes"]
# Stage weights for leads of a supplier with no order: "ordered" only where a real order exists.
STAGES = [
    (Lead.Stage.NEW, 30),
    (Lead.Stage.CONTACTED, 25),
    (Lead.Stage.CONVERSATION, 18),
    (Lead.Stage.QUOTED, 15),
    (Lead.Stage.ORDERED, 4),
    (Lead.Stage.LOST, 8),
]
PAID_STATES = [
    Order.State.PAID,
    Order.State.IN_PRODUCTION,
    Order.State.SHIPPED,
    Order.State.DELIVERED,
    Order.State.COMPLETED,
]
CONSENT = "The buyer agrees that this supplier may contact them by email or phone about what they asked for."


@transaction.atomic
def build_demo_leads(how_many=HOW_MANY, seed=SEED) -> int:
    """Creates the leads if the Expo exists and has none yet; returns how many it created (idempotent)."""
    event = Event.objects.filter(slug=EXPO_SLUG).first()
    if event is None or event.leads.exists():
        return 0
    rng = random.Random(seed)
    exhibitors = list(event.exhibitors.select_related("supplier").prefetch_related("supplier__categories"))
    if not exhibitors:
        return 0
    unlinked_orders = _paid_fulfilments(exhibitors)
    expo_day = datetime.combine(event.starts_on, datetime.min.time(), tzinfo=UTC) + timedelta(hours=10)
    made = 0
    for number in range(how_many):
        # A few exhibitors meet many buyers, most meet some: every one gets at least one lead.
        exhibitor = (
            exhibitors[number] if number < len(exhibitors) else rng.choice(exhibitors[: len(exhibitors) // 2])
        )
        supplier = exhibitor.supplier
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company, country = rng.choice(COMPANIES)
        met = expo_day + timedelta(days=rng.randrange(3), minutes=rng.randrange(8 * 60))
        stage = rng.choices([s for s, _w in STAGES], weights=[w for _s, w in STAGES])[0]
        fulfilment = None
        if stage == Lead.Stage.ORDERED:
            fulfilment = (
                unlinked_orders.get(supplier.pk, []).pop() if unlinked_orders.get(supplier.pk) else None
            )
            if fulfilment is None:
                stage = Lead.Stage.QUOTED
        categories = list(supplier.categories.all())
        price = Decimal(rng.randint(200, 5000)) / 100 if rng.random() < 0.5 else None
        lead = Lead.objects.create(
            event=event,
            supplier=supplier,
            source=rng.choice([Lead.Source.BOOTH, Lead.Source.BOOTH, Lead.Source.BADGE_SCAN]),
            name=f"{first} {last}",
            company=company,
            country=country,
            email=f"{first}.{last}.{number}@example.com".lower().replace(" ", ""),
            phone=f"+{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(100000, 999999)}",
            products_wanted=categories[0].name if categories else "",
            quantity=rng.choice([None, 50, 100, 200, 500, 1000, 5000]),
            target_price=price,
            target_currency=supplier.currency if price is not None else "",
            timing=rng.choice(TIMINGS),
            consent_given=True,
            consent_text=CONSENT,
            consent_at=met,
            client_key=uuid.UUID(int=rng.getrandbits(128), version=4),
            **_stage_fields(rng, stage, met, fulfilment),
        )
        if categories:
            lead.categories.set(categories[:2])
        if fulfilment is not None:
            LeadLink.objects.create(lead=lead, kind=LeadLink.Kind.ORDER, order=fulfilment.order)
        # created_at is auto_now_add: the day they met at the Expo, set afterwards.
        Lead.objects.filter(pk=lead.pk).update(created_at=met)
        made += 1
    return made


def _stage_fields(rng, stage, met, fulfilment):
    fields = {"stage": stage, "stage_changed_at": met}
    if stage == Lead.Stage.NEW:
        fields.update(
            next_action="Write to them", next_action_on=(met + timedelta(days=rng.randint(2, 30))).date()
        )
        return fields
    contacted = met + timedelta(days=rng.choice([1, 2, 3, 5, 6, 9, 14, 21]), hours=rng.randint(0, 8))
    fields.update(
        first_contacted_at=contacted, stage_changed_at=contacted + timedelta(days=rng.randint(0, 40))
    )
    if stage == Lead.Stage.LOST:
        fields["lost_reason"] = rng.choice(LOST_REASONS)
    elif stage == Lead.Stage.ORDERED:
        total = fulfilment.total
        fields.update(
            buyer=fulfilment.order.buyer,
            order=fulfilment.order,
            order_value=total.amount,
            order_currency=total.currency,
            order_value_usd=_usd(total),
            ordered_at=fulfilment.order.created_at,
            stage_changed_at=fulfilment.order.created_at,
        )
    else:
        fields.update(
            next_action=rng.choice(NEXT_ACTIONS),
            next_action_on=(contacted + timedelta(days=rng.randint(3, 60))).date(),
        )
    return fields


def _usd(money):
    try:
        return Money(convert(money, "USD").amount, "USD").rounded().amount
    except RateMissing:
        return None


def _paid_fulfilments(exhibitors):
    """The exhibitors' paid orders (a fulfilment of theirs) that no lead names yet, by supplier."""
    by_supplier = {}
    fulfilments = (
        Fulfilment.objects.filter(
            supplier__in=[e.supplier_id for e in exhibitors], order__state__in=PAID_STATES
        )
        .exclude(order__in=Lead.objects.filter(order__isnull=False).values("order"))
        .select_related("order__buyer")
        .prefetch_related("lines")
        .order_by("pk")
    )
    for fulfilment in fulfilments:
        by_supplier.setdefault(fulfilment.supplier_id, []).append(fulfilment)
    return by_supplier
