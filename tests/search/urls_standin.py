"""Stand-in for catalog URL names the search page links to, used only while catalog/urls.py lacks them.

Once catalog defines `product-list` and `product-detail`, the `catalog_urls` fixture uses the real URLconf.
"""

from django.http import HttpResponse
from django.urls import include, path

catalog_patterns = (
    [
        path("", lambda request: HttpResponse("list"), name="product-list"),
        path("<slug:slug>/", lambda request, slug: HttpResponse(slug), name="product-detail"),
    ],
    "catalog",
)

urlpatterns = [path("products/", include(catalog_patterns))] + __import__("marketplace.urls").urls.urlpatterns
