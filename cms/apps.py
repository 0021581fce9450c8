from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Editorial pages"

    def ready(self):
        from . import navigation, onboarding, page_urls, slots, wagtail_overrides

        wagtail_overrides.connect()
        navigation.connect()
        page_urls.register()
        slots.register()
        onboarding.connect()
