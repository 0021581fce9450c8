"""manage.py load_demo [--if-empty] [--products N]: a believable marketplace for development and demos."""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from catalog.models import Supplier
from cms.demo.applicants import APPLICANT, COORDINATOR
from cms.demo.builder import build_demo
from cms.demo.financing import LENDER_LOGINS, build_financing
from cms.demo.pages import LOGINS, PASSWORD


class Command(BaseCommand):
    help = "Load the demo marketplace (clusters, suppliers, products with photos, pages and demo logins)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any supplier exists.")
        parser.add_argument(
            "--products", type=int, default=300, help="How many products to create (default 300)."
        )

    def handle(self, *args, if_empty=False, products=300, **options):
        if Supplier.objects.exists():
            if if_empty:
                self.stdout.write("Demo data not loaded: the database already has suppliers.")
                return
            self.stderr.write("The database already has suppliers; load_demo needs an empty catalog.")
            raise SystemExit(1)
        started = time.monotonic()
        # Wagtail logs every page created, django_tasks every index update: hundreds of lines of noise.
        for name in ("wagtail", "django_tasks"):
            logging.getLogger(name).setLevel(logging.WARNING)
        counts = build_demo(products=products)
        build_financing()  # lenders, officers and advances on paid demo orders (orders' own command)
        call_command("load_exchange_rates", verbosity=0)
        # The Expo's leads belong to the trade app, which the cms may not import: run by name.
        call_command("load_demo_leads", verbosity=0)
        call_command("search_index", "rebuild")
        self.stdout.write(
            f"Loaded {counts['clusters']} clusters, {counts['suppliers']} suppliers, "
            f"{counts['products']} products "
            f"({counts['drafts']} drafts, hidden by curator: {counts['hidden']}) "
            f"in {time.monotonic() - started:.1f} s."
        )
        self.stdout.write(f"Demo logins (password for all: {PASSWORD}):")
        for email in [*LOGINS, APPLICANT, COORDINATOR, *LENDER_LOGINS]:
            self.stdout.write(f"  {email}")
