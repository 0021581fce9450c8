"""manage.py load_demo_leads: about 200 leads met at the demo's 2026 Expo (run by load_demo, after the event
and its exhibitors exist; does nothing when the Expo is missing or already has leads)."""

from django.core.management.base import BaseCommand

from orders.trade.leads.demo import build_demo_leads


class Command(BaseCommand):
    help = "Load the demo's leads from the 2026 Expo (after load_demo made the event and its exhibitors)."

    def handle(self, *args, **options):
        made = build_demo_leads()
        self.stdout.write(f"Loaded {made} leads from the Expo.")
