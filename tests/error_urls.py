"""The site's URLs plus two that fail on purpose, for tests/test_error_pages.py."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from marketplace.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug, for the 500 page")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("broken/", broken), path("forbidden/", forbidden), *site_urlpatterns]
