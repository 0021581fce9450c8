"""Where the cms serves the pages of the catalog's suppliers and clusters, known without a query.

`services.ensure_storefront` and `ensure_cluster_page` create a supplier's storefront and a cluster's page
below the index pages of `services.INDEX_PAGES`, with the supplier's or the cluster's slug
(`SupplierPage.clean` keeps a storefront's slug so), and Wagtail serves the page tree from the site root.
Asking Wagtail for each page's URL would cost a query per link; tests/cms/test_page_urls.py checks these
URLs against Wagtail's own. The catalog reaches them through marketplace.links, never by naming the cms.
"""

from django.urls import reverse

from marketplace import links

from .models import ClusterIndexPage, SupplierIndexPage
from .services import INDEX_PAGES

INDEX_SLUGS = {model: slug for model, slug, _title in INDEX_PAGES}


def _served_at(*slugs):
    return reverse("wagtail_serve", args=["".join(f"{slug}/" for slug in slugs)])


def storefront_url(supplier) -> str:
    return _served_at(INDEX_SLUGS[SupplierIndexPage], supplier.slug)


def cluster_url(cluster) -> str:
    return _served_at(INDEX_SLUGS[ClusterIndexPage], cluster.slug)


def register():
    """Called once, by the app's ready()."""
    links.serve_public_pages("catalog.Supplier", storefront_url)
    links.serve_public_pages("catalog.Cluster", cluster_url)
