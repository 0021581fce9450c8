"""Programme dashboard benchmark (a script, not a test): a year of a 100,000-order marketplace, then the
curators' dashboard (orders.trade.programme) rendered for each scope.

    createdb -h 127.0.0.1 -U postgres programme_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/programme_bench .venv/bin/python bench/programme.py

Generates (once; rows named "bench-programme-...", reused by later runs unless --fresh) suppliers in
clusters, buyers, events with exhibitors, orders with their parts and lines over the last 365 days in five
currencies, leads, inquiries, RFQs with invitations and quotes, subcontracting offers and allocations, and
advances, all with bulk_create and `created_at` spread over the year. Then, for each scope (the whole
marketplace, the largest cluster, the largest event), renders /admin/programme/ through the test client
signed in as a curator: one warm-up, --runs timed runs, and prints the median and the slowest, beside the
median of the figures' queries alone (programme.figures.compute_dashboard).
"""

import argparse
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalog.models import Category, Cluster, Event, Exhibitor, Supplier  # noqa: E402
from marketplace.accounts.models import CURATORS_GROUP, User  # noqa: E402
from marketplace.exchange.models import ExchangeRate  # noqa: E402
from orders.financing.models import Advance, Lender  # noqa: E402
from orders.models import Fulfilment, Order, OrderLine  # noqa: E402
from orders.trade.models import (  # noqa: E402
    RFQ,
    Allocation,
    AllocationLine,
    CapacityOffer,
    Lead,
    Quote,
    RFQInvitation,
    SubcontractRequest,
    Thread,
)
from orders.trade.programme.figures import compute_dashboard  # noqa: E402
from orders.trade.programme.scope import ALL, CLUSTER, EVENT, Scope, default_period  # noqa: E402

PREFIX = "bench-programme"
BATCH = 5000
CURRENCIES = ["USD", "USD", "USD", "EUR", "GBP", "AED", "PKR"]
STAMPED = [Supplier, Event, Exhibitor, Order, Lead, Thread, RFQ, RFQInvitation, Quote]
STAMPED += [SubcontractRequest, CapacityOffer, Allocation, Advance, Lender, User]


@contextmanager
def own_timestamps():
    """bulk_create stamps auto_now_add fields with now; the bench spreads records over a year instead."""
    fields = [
        model._meta.get_field(name)
        for model in STAMPED
        for name in ("created_at", "date_joined")
        if _has(model, name)
    ]
    saved = [(field, field.auto_now_add) for field in fields if hasattr(field, "auto_now_add")]
    for field, _value in saved:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field, value in saved:
            field.auto_now_add = value


