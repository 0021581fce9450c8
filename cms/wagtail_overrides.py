"""Every Wagtail internal that cms replaces or leans on, in one place: page routing, view restrictions and
the request's Site. Written against Wagtail 8.0.1; after any Wagtail upgrade run
tests/cms/test_wagtail_contract.py first (it fails when the behaviour relied on here changes), then re-read
the Wagtail code named below.

Query counts saved were measured by swapping Wagtail's stock code back in (2026-12-03, a storefront with
8 featured products and 4 gallery photos; "warm" = every cache filled, "cold" = the cache emptied, renditions
already generated); tests/cms/test_pages.py pins ours (storefront 4 warm / 12 cold, home 5 / 10).

1. `RouteByUrlPath.route` replaces `Page.route` on the Site's root page (our HomePage).
   Wagtail walks down one level at a time (`get_children().get(slug=...)`, then `.specific`): 2 queries per
   level. Ours finds the live page at the full `url_path` in 1 query once its type is cached (2 the first
   time), with its `route_select_related` rows, and says in the same query whether a view restriction
   applies (see 2). Storefront, /suppliers/<slug>/: 4 queries warm with ours, 10 with `Page.route` (which
   leaves our get_view_restrictions its 1 query; 12 -> 17 cold), 11 with both 1. and 2. stock. Home itself is
   routed by `Page.route` (no path left).
   Relies on: `Page.route_for_request` calling `site.root_page.localized.specific.route(request, components)`
   with the path split on "/"; `RouteResult`; a page's `url_path` being its ancestors' slugs from the tree
   root, kept up to date by Wagtail on publish, slug change and move; `Page.live` (drafts and unpublished
   pages are 404); `Page.specific_class`; our page types having no sub-routes of their own (no
   `RoutablePageMixin`, no `route` override): the page at the full path is the answer.
   Re-check: `Page.route` and `route_for_request` (anything new they do per level, e.g. privacy or locale
   handling, or `_cached_parent_obj`, which we do not set); how `url_path` is maintained; with
   WAGTAIL_I18N_ENABLED (False today) `localized` would pick a per-locale root.

2. `ViewRestrictionsInOneQuery.get_view_restrictions` replaces `Page.get_view_restrictions` on every page.
   Wagtail loads the ancestors (`get_ancestors().only("alias_of")`) to follow aliases, then filters
   PageViewRestriction: 2 queries per page view. Ours: none when routing found no restriction
   (`view_restricted`), else 1. Storefront: 4 queries warm with ours, 6 with Wagtail's (14 cold vs 12); home
   (routed by `Page.route`, so without `view_restricted`): 5 vs 6.
   Relies on: Wagtail's `on_serve_page` hook `check_view_restrictions` (wagtail/wagtail_hooks.py) asking the
   routed page for `get_view_restrictions()` and each restriction for `accept_request(request)`; the admin's
   privacy views ordering the result by `-page__depth` (so it must stay a PageViewRestriction queryset);
   treebeard's materialised `Page.path` (an ancestor's path is a prefix of its descendants', `steplen` long
   per level); an alias using the restrictions of the page at the end of its `Page.alias_of` chain (an alias
   of an alias points at the alias) and never its own, which `create_alias` copies onto it; the table and
   column names of Page (`path`, `alias_of_id`) and PageViewRestriction (`page_id`), which the routing query's
   restriction check and the recursive query that follows the chain name in SQL.
   Re-check: `Page.get_view_restrictions` (the contract test compares ours with it page by page),
   `check_view_restrictions`, `BaseViewRestriction.accept_request`, and `create_alias` / `alias_of`.

3. `CachedSiteMiddleware` hands Wagtail's page view the request's Site from the cache.
   `Site.find_for_request` runs one query per request unless `request._wagtail_site` (its documented
   per-request cache) is already set; the middleware sets it from our cache. Saves 1 query per page view
   once warm (home 5 instead of 6, storefront 4 instead of 5; pinned by
   tests/cms/test_fragments.py::test_a_saved_site_is_looked_up_again; bench/README.md: 2-3 ms of home's time
   went to the lookup).
   Relies on: `wagtail.views.serve` being the view of the page tree's URL (compared by identity);
   `Site.find_for_request` returning `request._wagtail_site` when set; `Site._find_for_request` choosing the
   Site from `split_domain_port(request._get_raw_host())[0]` and `request.get_port()` only (our cache key);
   `get_site_for_hostname` selecting `root_page` (the cached Site carries it, so it must pickle).
   Re-check: `Site.find_for_request`, `Site._find_for_request`, `get_site_for_hostname` and
   `wagtail.views.serve`.

catalog's own override (renditions attached up front) is in catalog/wagtail_overrides.py.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult


# --- 1. Routing ----------------------------------------------------------------------------------------
class RouteByUrlPath:
    """Mixin for the Site's root page: routes to any page below it by `url_path` (see the module's 1.)."""

    def route(self, request, path_components):
        """Finds any page below this one by its url_path in 1-2 queries, instead of 2 per level of the tree.

        Unknown or unpublished paths are a 404 as with Wagtail's own routing. A page's type never changes,
        so the type found at a path is cached: next time the page is fetched with its type's query directly,
        and if that finds nothing (moved, unpublished, replaced) the full lookup runs again. Pages may name
        `route_select_related` to load their foreign keys (a storefront's supplier) in the same query.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        cache_key = f"cms:page-type:{url_path}"
        content_type_id = cache.get(cache_key)
        if content_type_id is not None:
            page = _live_page_at(url_path, ContentType.objects.get_for_id(content_type_id).model_class())
            if page is not None:
                return RouteResult(page)
        found = Page.objects.filter(url_path=url_path, live=True).only("id", "content_type").first()
        if found is None or found.specific_class is None:
            raise Http404
        cache.set(cache_key, found.content_type_id, timeout=None)
        return RouteResult(_live_page_at(url_path, found.specific_class))


def _live_page_at(url_path, model):
    """The live page at `url_path`, knowing in the same query whether any view restriction applies to it."""
    if model is None:
        return None
    return _routing_queryset(model).filter(url_path=url_path, live=True).first()


_routing_querysets = {}


def _routing_queryset(model):
    """`model`'s pages with their `route_select_related` rows and `view_restricted`, ordered by id.

    Built once per page type and only cloned per request: building it (the select_related joins, the
    annotation) cost about a third of the routing's CPU time per storefront view (bench/README.md)."""
    queryset = _routing_querysets.get(model)
    if queryset is None:
        queryset = (
            model.objects.select_related(*getattr(model, "route_select_related", ()))
            .annotate(view_restricted=_view_restricted())
            .order_by("pk")
        )
        _routing_querysets[model] = queryset
    return queryset


def _view_restricted():
    """False only when no restriction can apply: none is on the page or an ancestor (a treebeard path prefix
    of the page's) nor on the source of an alias among them, and none of them is an alias of an alias (whose
    chain only `ViewRestrictionsInOneQuery.get_view_restrictions` follows to its end).

    Written in SQL rather than as three ORM `Exists`: compiling those on every page view cost a third of the
    routing's CPU time, more than its query (bench/README.md). The routed page's own row is the outer
    query's Page table (the parent of every page type, joined under its own name; RawSQL joins it when the
    SQL names one of its columns); every table inside is given another name so that name stays the outer
    one. SUBSTR/LENGTH ("the page's path starts with the holder's") are the same in SQLite and PostgreSQL.
    tests/cms/test_wagtail_contract.py compares the outcome with Wagtail's own restrictions case by case."""
    quote = connection.ops.quote_name
    page = quote(Page._meta.db_table)
    restriction = quote(PageViewRestriction._meta.db_table)
    path = quote(Page._meta.get_field("path").column)
    alias_of = quote(Page._meta.get_field("alias_of").column)
    page_id = quote(PageViewRestriction._meta.get_field("page").column)

    def at_or_above_the_page(holder):
        return f"SUBSTR({page}.{path}, 1, LENGTH({holder}.{path})) = {holder}.{path}"

    own = (
        f"SELECT 1 FROM {restriction} r INNER JOIN {page} holder ON holder.id = r.{page_id}"
        f" WHERE holder.{alias_of} IS NULL AND {at_or_above_the_page('holder')}"
    )
    through_alias = (
        f"SELECT 1 FROM {restriction} r INNER JOIN {page} an_alias ON an_alias.{alias_of} = r.{page_id}"
        f" WHERE {at_or_above_the_page('an_alias')}"
    )
    alias_of_alias = (
        f"SELECT 1 FROM {page} an_alias INNER JOIN {page} its_source ON its_source.id = an_alias.{alias_of}"
        f" WHERE its_source.{alias_of} IS NOT NULL AND {at_or_above_the_page('an_alias')}"
    )
    return RawSQL(
        f"EXISTS ({own}) OR EXISTS ({through_alias}) OR EXISTS ({alias_of_alias})", [], BooleanField()
    )


# --- 2. View restrictions ------------------------------------------------------------------------------
class ViewRestrictionsInOneQuery:
    """Page mixin: the view restrictions of a page and its ancestors in one query instead of two, or none when
    the routing query already found there are none (`view_restricted`, see `_live_page_at`).

    Wagtail loads the ancestors first to follow aliases; here the ancestors' paths come from the page's own
    treebeard path and aliases are followed in SQL (an alias uses its source page's restrictions).
    """

    def get_view_restrictions(self):
        if getattr(self, "view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page_id__in=_restriction_holders(paths))


def _restriction_holders(paths):
    """The pages whose restrictions apply to the pages at `paths`: each page, or for an alias the page at the
    end of its `alias_of` chain, as Wagtail follows it (SQL, one subquery: a recursive one, since an alias
    may be an alias of an alias). UNION, not UNION ALL, so a loop of aliases ends too."""
    table = connection.ops.quote_name(Page._meta.db_table)
    alias_of = connection.ops.quote_name(Page._meta.get_field("alias_of").column)
    placeholders = ", ".join(["%s"] * len(paths))
    return RawSQL(
        f"WITH RECURSIVE chain (id, alias_of) AS ("
        f" SELECT id, {alias_of} FROM {table} WHERE path IN ({placeholders})"
        f" UNION SELECT page.id, page.{alias_of} FROM {table} page JOIN chain ON page.id = chain.alias_of"
        f") SELECT id FROM chain WHERE alias_of IS NULL",
        paths,
    )


# --- 3. The request's Site from the cache --------------------------------------------------------------
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
        # Imported here, not at the top: wagtail.views loads the Page model on import, and cms.models
        # imports this module while the models are still loading.
        from wagtail.views import serve

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not self.wagtail_serve or hasattr(request, "_wagtail_site"):
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
