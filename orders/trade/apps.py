from django.apps import AppConfig


class TradeConfig(AppConfig):
    name = "orders.trade"
    label = "trade"
    verbose_name = "Trade flows: inquiries, RFQs, quotes, subcontracting"

    def ready(self):
        from . import documents, receivers, slots

        slots.register()
        documents.register()
        receivers.connect()
