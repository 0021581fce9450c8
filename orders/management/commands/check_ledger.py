from django.core.management.base import BaseCommand, CommandError

from orders.ledger.reconcile import ledger_problems


class Command(BaseCommand):
    help = "Prove every ledger transaction sums to zero and every account reconciles with our records."

    def handle(self, *args, **options):
        problems = ledger_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} ledger problem(s)")
        self.stdout.write(self.style.SUCCESS("Ledger reconciles: every transaction balances."))
