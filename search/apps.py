from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "product_search"
    verbose_name = "Product search"

    def ready(self):
        from . import signals, slots

        signals.connect()
        slots.register()
