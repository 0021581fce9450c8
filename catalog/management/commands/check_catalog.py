from django.core.management.base import BaseCommand, CommandError

from catalog.checks import catalog_problems


class Command(BaseCommand):
    help = (
        "List listings that break today's catalog rules (unit prices rising with quantity, HS codes that are "
        "not 4/6/8/10 digits). Reports only: nothing is changed."
    )

    def handle(self, *args, **options):
        problems = catalog_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} listing problem(s)")
        self.stdout.write(self.style.SUCCESS("Every listing follows the tier and HS code rules."))
