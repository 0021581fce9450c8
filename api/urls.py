"""The JSON API at /api/v1/ (scaffolding of API-2: API-1's foundation replaces this file at merge)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include("api.trade.urls")),
]
