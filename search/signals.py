"""Index updates on commit (signals are used for index updates only, never for business logic).

Each handler works out which product ids are affected and schedules one `update_index` for them with
`transaction.on_commit`, so the index never sees data a rollback would undo and requests never wait on it
inside their transaction.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

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


def _schedule(ids_or_callable):
    from .services import update_index

    def run():
        ids = ids_or_callable() if callable(ids_or_callable) else ids_or_callable
        update_index(ids)

    # robust: the change it follows is committed (an order, a listing); an index that fails to follow (the
    # database busy, the backend down) is logged and caught up by `search_index update`, never turned into
    # a 500 for a request whose work is done (a buyer retrying a checkout would order twice).
    transaction.on_commit(run, robust=True)


def _product_changed(sender, instance, **kwargs):
    _schedule([instance.pk])


def _child_changed(sender, instance, **kwargs):
    _schedule([instance.product_id])


def _supplier_products(supplier_id):
    return list(Product.objects.filter(supplier_id=supplier_id).values_list("pk", flat=True))


def _supplier_changed(sender, instance, **kwargs):
    _schedule(partial(_supplier_products, instance.pk))


def _certification_changed(sender, instance, **kwargs):
    _schedule(partial(_supplier_products, instance.supplier_id))


def _category_changed(sender, instance, **kwargs):
    # Documents hold the names and paths of their category's ancestors: the products below it change too.
    _schedule(lambda: list(Product.objects.in_category(instance).values_list("pk", flat=True)))


def _named_thing_changed(relation, sender, instance, **kwargs):
    # A renamed cluster or material changes the text of every product that mentions it.
    pk = instance.pk
    _schedule(lambda: list(Product.objects.filter(**{relation: pk}).values_list("pk", flat=True)))


def _materials_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # material.products.add(...)
        _schedule(list(pk_set or []))
    else:
        _schedule([instance.pk])


def _clusters_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # cluster.suppliers.add(...)
        supplier_ids = list(pk_set or [])
        _schedule(
            lambda: list(Product.objects.filter(supplier_id__in=supplier_ids).values_list("pk", flat=True))
        )
    else:
        _schedule(partial(_supplier_products, instance.pk))


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
        partial(_named_thing_changed, "supplier__clusters"),
        sender=Cluster,
        dispatch_uid=f"{uid}-cluster",
        weak=False,
    )
    post_save.connect(
        partial(_named_thing_changed, "materials"),
        sender=Material,
        dispatch_uid=f"{uid}-material",
        weak=False,
    )
    m2m_changed.connect(_materials_changed, sender=Product.materials.through, dispatch_uid=f"{uid}-materials")
    m2m_changed.connect(_clusters_changed, sender=Supplier.clusters.through, dispatch_uid=f"{uid}-clusters")
