from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "product_search"
    verbose_name = "Product search"

    def ready(self):
        from marketplace import health

        from . import signals, slots
        from .health import check_search

        signals.connect()
        slots.register()
        health.register("search", check_search)
