"""Wagtail's Site of a request from the cache instead of one query per page view."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

# Sites change seldom (an administrator edits a hostname or the root page). A worker that did not make the
# change (each has its own memory cache unless CACHE_URL is shared) sees it within this many seconds.
SITE_CACHE_SECONDS = 60


def _generation():
    return cache.get_or_set("cms:site-generation", 0, timeout=None)


class CachedSiteMiddleware:
    """Hands Wagtail's page view the Site for the request's host and port from the cache.

    Wagtail looks the Site up with `Site.find_for_request`, which keeps it on `request._wagtail_site` (its
    documented per-request cache); filling that attribute first makes the lookup free. Only for Wagtail's page
    view: other views never need a Site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or hasattr(request, "_wagtail_site"):
            return None
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"cms:site:{_generation()}:{hostname}:{request.get_port()}"
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)  # the query; Wagtail keeps the result on the request
            if site is not None:
                cache.set(key, site, SITE_CACHE_SECONDS)
        else:
            request._wagtail_site = site
        return None


def sites_changed(**kwargs):
    """A Site was saved or deleted: this process forgets every cached Site at once."""
    try:
        cache.incr("cms:site-generation")
    except ValueError:
        cache.set("cms:site-generation", 1, timeout=None)


def connect():
    post_save.connect(sites_changed, sender=Site, dispatch_uid="cms-cached-site-save")
    post_delete.connect(sites_changed, sender=Site, dispatch_uid="cms-cached-site-delete")
