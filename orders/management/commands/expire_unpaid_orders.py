from django.conf import settings
from django.core.management.base import BaseCommand

from orders.cancellation import expire_unpaid_orders


class Command(BaseCommand):
    help = (
        "Cancel orders awaiting payment for UNPAID_ORDER_EXPIRY_HOURS: cancel their PaymentIntents and give "
        "their reserved stock back (run hourly). Orders Stripe could not settle are left for the next run."
    )

    def handle(self, *args, **options):
        report = expire_unpaid_orders()
        hours = settings.UNPAID_ORDER_EXPIRY_HOURS
        self.stdout.write(
            f"Cancelled {len(report.cancelled)} order(s) unpaid for {hours}+ hours: {report.cancelled}"
        )
        if report.paid:
            self.stdout.write(f"Paid meanwhile, so booked as paid: {report.paid}")
        for order_id, why in report.left:
            self.stderr.write(f"Order {order_id} left for the next run: {why}")
