"""manage.py search_index rebuild|update|status — for the active backends (database, plus Elasticsearch)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalog.models import Product
from search import services
from search.backends.base import BackendUnavailable


class Command(BaseCommand):
    help = "Rebuild the search index, update it (visible products re-indexed, others removed) or show status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])

    def handle(self, *args, action, **options):
        try:
            getattr(self, action)()
        except BackendUnavailable as error:
            raise CommandError(f"search backend unavailable: {error}") from error

    def rebuild(self):
        total = Product.objects.visible().count()
        for backend in services.active_backends():
            with tqdm(
                total=total, desc=f"rebuild {backend.name}", unit="product", disable=total < 1000
            ) as bar:
                count = services.rebuild_index(backend, progress=bar.update)
            self.stdout.write(f"{backend.name}: indexed {count} products")

    def update(self):
        ids = list(Product.objects.values_list("pk", flat=True))
        indexed = set()
        from search.models import SearchEntry

        indexed = set(SearchEntry.objects.values_list("product_id", flat=True))
        stale = sorted(indexed - set(ids))
        with tqdm(total=len(ids), desc="update", unit="product", disable=len(ids) < 1000) as bar:
            for start in range(0, len(ids), services.BATCH_SIZE):
                batch = ids[start : start + services.BATCH_SIZE]
                services.update_index(batch)
                bar.update(len(batch))
        services.update_index(stale)
        self.stdout.write(f"updated {len(ids)} products, removed {len(stale)} stale entries")

    def status(self):
        for backend in services.active_backends():
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in backend.status().items()))
