from django.conf import settings
from django.core.management.base import BaseCommand

from orders.ledger.escrow import release_due_escrow


class Command(BaseCommand):
    help = "Release escrow of orders shipped ESCROW_AUTO_RELEASE_DAYS ago without a dispute (run daily)."

    def handle(self, *args, **options):
        released = release_due_escrow()
        days = settings.ESCROW_AUTO_RELEASE_DAYS
        self.stdout.write(f"Released {len(released)} order(s) shipped {days}+ days ago: {released}")
