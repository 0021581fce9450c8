from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "JSON API"

    def ready(self):
        from . import schema, slots  # noqa: F401  (schema registers the token scheme with drf-spectacular)

        slots.register()
