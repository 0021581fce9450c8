"""Soak test (a script, not a test): buyers checking out, suppliers quoting and pages read, all at once.

    .venv/bin/python bench/soak.py                       # SQLite, the embedded default, in a temp dir
    .venv/bin/python bench/soak.py --database-url postgres://postgres@127.0.0.1:5432/soak

Sets up a fresh database (a SQLite file in a temp dir, or the named PostgreSQL database, dropped and
created), migrates, loads the demo, collects static and serves it with gunicorn on 127.0.0.1 with DEBUG off,
as bench/pages.sh does. Through the ORM it then makes the actors: N buyer accounts, a member for each of M
demo suppliers, RFQs in those suppliers' categories, and a few products with a small `stock_on_hand` so
concurrent checkouts compete for the last units. Every actor logs in over HTTP (login page for the CSRF
token, then the credentials): real sessions, real CSRF.

For --seconds it runs, on loopback only:
  * N buyer threads: product page, add to cart (the product page's form), checkout page, place the order;
    a checkout the shop refuses (out of stock) is taken out of the cart again;
  * M supplier threads: their RFQ feed, an RFQ's page, a quote or a revision of it (the page's form);
  * K reader threads: home, the product list, a product page, a storefront, a search.

Requests are counted per kind: ok, refused (an answer the shop gives on purpose, e.g. "only 3 left", with
its reason) and errors (status 500 and up, connection errors, or anything else unexpected such as a 403).
After the run, with the server stopped, the ORM checks that every checkout that was sent to an order has
exactly one order with the line the buyer asked for (no lost, no doubled orders, no orders nobody was told
of), that no product's stock is below zero, that the stock taken from each limited product equals what its
orders reserved and ordered, and that the ledger reconciles (orders stay unpaid without Stripe, so the
ledger is empty: the summary says so). One summary is printed; the exit code is 1 when there were errors,
lost or doubled orders, negative stock, a stock mismatch or ledger problems (2 if the set-up failed).

It never changes settings: the server runs the code as it is, with the environment pages.sh sets.
"""

import argparse
import http.client
import logging
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
PYTHON = sys.executable
LOOPBACK = "127.0.0.1"
PASSWORD = "soak-pass-2026-long-enough"
SEARCH_TERMS = ["blue pottery", "ajrak", "shawl", "khussa", "cushion cover", "carpet", "leather", "vase"]
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ERRORLIST_RE = re.compile(r'<(?:div|ul) class="errorlist[^"]*"[^>]*>(.*?)</(?:div|ul)>', re.S)
TAG_RE = re.compile(r"<[^>]+>")
INDEX_RE = re.compile(r'name="index" value="\d+"')


class Interrupted(Exception):
    pass


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long the load runs (default 60)")
    parser.add_argument("--buyers", type=int, default=6, help="buyer threads checking out (default 6)")
    parser.add_argument("--suppliers", type=int, default=3, help="supplier threads quoting (default 3)")
    parser.add_argument("--readers", type=int, default=4, help="threads reading pages (default 4)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database on loopback, dropped and created afresh, e.g. "
        "postgres://postgres@127.0.0.1:5432/soak (default: a SQLite file in a temp dir)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2, as pages.sh)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--limited", type=int, default=4, help="products given limited stock (default 4)")
    parser.add_argument(
        "--lots", type=int, default=25, help="stock of each limited product, in minimum orders (default 25)"
    )
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and the PostgreSQL database")
    return parser.parse_args()


# --- The environment: the server's and this process's ------------------------------------------------------
def server_environment(args, work):
    database_url = args.database_url or f"sqlite:///{work}/soak.sqlite3"
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "soak-secret-key-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private_media"),
        "STATIC_ROOT": str(work / "static"),
        "SERVE_MEDIA": "true",
        # Mail to suppliers about RFQs and to buyers about quotes goes nowhere (no SMTP server here).
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
    }
    os.environ.update(env)
    return env


