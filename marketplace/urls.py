from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .accounts.language import switch_language
from .downloads import serve_public_media
from .health import healthz

urlpatterns = [
    # Health for load balancers and monitoring: JSON, no login, no secrets (marketplace/health.py).
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    # The header's language switcher: Django's set_language, plus the choice kept on a signed-in account.
    path("i18n/setlang/", switch_language, name="set_language"),
    path("documents/", include(wagtaildocs_urls)),
    # The API's tokens page sits with the account pages; the API itself under /api/v1/.
    path("accounts/api-tokens/", include("api.token_urls")),
    path("accounts/", include("marketplace.accounts.urls")),
    path("accounts/", include("marketplace.accounts.account_urls")),
    path("products/", include("catalog.urls")),
    # Before the catalog's /sell/: the storefront editor is the cms's (it edits Wagtail pages).
    path("sell/storefront/", include("cms.storefront_editing.urls")),
    path("sell/", include("catalog.sell.urls")),
    path("search/", include("search.urls")),
    path("api/v1/", include("api.urls")),
    # Trade flows own /inbox/, /rfqs/, /sell/rfqs/, /sell/subcontracting/ and /clusters/<slug>/subcontract/.
    path("", include("orders.trade.urls")),
    # Orders own /cart/, /checkout/, /orders/, /sell/orders/, /sell/balance/ and the Stripe webhook (and
    # redirect the old /ops/ pages to their back office in the admin).
    path("", include("orders.urls")),
]

if settings.SERVE_MEDIA:
    # Public media only (private files are outside MEDIA_ROOT), never shown as a page: see serve_public_media.
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_public_media))

# Wagtail serves every other path from the page tree (home, /suppliers/…, /clusters/…, collections).
urlpatterns.append(path("", include(wagtail_urls)))
