"""Keeping the page tree in step with the catalog: home, index pages, storefronts and cluster pages.

Every function here is idempotent: calling it again returns the existing page and changes nothing, so the
demo loader, the admin hooks and tests can all call it freely.
"""

from django.db import transaction
from wagtail.models import Page, Site

from .models import (
    ClusterIndexPage,
    ClusterPage,
    CollectionIndexPage,
    HomePage,
    StoryIndexPage,
    SupplierIndexPage,
    SupplierPage,
)

INDEX_PAGES = [
    (SupplierIndexPage, "suppliers", "Suppliers"),
    (ClusterIndexPage, "clusters", "Clusters"),
    (CollectionIndexPage, "collections", "Collections"),
    (StoryIndexPage, "stories", "Stories"),
]


@transaction.atomic
def ensure_home() -> HomePage:
    """The HomePage (created with the four index pages if missing), and the default Site pointing at it.

    Wagtail's own "Welcome" placeholder page is replaced the first time: it is a bare `Page` with no children.
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for placeholder in root.get_children().filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            if not placeholder.get_children().exists():
                Site.objects.filter(root_page=placeholder).update(root_page=root)
                placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Pakistan Crafts",
                slug="home",
                intro="Buy directly from Pakistani artisans and SME clusters.",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Pakistan Crafts"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    for model, slug, title in INDEX_PAGES:
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug))
    return home


def _index(model):
    index = model.objects.first()
    if index is None:
        ensure_home()
        index = model.objects.first()
    return index


@transaction.atomic
def ensure_storefront(supplier) -> SupplierPage:
    """The supplier's storefront page at /suppliers/<supplier slug>/, created live and empty if missing."""
    page = SupplierPage.objects.filter(supplier=supplier).first()
    if page is not None:
        return page
    return _index(SupplierIndexPage).add_child(
        instance=SupplierPage(
            title=supplier.name, slug=supplier.slug, supplier=supplier, search_description=supplier.tagline
        )
    )


@transaction.atomic
def ensure_cluster_page(cluster) -> ClusterPage:
    """The cluster's page at /clusters/<cluster slug>/, created live (story empty) if missing."""
    page = ClusterPage.objects.filter(cluster=cluster).first()
    if page is not None:
        return page
    return _index(ClusterIndexPage).add_child(
        instance=ClusterPage(
            title=cluster.name, slug=cluster.slug, cluster=cluster, search_description=cluster.summary[:250]
        )
    )
