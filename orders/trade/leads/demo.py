"""About 200 demo leads met at the 2026 Expo (cms.demo.expo made the event and its exhibitors), spread over
the exhibitors at every stage of the pipeline, so the pipeline and the programme's figures are never empty.

Stages are set directly (this is seed data, not a history), but consistently: a lead past "new" was first
contacted some days after the Expo; a lost lead says why. An "ordered" lead is made as the product makes one:
the lead is quoted, its buyer opens an account with the lead's email (proven; no demo login: no password) and
pays a direct order of one of the supplier's products in the product's currency, and the lead linkage service
links the lead to its buyer and the order and moves it to "ordered" with the order's value. Where the supplier
has a member to ship it (the demo artisan's), the order is shipped and delivered: its escrow released.
Deterministic: the leads come from one Random(2026), the orders' details from their own Random, so the leads
are the same whatever the orders draw.
"""

import random
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from catalog.models import Event, Product, SupplierMembership
from orders.demo import paid_order
from orders.lifecycle import accept_fulfilment, confirm_delivery, ship_fulfilment

from ..models import Lead
from ..services.lead_linkage import link_buyer

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
# Stage weights: about 5% of the leads order (a lead of a supplier with nothing to order stays "quoted").
STAGES = [
    (Lead.Stage.NEW, 30),
    (Lead.Stage.CONTACTED, 25),
    (Lead.Stage.CONVERSATION, 18),
    (Lead.Stage.QUOTED, 14),
    (Lead.Stage.ORDERED, 5),
    (Lead.Stage.LOST, 8),
]
# How many MOQs an ordering buyer takes.
ORDER_MOQS = [1, 1, 2, 3]
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
    products = _orderable_products(exhibitors)
    order_rng = random.Random(seed + 1)
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
        if stage == Lead.Stage.ORDERED and not products.get(supplier.pk):
            stage = Lead.Stage.QUOTED  # nothing of theirs to order
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
            **_stage_fields(rng, stage, met),
        )
        if categories:
            lead.categories.set(categories[:2])
        # created_at is auto_now_add: the day they met at the Expo, set afterwards.
        Lead.objects.filter(pk=lead.pk).update(created_at=met)
        if stage == Lead.Stage.ORDERED:
            _order(lead, order_rng.choice(products[supplier.pk]), order_rng)
        made += 1
    return made


def _order(lead, product, rng):
    """`lead`'s buyer signs up with the lead's email and pays an order of `product`; the linkage service then
    makes the lead "ordered" with the order. Where the supplier has an owner to accept and ship it, about half
    such orders are delivered (escrow released); the others stay paid."""
    buyer = get_user_model().objects.create_user(
        lead.email,
        None,  # no password: a buyer of the demo's data, not a demo login
        full_name=lead.name,
        country=lead.country,
        email_verified_at=timezone.now(),
    )
    order = paid_order(
        buyer,
        product,
        product.moq * rng.choice(ORDER_MOQS),
        intent_id=f"pi_demo_lead_{lead.pk}",
        shipping={
            "shipping_name": f"{lead.name}, {lead.company}",
            "shipping_address": f"{lead.company}\nGoods inward",
            "shipping_country": lead.country,
        },
    )
    # What the email_verified signal's receiver does, here inside the demo's transaction.
    link_buyer(buyer)
    owner = SupplierMembership.objects.filter(
        supplier=product.supplier, role=SupplierMembership.Role.OWNER
    ).first()
    if owner is not None and rng.random() < 0.5:
        fulfilment = order.fulfilments.get()
        accept_fulfilment(fulfilment, owner.user)
        ship_fulfilment(fulfilment, owner.user, carrier="TCS", tracking_number=f"TCS-LEAD-{lead.pk}")
        confirm_delivery(order, buyer)


def _orderable_products(exhibitors):
    """The exhibitors' visible products, by supplier (in a stable order, for the seeded choice)."""
    by_supplier = {}
    products = Product.objects.filter(supplier__in=[e.supplier_id for e in exhibitors]).select_related(
        "supplier"
    )
    for product in products.prefetch_related("price_tiers").order_by("pk"):
        if product.is_visible:
            by_supplier.setdefault(product.supplier_id, []).append(product)
    return by_supplier


def _stage_fields(rng, stage, met):
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
        # Quoted, nothing left to do: the buyer's order (_order) moves it to "ordered", with its value.
        fields["stage"] = Lead.Stage.QUOTED
    else:
        fields.update(
            next_action=rng.choice(NEXT_ACTIONS),
            next_action_on=(contacted + timedelta(days=rng.randint(3, 60))).date(),
        )
    return fields