def _has(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def moment(rng, today):
    """A random moment of the last 365 days, business hours."""
    day = today - timedelta(days=rng.randrange(365))
    return timezone.make_aware(
        datetime(day.year, day.month, day.day, rng.randrange(8, 19), rng.randrange(60))
    )


class CheckedOnly(Exception):
    """Raised at the end of a --check generation to roll it back."""


def generate(orders: int, seed: int, check=False):
    rng = random.Random(seed)
    today = timezone.localdate()
    n_suppliers, n_buyers = max(orders // 50, 40), max(orders // 30, 40)
    started = time.perf_counter()
    with transaction.atomic(), own_timestamps():
        category = Category.objects.get_or_create(
            slug=f"{PREFIX}-category", defaults={"name": "Bench crafts"}
        )[0]
        clusters = Cluster.objects.bulk_create(
            Cluster(name=f"Bench cluster {i}", slug=f"{PREFIX}-cluster-{i}", sector="Crafts", region="punjab")
            for i in range(20)
        )
        suppliers = Supplier.objects.bulk_create(
            (
                Supplier(
                    name=f"Bench supplier {i}",
                    slug=f"{PREFIX}-supplier-{i}",
                    region="punjab",
                    women_led=rng.random() < 0.4,
                    size=rng.choices(["micro", "small", "medium"], [6, 3, 1])[0],
                    created_at=moment(rng, today) - timedelta(days=365),
                )
                for i in range(n_suppliers)
            ),
            batch_size=BATCH,
        )
        # Each supplier in one cluster, a tenth of them in a second: the cluster scope must count them once.
        Through = Supplier.clusters.through
        links = {(s.pk, clusters[i % 20].pk) for i, s in enumerate(suppliers)}
        links |= {(s.pk, clusters[rng.randrange(20)].pk) for s in rng.sample(suppliers, n_suppliers // 10)}
        Through.objects.bulk_create(
            (Through(supplier_id=s, cluster_id=c) for s, c in links), batch_size=BATCH, ignore_conflicts=True
        )
        buyers = User.objects.bulk_create(
            (
                User(email=f"{PREFIX}-buyer-{i}@example.com", date_joined=moment(rng, today))
                for i in range(n_buyers)
            ),
            batch_size=BATCH,
        )
        events = []
        for i, (name, days_ago) in enumerate(
            [("Expo", 250), ("Textile fair", 180), ("Gift show", 90), ("Expo B", 30)]
        ):
            first = today - timedelta(days=days_ago)
            events.append(
                Event.objects.create(
                    name=f"Bench {name}",
                    slug=f"{PREFIX}-event-{i}",
                    starts_on=first,
                    ends_on=first + timedelta(days=2),
                    city="Lahore",
                    created_at=timezone.now(),
                )
            )
        exhibitors = {event.pk: rng.sample(suppliers, min(170, n_suppliers)) for event in events}
        Exhibitor.objects.bulk_create(
            Exhibitor(event_id=pk, supplier=s, booth=f"B{j}", created_at=timezone.now())
            for pk, chosen in exhibitors.items()
            for j, s in enumerate(chosen)
        )
        print(f"suppliers, buyers, events: {time.perf_counter() - started:.1f} s", flush=True)

        states = ["paid", "in_production", "shipped", "delivered", "completed", "completed", "completed"]
        states += ["awaiting_payment", "cancelled", "refunded", "disputed"]
        order_rows = Order.objects.bulk_create(
            (
                Order(
                    buyer=rng.choice(buyers),
                    currency=rng.choice(CURRENCIES),
                    state=rng.choice(states),
                    created_at=moment(rng, today),
                )
                for _ in range(orders)
            ),
            batch_size=BATCH,
        )
        parts = Fulfilment.objects.bulk_create(
            (Fulfilment(order=o, supplier=rng.choice(suppliers), state="accepted") for o in order_rows),
            batch_size=BATCH,
        )
        OrderLine.objects.bulk_create(
            (
                OrderLine(
                    order_id=part.order_id,
                    fulfilment=part,
                    description="Bench item",
                    quantity=rng.randrange(1, 500),
                    unit="piece",
                    unit_price=Decimal(rng.randrange(100, 5000)) / 100,
                )
                for part in parts
                for _ in range(rng.randrange(1, 4))
            ),
            batch_size=BATCH,
        )
        print(f"{orders} orders: {time.perf_counter() - started:.1f} s", flush=True)

        stages = [stage for stage, _label in Lead.Stage.choices]
        leads = []
        for _ in range(orders // 5):
            event = rng.choice(events + [None])
            supplier = rng.choice(exhibitors[event.pk]) if event else rng.choice(suppliers)
            created = moment(rng, today)
            stage = rng.choice(stages)
            contacted = created + timedelta(hours=rng.randrange(1, 24 * 20)) if stage != "new" else None
            leads.append(
                Lead(
                    event=event,
                    supplier=supplier,
                    name="Bench buyer",
                    stage=stage,
                    lost_reason="Price" if stage == "lost" else "",
                    first_contacted_at=contacted,
                    created_at=created,
                )
            )
        Lead.objects.bulk_create(leads, batch_size=BATCH)
        Thread.objects.bulk_create(
            (
                Thread(
                    buyer=rng.choice(buyers),
                    supplier=rng.choice(suppliers),
                    subject="Bench",
                    created_at=moment(rng, today),
                )
                for _ in range(orders // 3)
            ),
            batch_size=BATCH,
        )
        rfqs = RFQ.objects.bulk_create(
            (
                RFQ(
                    buyer=rng.choice(buyers),
                    title="Bench RFQ",
                    description="Bench",
                    category=category,
                    quantity=500,
                    destination_country="DE",
                    incoterm="FOB",
                    needed_by=today,
                    deadline=timezone.now(),
                    created_at=moment(rng, today),
                )
                for _ in range(orders // 20)
            ),
            batch_size=BATCH,
        )
        invited = [(rfq, s) for rfq in rfqs for s in rng.sample(suppliers, 5)]
        RFQInvitation.objects.bulk_create(
            (RFQInvitation(rfq=rfq, supplier=s, created_at=rfq.created_at) for rfq, s in invited),
            batch_size=BATCH,
        )
        Quote.objects.bulk_create(
            (
                Quote(
                    rfq=rfq,
                    supplier=s,
                    submitted_by=buyers[0],
                    unit_price=Decimal("9.50"),
                    currency="USD",
                    incoterm="FOB",
                    incoterm_place="Karachi",
                    lead_time_days=30,
                    valid_until=today,
                    created_at=rfq.created_at + timedelta(days=1),
                )
                for rfq, s in invited[::2]
            ),
            batch_size=BATCH,
        )
        requests = SubcontractRequest.objects.bulk_create(
            SubcontractRequest(
                cluster=rng.choice(clusters),
                requester=rng.choice(buyers),
                specification="Bench",
                quantity=1000,
                deadline=today,
                created_at=moment(rng, today),
            )
            for _ in range(orders // 200)
        )
        offers = CapacityOffer.objects.bulk_create(
            (
                CapacityOffer(
                    request=request,
                    supplier=s,
                    offered_by=buyers[0],
                    quantity=300,
                    unit_price=Decimal("4.00"),
                    lead_time_days=30,
                    created_at=request.created_at + timedelta(days=1),
                )
                for request in requests
                for s in rng.sample(suppliers, 6)
            ),
            batch_size=BATCH,
        )
        allocations = Allocation.objects.bulk_create(
            Allocation(
                request=request,
                created_by=buyers[0],
                state="confirmed",
                created_at=request.created_at + timedelta(days=3),
            )
            for request in requests
        )
        by_request = {}
        for offer in offers:
            by_request.setdefault(offer.request_id, []).append(offer)
        AllocationLine.objects.bulk_create(
            AllocationLine(allocation=a, offer=offer, quantity=100)
            for a in allocations
            for offer in by_request[a.request_id][:3]
        )
        lenders = [
            Lender.objects.create(
                created_at=timezone.now(),
                name=f"Bench lender {i}",
                slug=f"{PREFIX}-lender-{i}",
                kind="mfi",
                max_advance_percent=60,
            )
            for i in range(2)
        ]
        advance_states = ["requested", "approved", "declined", "withdrawn", "disbursed", "repaid", "repaid"]
        Advance.objects.bulk_create(
            (
                Advance(
                    order_id=part.order_id,
                    supplier_id=part.supplier_id,
                    lender=rng.choice(lenders),
                    currency="USD",
                    state=rng.choice(advance_states),
                    requested_amount=Decimal("100.00"),
                    consent_text="Bench",
                    consent_at=timezone.now(),
                    created_at=moment(rng, today),
                )
                for part in rng.sample(parts, orders // 20)
            ),
            batch_size=BATCH,
        )
        for code, per_usd in (("EUR", "0.92"), ("GBP", "0.78"), ("AED", "3.6725"), ("PKR", "280")):
            ExchangeRate.objects.get_or_create(
                currency=code, on_date=today - timedelta(days=400), defaults={"per_usd": Decimal(per_usd)}
            )
        if check:
            raise CheckedOnly
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def curator():
    user, _created = User.objects.get_or_create(
        email=f"{PREFIX}-curator@example.com", defaults={"is_staff": True}
    )
    group, _created = Group.objects.get_or_create(name=CURATORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def timed(call, runs):
    call()  # warm-up: the admin's menus, the session, the query plans
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--fresh", action="store_true", help="delete the bench rows and generate them again")
    parser.add_argument("--check", action="store_true", help="generate --orders rows, then roll them back")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if args.check:
        try:
            generate(args.orders, args.seed, check=True)
        except CheckedOnly:
            print("generation checked and rolled back")
        return
    if args.fresh:
        sys.exit("--fresh: drop and create the bench database instead (the rows are many and protected)")
    if not Supplier.objects.filter(slug=f"{PREFIX}-supplier-0").exists():
        generate(args.orders, args.seed)
    counts = {model.__name__: model.objects.count() for model in (Order, OrderLine, Lead, Thread, Advance)}
    print(f"database: {connection.vendor}; rows: {counts}")
    client = Client(HTTP_HOST="localhost")
    client.force_login(curator())
    first, last = default_period()
    cluster = Cluster.objects.filter(slug__startswith=PREFIX).order_by("pk").first()
    event = Event.objects.filter(slug__startswith=PREFIX).order_by("pk").first()
    scopes = [
        (ALL, {}, Scope(ALL, first, last)),
        (CLUSTER, {"scope": CLUSTER, "cluster": cluster.pk}, Scope(CLUSTER, first, last, cluster=cluster)),
        (EVENT, {"scope": EVENT, "event": event.pk}, Scope(EVENT, first, last, event=event)),
    ]
    print(f"{'scope':8} {'page median':>12} {'page max':>9} {'figures median':>15}")
    for name, query, scope in scopes:

        def page(query=query):
            response = client.get("/admin/programme/", query)
            assert response.status_code == 200, response.status_code

        page_median, page_max = timed(page, args.runs)
        figures_median, _slowest = timed(lambda scope=scope: compute_dashboard(scope), args.runs)
        times = f"{page_median * 1000:10.0f} ms {page_max * 1000:6.0f} ms {figures_median * 1000:12.0f} ms"
        print(f"{name:8} {times}")


if __name__ == "__main__":
    main()
