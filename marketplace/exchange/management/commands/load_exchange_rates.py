from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.exchange.services import RateFileError, load_rates

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "rates.csv"


class Command(BaseCommand):
    help = (
        "Load the dated exchange-rate table from a CSV (date,currency,per_usd). Default: the shipped table."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, path, **options):
        try:
            count = load_rates(path, source=Path(path).name)
        except (OSError, RateFileError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Loaded {count} exchange rates from {path}")
