from django.core.management.base import BaseCommand

from orders.trade.services.rfqs import expire_quotes_and_rfqs


class Command(BaseCommand):
    help = "Expire quotes past their validity date and RFQs past their deadline with nothing left to accept."

    def handle(self, *args, **options):
        quotes, rfqs = expire_quotes_and_rfqs()
        self.stdout.write(f"{quotes} quotes and {rfqs} RFQs expired")
