from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Editorial pages"

    def ready(self):
        from . import middleware, page_urls, slots

        middleware.connect()
        page_urls.register()
        slots.register()
