"""The header and footer links curators choose in the admin (Settings › Navigation links), on every page.

Every page of every app shows them, so they cost no query once cached: one query (a UNION of both lists)
builds them after a change or a cache flush, and the cache entry is dropped, on commit, whenever a link, the
setting or a page changes (published, unpublished, moved, deleted): a renamed page is never linked by its
old title. The core's base template declares the places ("header.nav", "footer.links") and the cms fills
them (cms.slots), so the core never names the cms.

A link's URL comes from the page's url_path without a query, as cms.page_urls does: Wagtail serves the page
tree from the site root, the one page at depth 2 (the HomePage).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import FooterLink, HeaderLink, NavigationLinks

CACHE_KEY = "cms:navigation-links"
PLACES = {"header": HeaderLink, "footer": FooterLink}


def served_url(url_path: str) -> str:
    """The URL Wagtail serves a page at, from its url_path ("/home/about/" → "/about/")."""
    below_root = url_path.strip("/").split("/")[1:]
    return reverse("wagtail_serve", args=["".join(f"{slug}/" for slug in below_root)])


def _load() -> dict[str, list[tuple[str, str]]]:
    rows = None
    for place, model in PLACES.items():
        query = (
            model.objects.filter(page__live=True)
            .order_by()
            .annotate(place=Value(place, output_field=CharField()))
            .values_list("place", "sort_order", "pk", "label", "page__title", "page__url_path")
        )
        rows = query if rows is None else rows.union(query, all=True)
    links = {place: [] for place in PLACES}
    # sort_order is null for a link saved outside the admin's ordered panel: such links come first.
    for place, _order, _pk, label, title, url_path in sorted(rows, key=lambda r: (r[0], r[1] or 0, r[2])):
        links[place].append((label or title, served_url(url_path)))
    return links


def navigation_links() -> dict[str, list[tuple[str, str]]]:
    """{"header": [(label, url)], "footer": [...]}, in the curators' order; only live pages."""
    links = cache.get(CACHE_KEY)
    if links is None:
        links = _load()
        cache.set(CACHE_KEY, links, settings.FRAGMENT_CACHE_SECONDS)
    return links


def forget(**_kwargs):
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _forget_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget()


def connect():
    """Called once, by the app's ready()."""
    for model in (NavigationLinks, HeaderLink, FooterLink):
        post_save.connect(forget, sender=model, dispatch_uid=f"cms-navigation-save-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"cms-navigation-delete-{model.__name__}")
    page_published.connect(forget, dispatch_uid="cms-navigation-published")
    page_unpublished.connect(forget, dispatch_uid="cms-navigation-unpublished")
    post_page_move.connect(forget, dispatch_uid="cms-navigation-moved")
    post_delete.connect(_forget_deleted_page, dispatch_uid="cms-navigation-page-deleted")
