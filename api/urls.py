"""/api/v1/: the catalog, search and a supplier's listings (here), the buyer's trade (api.trade), the schema
and its docs page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from .views import catalog, docs, fallback, listings, search

app_name = "api"

router = SimpleRouter()
router.register("products", catalog.ProductViewSet, basename="product")
router.register("suppliers", catalog.SupplierViewSet, basename="supplier")
router.register("clusters", catalog.ClusterViewSet, basename="cluster")
router.register("categories", catalog.CategoryViewSet, basename="category")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.SwaggerDocs.as_view(url_name="api:schema"), name="docs"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("listings/", listings.ListingList.as_view(), name="listing-list"),
    path("listings/<int:pk>/", listings.ListingDetail.as_view(), name="listing-detail"),
    path("listings/<int:pk>/photos/", listings.ListingPhotos.as_view(), name="listing-photos"),
    path("listings/<int:pk>/photos/<int:image_id>/", listings.ListingPhoto.as_view(), name="listing-photo"),
    path(
        "listings/<int:pk>/photos/<int:image_id>/main/",
        listings.ListingPhotoMain.as_view(),
        name="listing-photo-main",
    ),
    *router.urls,
    path("", include("api.trade.urls")),
    # Last: whatever matched nothing above.
    re_path(r"^", fallback.not_found),
]
