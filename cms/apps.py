from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Editorial pages"

    def ready(self):
        from . import wagtail_overrides

        wagtail_overrides.connect()
