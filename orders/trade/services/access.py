"""Who may see or act on which trade object. Views use these to answer 404 for other people's objects."""

from django.db.models import Q

from catalog.models import Supplier
from marketplace.workflow import TransitionError


def member_supplier_ids(user):
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_trade_supplier_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("supplier_id", flat=True))
        user._trade_supplier_ids = cached
    return cached


def require_member(user, supplier):
    if supplier.pk not in member_supplier_ids(user):
        raise TransitionError("You do not act for this supplier.", code="not_member")


def threads_visible_to(user):
    from ..models import Thread

    if not user.is_authenticated:
        return Thread.objects.none()
    return Thread.objects.filter(Q(buyer=user) | Q(supplier_id__in=member_supplier_ids(user)))


def matching_suppliers(rfq):
    """Suppliers that see an RFQ: their categories hold the RFQ's category (or an ancestor of it) and, when
    the RFQ names a cluster, they belong to it."""
    suppliers = Supplier.objects.active().filter(
        Q(categories__path__in=rfq.category.ancestor_paths()) | rfq.category.subtree_filter("categories")
    )
    if rfq.cluster_id:
        suppliers = suppliers.filter(clusters=rfq.cluster_id)
    return suppliers.distinct()


def rfqs_for_supplier_ids(supplier_ids):
    """Open and past RFQs whose category/cluster match one of these suppliers (the supplier feed)."""
    from ..models import RFQ

    if not supplier_ids:
        return RFQ.objects.none()
    suppliers = Supplier.objects.filter(pk__in=supplier_ids).prefetch_related("categories", "clusters")
    condition = Q(pk__in=[])
    for supplier in suppliers:
        category_q = Q(pk__in=[])
        for category in supplier.categories.all():
            category_q |= category.subtree_filter("category")
            # An RFQ for a broader category ("Ceramics") also reaches the maker of a narrower one.
            category_q |= Q(category__path__in=category.ancestor_paths())
        cluster_ids = [cluster.pk for cluster in supplier.clusters.all()]
        condition |= category_q & (Q(cluster__isnull=True) | Q(cluster_id__in=cluster_ids))
    return RFQ.objects.filter(condition).distinct()


def supplier_can_see_rfq(supplier, rfq):
    return (
        matching_suppliers(rfq).filter(pk=supplier.pk).exists()
        or rfq.quotes.filter(supplier=supplier).exists()
    )