def check_postgres_url(url):
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("--database-url must be a postgres:// URL (SQLite is the default)")
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("--database-url must point at a database on loopback (127.0.0.1)")
    name = parts.path.lstrip("/")
    if not name or name in ("postgres", "template0", "template1"):
        sys.exit("--database-url must name a database of its own; it is dropped and created")
    return parts, name


def recreate_postgres(url, drop_only=False):
    import psycopg
    from psycopg import sql

    parts, name = check_postgres_url(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(log, *command):
    log.write(f"$ manage.py {' '.join(command)}\n")
    log.flush()
    subprocess.run([PYTHON, "manage.py", *command], cwd=BASE_DIR, check=True, stdout=log, stderr=log)


def free_port():
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


# --- Actors, through the ORM -----------------------------------------------------------------------------
def make_actors(args, rng):
    """Buyers, supplier members, RFQs and limited-stock products; returns the plan the threads follow."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from catalog.models import Product, Supplier, SupplierMembership
    from marketplace.accounts.models import User
    from orders.trade.models import RFQ
    from orders.trade.services import rfqs as rfq_service
    from orders.trade.services.access import matching_suppliers

    buyers = [
        User.objects.create_user(
            f"soak-buyer-{i}@soak.test",
            PASSWORD,
            full_name=f"Soak Buyer {i}",
            country="DE",
            email_verified_at=timezone.now(),  # they post RFQs, which an unconfirmed address may not
        )
        for i in range(args.buyers)
    ]
    visible = list(
        Product.objects.visible()
        .filter(price_tiers__isnull=False)
        .select_related("supplier")
        .distinct()
        .order_by("moq", "id")
    )
    if len(visible) < args.limited + 10:
        raise SystemExit("the demo has too few visible products with prices")
    limited = visible[: args.limited]
    for product in limited:
        product.stock_on_hand = product.moq * args.lots
        product.save(update_fields=["stock_on_hand"])
    unlimited = [p for p in visible[args.limited :] if p.stock_on_hand is None][:20]

    suppliers = list(
        Supplier.objects.active()
        .annotate(n=Count("categories"))
        .filter(n__gt=0)
        .prefetch_related("categories")
        .order_by("id")[: args.suppliers]
    )
    if len(suppliers) < args.suppliers:
        raise SystemExit(f"the demo has fewer than {args.suppliers} suppliers with categories")
    members, rfqs = [], defaultdict(list)
    now = timezone.now()
    poster = 0
    for i, supplier in enumerate(suppliers):
        user = User.objects.create_user(f"soak-supplier-{i}@soak.test", PASSWORD, full_name=f"Soak Maker {i}")
        SupplierMembership.objects.create(user=user, supplier=supplier, role=SupplierMembership.Role.STAFF)
        members.append((user, supplier))
        for category in list(supplier.categories.all())[:2]:
            # Posted through the service as a buyer would (invitations, audit), spread over the buyers so
            # the per-account RFQ limit is never the reason; a dedicated buyer if there are none.
            buyer = buyers[poster % len(buyers)] if buyers else None
            if buyer is None:
                buyer = User.objects.get_or_create(
                    email="soak-rfq-poster@soak.test", defaults={"email_verified_at": now}
                )[0]
            poster += 1
            rfq_service.post_rfq(
                buyer=buyer,
                title=f"Soak RFQ: {category.name} for {supplier.name}",
                description="A soak-test request for quotation.",
                category=category,
                quantity=500,
                unit="pc",
                target_unit_price=Decimal("4.50"),
                currency="USD",
                destination_country="DE",
                incoterm="FOB",
                needed_by=(now + timedelta(days=60)).date(),
                deadline=now + timedelta(days=7),
            )
    for _user, supplier in members:
        for rfq in RFQ.objects.filter(state=RFQ.State.OPEN):
            if matching_suppliers(rfq).filter(pk=supplier.pk).exists():
                rfqs[supplier.pk].append(rfq.pk)
        if not rfqs[supplier.pk]:
            raise SystemExit(f"no RFQ matches supplier {supplier}")

    storefronts = [urlsplit(s.storefront_url).path for s in Supplier.objects.active().order_by("id")[:10]]
    return {
        "urls": {
            "home": reverse("wagtail_serve", args=[""]),
            "login": reverse("login"),
            "products": reverse("catalog:product-list"),
            "search": reverse("search:search"),
            "cart-add": reverse("orders:cart-add"),
            "cart": reverse("orders:cart"),
            "cart-remove": reverse("orders:cart-remove"),
            "checkout": reverse("orders:checkout"),
            "sell-rfqs": reverse("trade:sell-rfqs"),
        },
        "buyers": [user.email for user in buyers],
        "members": [
            {
                "email": user.email,
                "supplier": supplier.slug,
                "currency": supplier.currency,
                "rfqs": [(pk, reverse("trade:sell-rfq", args=[pk])) for pk in rfqs[supplier.pk]],
            }
            for user, supplier in members
        ],
        "limited": {p.slug: (p.pk, p.moq, p.stock_on_hand, p.get_absolute_url()) for p in limited},
        "unlimited": {p.slug: (p.pk, p.moq, None, p.get_absolute_url()) for p in unlimited},
        "pages": [p.get_absolute_url() for p in rng.sample(visible, min(30, len(visible)))],
        "storefronts": storefronts,
    }


# --- HTTP: a browser-like session over http.client ---------------------------------------------------------
class Stats:
    """Counts per request kind, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ok = Counter()
        self.refused = Counter()
        self.errors = Counter()
        self.reasons = defaultdict(Counter)  # kind -> refusal or error reason -> count
        self.latency = defaultdict(list)
        self.checkouts = []  # (buyer email, order pk, product slug, quantity) per checkout sent to an order
        self.quotes = Counter()

    def count(self, kind, outcome, seconds=None, reason=None):
        with self.lock:
            getattr(self, outcome)[kind] += 1
            if reason:
                self.reasons[kind][f"{outcome}: {reason}"] += 1
            if seconds is not None:
                self.latency[kind].append(seconds)


class Response:
    def __init__(self, status, location, body):
        self.status, self.location, self.body = status, location, body

    def token(self):
        match = TOKEN_RE.search(self.body)
        return match.group(1) if match else None

    def form_errors(self):
        found = [TAG_RE.sub(" ", m) for m in ERRORLIST_RE.findall(self.body)]
        text = " ".join(" ".join(found).split())
        return re.sub(r"\d+", "N", text)[:120] or "(no message)"


class Session:
    """One person's browser: cookies, no redirects followed, a fresh connection per request."""

    def __init__(self, port, stats, stop):
        self.port, self.stats, self.stop = port, stats, stop
        self.origin = f"http://{LOOPBACK}:{port}"
        self.cookies = {}

    def request(self, kind, method, path, data=None, referer=None):
        """The response, or None after a connection error (counted as an error of `kind`)."""
        headers = {"Host": f"{LOOPBACK}:{self.port}", "User-Agent": "soak/1", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        if referer:
            headers["Referer"] = self.origin + referer
        started = time.monotonic()
        conn = http.client.HTTPConnection(LOOPBACK, self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            content = raw.read().decode("utf-8", "replace")
            for header in raw.headers.get_all("Set-Cookie") or []:
                self._remember(header)
            response = Response(raw.status, raw.getheader("Location") or "", content)
        except (OSError, http.client.HTTPException) as error:
            self.stats.count(kind, "errors", reason=f"connection: {type(error).__name__}")
            return None
        finally:
            conn.close()
        elapsed = time.monotonic() - started
        if response.status >= 500:
            self.stats.count(kind, "errors", elapsed, reason=f"status {response.status}")
            return None
        response.elapsed = elapsed
        return response

    def _remember(self, header):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel.value == "" or morsel["max-age"] == "0" or "1970" in (morsel["expires"] or ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get_page(self, kind, path):
        """GET that must answer 200; counted. The response, or None."""
        response = self.request(kind, "GET", path)
        if response is None:
            return None
        if response.status == 200:
            self.stats.count(kind, "ok", response.elapsed)
            return response
        self.stats.count(kind, "errors", response.elapsed, reason=f"status {response.status}")
        return None

    def login(self, urls, email):
        page = self.get_page("login page", urls["login"])
        if page is None or not page.token():
            raise SystemExit(f"login page unusable for {email}")
        data = {"csrfmiddlewaretoken": page.token(), "username": email, "password": PASSWORD}
        response = self.request("login", "POST", urls["login"], data, referer=urls["login"])
        if response is None or response.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"{email} could not log in ({response and response.status})")
        self.stats.count("login", "ok", response.elapsed)


def path_of(location):
    return urlsplit(location).path


# --- The actors' loops -----------------------------------------------------------------------------------
def empty_cart(session, urls):
    """Remove every line from the cart through the cart page's forms; True once the page shows none."""
    for _ in range(10):
        page = session.get_page("cart page", urls["cart"])
        if page is None:
            return False
        if not INDEX_RE.search(page.body):
            return True
        data = {"csrfmiddlewaretoken": page.token(), "index": 0}
        removed = session.request("cart remove", "POST", urls["cart-remove"], data, referer=urls["cart"])
        if removed is None:
            return False
        if removed.status != 302:
            session.stats.count("cart remove", "errors", removed.elapsed, reason=f"status {removed.status}")
            return False
        session.stats.count("cart remove", "ok", removed.elapsed)
    return False


def buyer_loop(session, plan, email, rng, deadline):
    """Product page, add to cart, checkout page, place the order. What the buyer put in the cart is
    remembered with the order the checkout was sent to; after anything but an order the cart is emptied
    through the cart page before the next round, so each order should hold exactly the line added."""
    from django.urls import Resolver404, resolve

    urls, stats = plan["urls"], session.stats
    choices = list(plan["limited"].items())
    others = list(plan["unlimited"].items())
    cart, unsure = Counter(), False
    while time.monotonic() < deadline and not session.stop.is_set():
        if unsure or cart:
            if not empty_cart(session, urls):
                continue
            cart, unsure = Counter(), False
        slug, (_pk, moq, _stock, page_url) = rng.choice(choices if rng.random() < 0.8 else others)
        quantity = moq * rng.choice([1, 1, 2])
        page = session.get_page("buyer product page", page_url)
        if page is None or not page.token():
            continue
        data = {"csrfmiddlewaretoken": page.token(), "product": slug, "quantity": quantity}
        added = session.request("cart add", "POST", urls["cart-add"], data, referer=page_url)
        if added is None:
            unsure = True
            continue
        if added.status != 302:
            stats.count("cart add", "errors", added.elapsed, reason=f"status {added.status}")
            unsure = True
            continue
        if path_of(added.location) != urls["cart"]:
            stats.count("cart add", "refused", added.elapsed, reason="sent back to the product page")
            continue
        stats.count("cart add", "ok", added.elapsed)
        cart[slug] += quantity
        form = session.request("checkout page", "GET", urls["checkout"])
        if form is None:
            continue
        if form.status != 200 or not form.token():
            # A 302 here means the cart the buyer just filled came back empty: a lost write, an error.
            stats.count("checkout page", "errors", form.elapsed, reason=f"status {form.status}")
            unsure = True
            continue
        stats.count("checkout page", "ok", form.elapsed)
        data = {
            "csrfmiddlewaretoken": form.token(),
            "shipping_name": f"Soak Buyer GmbH ({email})",
            "shipping_address": "Hafenstrasse 1\n20457 Hamburg",
            "shipping_country": "DE",
        }
        placed = session.request("checkout", "POST", urls["checkout"], data, referer=urls["checkout"])
        unsure = True  # unless it was sent to its order, below
        if placed is None:
            continue
        if placed.status == 302:
            try:
                match = resolve(path_of(placed.location))
            except Resolver404:
                match = None
            if match and match.view_name == "orders:detail":
                stats.count("checkout", "ok", placed.elapsed)
                with stats.lock:
                    stats.checkouts.append((email, int(match.kwargs["pk"]), tuple(sorted(cart.items()))))
                cart, unsure = Counter(), False
            else:
                stats.count("checkout", "errors", placed.elapsed, reason=f"redirect to {placed.location}")
        elif placed.status in (200, 400) and ERRORLIST_RE.search(placed.body):
            stats.count("checkout", "refused", placed.elapsed, reason=placed.form_errors())
        else:
            stats.count("checkout", "errors", placed.elapsed, reason=f"status {placed.status}")


def supplier_loop(session, plan, member, rng, deadline):
    from django.utils import timezone

    urls, stats = plan["urls"], session.stats
    acting = f"?as={member['supplier']}"
    while time.monotonic() < deadline and not session.stop.is_set():
        session.get_page("rfq feed", urls["sell-rfqs"] + acting)
        rfq_pk, rfq_url = rng.choice(member["rfqs"])
        page = session.get_page("rfq page", rfq_url + acting)
        if page is None or not page.token():
            continue
        price = Decimal(rng.randint(300, 900)) / 100
        data = {
            "csrfmiddlewaretoken": page.token(),
            "as": member["supplier"],
            "action": "quote",
            "unit_price": str(price),
            "currency": member["currency"],
            "incoterm": "FOB",
            "incoterm_place": "Karachi",
            "lead_time_days": rng.randint(20, 45),
            "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "sample_offer": "Free samples",
            "notes": "Soak-test quote.",
            "tiers_text": f"1000 {price - Decimal('0.20')}",
        }
        sent = session.request("quote", "POST", rfq_url + acting, data, referer=rfq_url + acting)
        if sent is None:
            continue
        if sent.status == 302:
            stats.count("quote", "ok", sent.elapsed)
            with stats.lock:
                stats.quotes[(member["supplier"], rfq_pk)] += 1
        elif sent.status in (200, 400) and ERRORLIST_RE.search(sent.body):
            stats.count("quote", "refused", sent.elapsed, reason=sent.form_errors())
        else:
            stats.count("quote", "errors", sent.elapsed, reason=f"status {sent.status}")


def reader_loop(session, plan, rng, deadline):
    urls = plan["urls"]
    while time.monotonic() < deadline and not session.stop.is_set():
        kind, path = rng.choice(
            [
                ("home", urls["home"]),
                ("products", urls["products"]),
                ("product", rng.choice(plan["pages"])),
                ("storefront", rng.choice(plan["storefronts"])),
                ("search", f"{urls['search']}?{urlencode({'q': rng.choice(SEARCH_TERMS)})}"),
            ]
        )
        session.get_page(kind, path)


# --- After the run: what the database says -------------------------------------------------------------
def check_database(plan, stats):
    from django.db.models import Sum

    from catalog.models import Product
    from orders.ledger.reconcile import ledger_problems
    from orders.models import LedgerEntry, Order, OrderLine, StockReservation

    result = {"problems": []}
    problems = result["problems"]
    told = Counter(pk for _email, pk, _lines in stats.checkouts)
    doubled_pointers = sorted(pk for pk, n in told.items() if n > 1)
    orders = {
        order.pk: order
        for order in Order.objects.filter(buyer__email__in=plan["buyers"], source=Order.Source.DIRECT)
        .select_related("buyer")
        .prefetch_related("lines__product")
    }
    lost = []
    for email, pk, expected in stats.checkouts:
        order = orders.get(pk)
        lines = list(order.lines.all()) if order else []
        held = tuple(sorted((line.product.slug if line.product else None, line.quantity) for line in lines))
        if order is None or order.buyer.email != email or held != expected:
            lost.append(pk)
    untold = sorted(set(orders) - set(told))
    result.update(
        orders=len(orders),
        told=len(stats.checkouts),
        lost=lost,
        doubled=doubled_pointers,
        untold=untold,
    )
    if lost:
        problems.append(f"{len(lost)} checkouts sent to an order that is missing or not theirs: {lost[:10]}")
    if doubled_pointers:
        problems.append(f"orders shown to more than one checkout: {doubled_pointers[:10]}")
    if untold:
        problems.append(
            f"{len(untold)} orders created behind an error, never shown to a buyer: {untold[:10]}"
        )

    result["min_stock"] = min(
        (s for s in Product.objects.exclude(stock_on_hand=None).values_list("stock_on_hand", flat=True)),
        default=None,
    )
    if result["min_stock"] is not None and result["min_stock"] < 0:
        problems.append(f"stock below zero: {result['min_stock']}")
    result["stock"] = []
    for slug, (pk, _moq, initial, _url) in plan["limited"].items():
        now = Product.objects.get(pk=pk).stock_on_hand
        reserved = (
            StockReservation.objects.filter(product_id=pk, released=False).aggregate(n=Sum("quantity"))["n"]
            or 0
        )
        ordered = (
            OrderLine.objects.filter(product_id=pk, order__in=list(orders)).aggregate(n=Sum("quantity"))["n"]
            or 0
        )
        result["stock"].append((slug, initial, now, reserved, ordered))
        if now is None or now < 0 or initial - now != reserved or reserved != ordered:
            problems.append(
                f"{slug}: stock {initial} -> {now}, reserved {reserved}, ordered {ordered} (should all agree)"
            )
    result["ledger_entries"] = LedgerEntry.objects.count()
    result["ledger_problems"] = ledger_problems()
    if result["ledger_problems"]:
        problems.append(f"ledger: {result['ledger_problems'][:5]}")
    return result


# --- Gunicorn ------------------------------------------------------------------------------------------
def start_server(args, port, log):
    command = [
        str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
        "marketplace.wsgi",
        "--workers",
        str(args.workers),
        "--bind",
        f"{LOOPBACK}:{port}",
        "--no-control-socket",
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    if args.threads > 1:
        command += ["--threads", str(args.threads)]
    server = subprocess.Popen(command, cwd=BASE_DIR, stdout=log, stderr=log, start_new_session=True)
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {log.name}")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start listening")


def stop_server(server):
    """SIGTERM to the master (it lets the workers finish their requests), then its own process group."""
    if server is None or server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def server_exceptions(log_path):
    """The 500s the workers logged, grouped by path, the last frame of our code and the exception."""
    groups = Counter()
    text = Path(log_path).read_text(errors="replace")
    ours = re.compile(rf'File "{re.escape(str(BASE_DIR))}/(?!\.venv/)([^"]+)", line (\d+), in (\w+)')
    for block in re.split(r"(?m)^(?=Internal Server Error: )", text)[1:]:
        lines = block.splitlines()
        path = re.sub(r"\d+", "N", lines[0].split(":", 1)[1].strip())
        frames = ours.findall(block)
        where = f"{frames[-1][0]}:{frames[-1][1]} {frames[-1][2]}" if frames else "?"
        raised = [line for line in lines if re.match(r"^[\w.]+(Error|Exception)\w*: ", line)]
        groups[(path, where, raised[-1][:100] if raised else "?")] += 1
    return groups


# --- The run ---------------------------------------------------------------------------------------------
def percentile(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def git_commit():
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=BASE_DIR,
                               capture_output=True, text=True).stdout.strip()  # fmt: skip
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(args, work, state):
    rng = random.Random(args.seed)
    server_environment(args, work)
    engine = "postgresql" if args.database_url else "sqlite"
    print(f"soak: {engine}, commit {git_commit()}, setting up in {work} ...", flush=True)
    if args.database_url:
        recreate_postgres(args.database_url)
        state["pg"] = args.database_url
    with open(work / "setup.log", "w") as setup_log:
        manage(setup_log, "migrate", "-v0", "--noinput")
        manage(setup_log, "load_demo", "--if-empty")
        manage(setup_log, "collectstatic", "-v0", "--noinput")

    import django

    django.setup()
    for name in ("wagtail", "django_tasks"):  # a line per index update otherwise, as load_demo says
        logging.getLogger(name).setLevel(logging.WARNING)
    from django.db import connection, connections

    plan = make_actors(args, rng)
    database_info = connection.vendor
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            database_info += f" (journal_mode={cursor.fetchone()[0]})"
    else:
        version = connection.cursor().connection.info.server_version  # e.g. 150020
        database_info += f" {version // 10000}.{version % 10000}"
    connections.close_all()  # nothing of this process holds the database during the run

    port = args.port or free_port()
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 (closed with the work dir)
    state["server"] = start_server(args, port, log)

    stats = Stats()
    stop = state["stop"]
    buyers = [Session(port, stats, stop) for _ in plan["buyers"]]
    members = [Session(port, stats, stop) for _ in plan["members"]]
    readers = [Session(port, stats, stop) for _ in range(args.readers)]
    for session, email in zip(buyers, plan["buyers"], strict=True):
        session.login(plan["urls"], email)
    for session, member in zip(members, plan["members"], strict=True):
        session.login(plan["urls"], member["email"])
    # Warm the pages once, so the run measures serving them rather than the first renditions.
    for path in [plan["urls"]["home"], plan["urls"]["products"], *plan["pages"], *plan["storefronts"]]:
        readers[0].request("warm-up", "GET", path)
    setup_counts = (sum(stats.ok.values()), sum(stats.errors.values()))
    for counts in (stats.ok, stats.refused, stats.errors, stats.latency, stats.reasons):
        counts.clear()

    load_before = os.getloadavg()
    started = time.monotonic()
    deadline = started + args.seconds
    threads = []
    for i, (session, email) in enumerate(zip(buyers, plan["buyers"], strict=True)):
        r = random.Random(args.seed * 1000 + i)
        threads.append(threading.Thread(target=buyer_loop, args=(session, plan, email, r, deadline)))
    for i, (session, member) in enumerate(zip(members, plan["members"], strict=True)):
        r = random.Random(args.seed * 2000 + i)
        threads.append(threading.Thread(target=supplier_loop, args=(session, plan, member, r, deadline)))
    for i, session in enumerate(readers):
        r = random.Random(args.seed * 3000 + i)
        threads.append(threading.Thread(target=reader_loop, args=(session, plan, r, deadline)))
    for thread in threads:
        thread.daemon = True
        thread.start()
    print(
        f"soak: load running for {args.seconds:.0f} s on 127.0.0.1:{port} ({len(plan['buyers'])} buyers, "
        f"{len(plan['members'])} suppliers, {args.readers} readers; gunicorn {args.workers} workers x "
        f"{args.threads} threads)",
        flush=True,
    )
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.5)
            if time.monotonic() > deadline + 120:
                stop.set()
                break
    elapsed = time.monotonic() - started
    load_after = os.getloadavg()

    stop_server(state.pop("server"))
    log.close()
    checked = check_database(plan, stats)
    connections.close_all()
    exceptions = server_exceptions(work / "gunicorn.log")
    return report(
        args, stats, checked, elapsed, load_before, load_after, database_info, setup_counts, exceptions
    )


def report(args, stats, checked, elapsed, load_before, load_after, database, setup_counts, exceptions):
    kinds = sorted(set(stats.ok) | set(stats.refused) | set(stats.errors))
    total = sum(stats.ok.values()) + sum(stats.refused.values()) + sum(stats.errors.values())
    errors = sum(stats.errors.values())
    refused = sum(stats.refused.values())
    print()
    print(f"soak summary: {database}, commit {git_commit()}, {elapsed:.1f} s of load")
    print(
        f"  actors: {args.buyers} buyers, {args.suppliers} suppliers, {args.readers} readers; gunicorn "
        f"{args.workers} workers x {args.threads} threads; set-up requests {setup_counts[0]} ok, "
        f"{setup_counts[1]} errors"
    )
    print(
        f"  {'kind':<20} {'requests':>8} {'ok':>7} {'refused':>7} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}"
    )
    for kind in kinds:
        n = stats.ok[kind] + stats.refused[kind] + stats.errors[kind]
        lat = stats.latency[kind]
        print(
            f"  {kind:<20} {n:>8} {stats.ok[kind]:>7} {stats.refused[kind]:>7} {stats.errors[kind]:>6} "
            f"{percentile(lat, 0.5) * 1000:>7.0f} {percentile(lat, 0.95) * 1000:>7.0f}"
        )
    print(f"  requests {total}, {total / elapsed:.1f} rps; errors {errors}; refused {refused}")
    for kind in kinds:
        for reason, n in stats.reasons[kind].most_common(5):
            print(f"    {kind}: {reason} x{n}")
    if exceptions:
        print("  server errors logged (path, last frame of our code, exception):")
        for (path, where, raised), n in exceptions.most_common(8):
            print(f"    {path} at {where}: {raised} x{n}")
    print(
        f"  orders created {checked['orders']}, checkouts sent to an order {checked['told']}; lost "
        f"{len(checked['lost'])}, doubled {len(checked['doubled'])}, created behind an error (never shown "
        f"to the buyer) {len(checked['untold'])}"
    )
    print(
        f"  quotes submitted or revised {sum(stats.quotes.values())} on {len(stats.quotes)} (supplier, RFQ)"
    )
    for slug, initial, now, reserved, ordered in checked["stock"]:
        print(f"    limited {slug}: stock {initial} -> {now}, reserved {reserved}, ordered {ordered}")
    print(f"  min stock {checked['min_stock']}")
    ledger = "yes" if not checked["ledger_problems"] else f"no ({len(checked['ledger_problems'])} problems)"
    empty = " (ledger empty: orders stay unpaid without Stripe)" if not checked["ledger_entries"] else ""
    print(f"  ledger reconciles: {ledger}; {checked['ledger_entries']} entries{empty}")
    print(
        f"  load average before {' '.join(f'{v:.2f}' for v in load_before)}, "
        f"after {' '.join(f'{v:.2f}' for v in load_after)} (1, 5, 15 min; {os.cpu_count()} CPUs)"
    )
    failed = errors > 0 or checked["problems"]
    for problem in checked["problems"]:
        print(f"  PROBLEM: {problem}")
    print(f"  result: {'FAIL' if failed else 'PASS'}")
    return 1 if failed else 0


def main():
    args = parse_args()
    if args.database_url:
        check_postgres_url(args.database_url)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    state = {"stop": threading.Event()}

    def on_term(signum, frame):
        raise Interrupted()

    signal.signal(signal.SIGTERM, on_term)
    # Ctrl-C stops the run and cleans up, even when started where SIGINT was ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    code = 2
    try:
        code = run(args, work, state)
    except (KeyboardInterrupt, Interrupted):
        print("soak: interrupted", file=sys.stderr)
        code = 130
    except subprocess.CalledProcessError as error:
        print(f"soak: set-up failed: {error}; its output:", file=sys.stderr)
        print((work / "setup.log").read_text()[-3000:], file=sys.stderr)
    except SystemExit as error:
        if not isinstance(error.code, str):
            raise
        print(f"soak: set-up failed: {error.code}", file=sys.stderr)
    finally:
        state["stop"].set()
        stop_server(state.get("server"))
        if "pg" in state and not args.keep:
            from django.db import connections

            connections.close_all()
            recreate_postgres(state["pg"], drop_only=True)
        if args.keep:
            print(f"soak: kept {work}" + (f" and {args.database_url}" if args.database_url else ""))
        else:
            shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
