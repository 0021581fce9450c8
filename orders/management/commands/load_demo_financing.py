"""manage.py load_demo_financing: the demo lenders, officers and advances (orders/financing/demo.py).
Called by cms's load_demo after the catalog and people exist; does nothing if the demo lenders exist."""

from django.core.management.base import BaseCommand
from django.urls import reverse

from orders.financing.demo import OFFICERS, build_financing


class Command(BaseCommand):
    help = "Load the demo lenders, their officers and advances at every state (needs load_demo's data)."

    def handle(self, *args, **options):
        counts = build_financing()
        self.stdout.write(f"Loaded {counts['lenders']} lenders and {counts['advances']} advances.")
        for email in OFFICERS.values():
            self.stdout.write(f"  lender officer: {email} ({reverse('orders:lend-index')})")
