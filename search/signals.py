"""Index updates on commit (signals are used for index updates only, never for business logic).

A product's own change (the product, a price tier, a photo) updates its one entry on commit, in the request:
cheap, and the seller sees the listing searchable at once. A change that reaches many products (a supplier,
certification, category, cluster or material) enqueues a task on commit (search.tasks), which works out
the products when it runs. Either way the index never sees data a rollback would undo.
"""

from functools import partial

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from catalog.models import (
    Category,
    Certification,
    Cluster,
    Material,
    PriceTier,
    Product,
    ProductImage,
    Supplier,
)
from marketplace.exchange.models import ExchangeRate
from marketplace.jobs.queue import enqueue_on_commit


def _update_one(product_id):
    from .services import update_index

    # robust: the change it follows is committed (an order, a listing); an index that fails to follow (the
    # database busy, the backend down) is logged and caught up by `search_index update`, never turned into
    # a 500 for a request whose work is done (a buyer retrying a checkout would order twice).
    transaction.on_commit(lambda: update_index([product_id]), robust=True)


def _update_ids(ids):
    ids = sorted({int(i) for i in ids if i is not None})
    if len(ids) == 1:
        _update_one(ids[0])
    elif ids:
        from .tasks import update_products_index

        enqueue_on_commit(update_products_index, ids)


def _update_products_of(kind, key):
    from .tasks import reindex_products_of

    enqueue_on_commit(reindex_products_of, kind, key)


def _product_changed(sender, instance, **kwargs):
    _update_one(instance.pk)


def _child_changed(sender, instance, **kwargs):
    _update_one(instance.product_id)


def _supplier_changed(sender, instance, **kwargs):
    _update_products_of("supplier", instance.pk)


def _certification_changed(sender, instance, **kwargs):
    _update_products_of("supplier", instance.supplier_id)


def _category_changed(sender, instance, **kwargs):
    # Documents hold the names and paths of their category's ancestors: the products below it change too.
    _update_products_of("category", instance.pk)


def _named_thing_changed(kind, sender, instance, **kwargs):
    # A renamed cluster or material changes the text of every product that mentions it.
    _update_products_of(kind, instance.pk)


def _materials_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # material.products.add(...)
        _update_ids(pk_set or [])
    else:
        _update_one(instance.pk)


def _clusters_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # cluster.suppliers.add(...)
        if pk_set:
            _update_products_of("suppliers", sorted(pk_set))
    else:
        _update_products_of("supplier", instance.pk)


def _rate_changed(sender, instance, **kwargs):
    """A new rate moves the USD prices that price sorts and bands compare, for every product priced in that
    currency: those are reindexed, once per currency per transaction (a rate file saves many rows). Only a
    rate that is the one in force today matters (the newest up to today); a back-filled older day does not."""
    today = timezone.localdate()
    if instance.currency == "USD" or instance.on_date > today:
        return
    newer = ExchangeRate.objects.filter(currency=instance.currency, on_date__gt=instance.on_date)
    if newer.filter(on_date__lte=today).exists():
        return
    # One task for every currency of the transaction: the first callback to run takes them all, the others
    # find nothing. A rolled-back rate leaves its currency for the next commit: one reindex too many,
    # harmless.
    pending = connection.__dict__.setdefault("search_pending_currencies", set())
    pending.add(instance.currency)

    def send():
        currencies = sorted(pending)
        pending.clear()
        if currencies:
            _update_products_of("currencies", currencies)

    transaction.on_commit(send)


def connect():
    uid = "product_search"
    post_save.connect(_product_changed, sender=Product, dispatch_uid=f"{uid}-product-save")
    post_delete.connect(_product_changed, sender=Product, dispatch_uid=f"{uid}-product-delete")
    for model in (PriceTier, ProductImage):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-save")
        post_delete.connect(_child_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-delete")
    post_save.connect(_supplier_changed, sender=Supplier, dispatch_uid=f"{uid}-supplier-save")
    post_save.connect(_certification_changed, sender=Certification, dispatch_uid=f"{uid}-cert-save")
    post_delete.connect(_certification_changed, sender=Certification, dispatch_uid=f"{uid}-cert-delete")
    post_save.connect(_category_changed, sender=Category, dispatch_uid=f"{uid}-category-save")
    post_save.connect(
        partial(_named_thing_changed, "cluster"),
        sender=Cluster,
        dispatch_uid=f"{uid}-cluster",
        weak=False,
    )
    post_save.connect(
        partial(_named_thing_changed, "material"),
        sender=Material,
        dispatch_uid=f"{uid}-material",
        weak=False,
    )
    m2m_changed.connect(_materials_changed, sender=Product.materials.through, dispatch_uid=f"{uid}-materials")
    m2m_changed.connect(_clusters_changed, sender=Supplier.clusters.through, dispatch_uid=f"{uid}-clusters")
    post_save.connect(_rate_changed, sender=ExchangeRate, dispatch_uid=f"{uid}-rate")
