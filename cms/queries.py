"""Named queries for the cms pages, each built to run a fixed number of SQL queries whatever the row count.

Products come as card rows (`Product.objects.card_rows()`: supplier and verification level in the same query);
`catalog.fragments.render_cards` turns them into cached cards and loads photos and tiers only for cards it has
not cached. Photos the page shows itself get their renditions in one go (`catalog.wagtail_overrides`).
"""

from django.db.models import Prefetch, prefetch_related_objects

from catalog.models import Certification, Cluster, Exhibitor, Product
from catalog.wagtail_overrides import attach_renditions

VISIBLE_PRODUCT = {
    "product__status": Product.Status.PUBLISHED,
    "product__hidden_by_curator": False,
    "product__supplier__is_active": True,
}
CARD_RELATED = ["product__supplier__verification_level"]


# Every column the home page's cluster cards show (and their photos' renditions depend on).
CLUSTER_CARD_COLUMNS = [
    "id",
    "title",
    *(f"cluster__{name}" for name in ("name", "slug", "sector", "region")),
    *(f"hero_image__{name}" for name in ("id", "file", "file_hash", "width", "height")),
    *(f"hero_image__focal_point_{name}" for name in ("x", "y", "width", "height")),
]


def cluster_cards_version(queryset):
    """What the cluster cards of `queryset` (live ClusterPages) show, as plain values: 1 light query."""
    return list(queryset.values_list(*CLUSTER_CARD_COLUMNS))


def cluster_cards(queryset):
    """The cluster pages of `queryset` with cluster and hero photo (renditions attached): 1-2 queries."""
    pages = list(queryset.select_related("cluster", "hero_image"))
    attach_renditions([page.hero_image for page in pages])
    return pages


def supplier_facts(supplier):
    """Adds the supplier's clusters and its VALID certifications only (`valid_certifications`): 2 queries."""
    prefetch_related_objects(
        [supplier],
        Prefetch("clusters", queryset=Cluster.objects.only("name", "slug")),
        Prefetch(
            "certifications",
            queryset=Certification.objects.valid().select_related("type"),
            to_attr="valid_certifications",
        ),
    )
    return supplier


def featured_products(page):
    """The storefront's featured products in order: only the supplier's own, only visible ones (1 query)."""
    rows = page.featured.filter(product__supplier_id=page.supplier_id, **VISIBLE_PRODUCT)
    rows = rows.select_related(*CARD_RELATED).defer("product__description").order_by("sort_order")
    return [row.product for row in rows]


def gallery(page):
    return list(page.gallery.select_related("photo").order_by("sort_order"))


def with_renditions(gallery_items):
    attach_renditions([item.photo for item in gallery_items])
    return gallery_items


def cluster_suppliers(cluster):
    return list(cluster.suppliers.active().select_related("verification_level").order_by("name"))


def newest_products(limit, **filters):
    """The newest visible products (1 query); `filters` such as supplier__clusters=cluster match once each."""
    return list(Product.objects.visible().filter(**filters).card_rows()[:limit])


def collection_products(page):
    """A collection's visible products in the curator's order, each with its `collection_note` (1 query)."""
    rows = page.items.filter(**VISIBLE_PRODUCT).select_related(*CARD_RELATED).order_by("sort_order")
    products = []
    for row in rows.defer("product__description"):
        row.product.collection_note = row.note
        products.append(row.product)
    return products


def exhibitors_by_cluster(event):
    """The event's exhibitors (active suppliers only) as [(cluster or None, [exhibitor, ...])], clusters by
    name, exhibitors by booth; a supplier of two clusters is listed under both, one of none at the end
    (2 queries: the exhibitors with their suppliers, the suppliers' clusters)."""
    exhibitors = (
        Exhibitor.objects.filter(event=event, supplier__is_active=True)
        .select_related("supplier")
        .prefetch_related(Prefetch("supplier__clusters", queryset=Cluster.objects.only("name", "slug")))
        .order_by("booth", "supplier__name")
    )
    groups, unclustered = {}, []
    for exhibitor in exhibitors:
        clusters = exhibitor.supplier.clusters.all()
        for cluster in clusters:
            groups.setdefault(cluster, []).append(exhibitor)
        if not clusters:
            unclustered.append(exhibitor)
    grouped = sorted(groups.items(), key=lambda item: item[0].name)
    return grouped + ([(None, unclustered)] if unclustered else [])
