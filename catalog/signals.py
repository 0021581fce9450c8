"""Keeps the versions in cached fragments' keys current: a change to a related row bumps `updated_at` of the
product or supplier whose pages show it.

Signals are used here for cache updates only. A fragment's key is built from the product's (or supplier's) own
row, read fresh from the database on every request, so bumping `updated_at` inside the same transaction as the
change makes every process (each gunicorn worker has its own memory cache) render anew once it commits.
The rows a page fetches anyway (the product, its supplier) need no signal: the key hashes them whole.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal
from django.utils import timezone

from marketplace.jobs.queue import enqueue_on_commit

from .models import (
    Category,
    Certification,
    CertificationType,
    Cluster,
    Material,
    Photo,
    PriceTier,
    Product,
    ProductImage,
    Supplier,
    VerificationLevel,
)


def touch_products(*conditions, **filters):
    Product.objects.filter(*conditions, **filters).update(updated_at=timezone.now())


def touch_suppliers(**filters):
    Supplier.objects.filter(**filters).update(updated_at=timezone.now())


def _listing_row_changed(sender, instance, **kwargs):
    # A price tier or a product photo (its position and alt text too).
    touch_products(pk=instance.product_id)


def _photo_changed(sender, instance, **kwargs):
    # A replaced file or a new focal point changes the renditions cached pages link to.
    touch_products(images__photo=instance)


def _photo_uploaded(sender, instance, created, **kwargs):
    # Renditions are a cache of resized photos: made ahead by a worker, not by the first visitor's request.
    if created:
        from .tasks import generate_renditions

        enqueue_on_commit(generate_renditions, instance.pk)


def _material_changed(sender, instance, **kwargs):
    touch_products(materials=instance)


def _category_changed(sender, instance, **kwargs):
    # A product page names its category with all its ancestors ("Home › Ceramics").
    touch_products(instance.subtree_filter())


def _materials_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":  # material.products.clear(): which products, before they are gone
        touch_products(materials=instance)
    elif action in {"post_add", "post_remove", "post_clear"}:
        touch_products(pk__in=pk_set or []) if reverse else touch_products(pk=instance.pk)


def _clusters_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":  # cluster.suppliers.clear()
        touch_suppliers(clusters=instance)
    elif action in {"post_add", "post_remove", "post_clear"}:
        touch_suppliers(pk__in=pk_set or []) if reverse else touch_suppliers(pk=instance.pk)


def _cluster_changed(sender, instance, **kwargs):
    # Renamed, or about to be deleted (deleting does not send m2m_changed for the suppliers it leaves).
    touch_suppliers(clusters=instance)


def _certification_changed(sender, instance, **kwargs):
    touch_suppliers(pk=instance.supplier_id)


def _certification_type_changed(sender, instance, **kwargs):
    touch_suppliers(certifications__type=instance)


def _verification_level_changed(sender, instance, **kwargs):
    touch_suppliers(verification_level=instance)


def connect():
    uid = "fragment_versions"
    for model in (PriceTier, ProductImage):
        post_save.connect(_listing_row_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-save")
        post_delete.connect(_listing_row_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-delete")
    post_save.connect(_photo_changed, sender=Photo, dispatch_uid=f"{uid}-photo-save")
    post_save.connect(_photo_uploaded, sender=Photo, dispatch_uid="photo-renditions")
    post_save.connect(_category_changed, sender=Category, dispatch_uid=f"{uid}-category-save")
    post_save.connect(_material_changed, sender=Material, dispatch_uid=f"{uid}-material-save")
    pre_delete.connect(_material_changed, sender=Material, dispatch_uid=f"{uid}-material-delete")
    m2m_changed.connect(_materials_changed, sender=Product.materials.through, dispatch_uid=f"{uid}-materials")
    m2m_changed.connect(_clusters_changed, sender=Supplier.clusters.through, dispatch_uid=f"{uid}-clusters")
    post_save.connect(_cluster_changed, sender=Cluster, dispatch_uid=f"{uid}-cluster-save")
    pre_delete.connect(_cluster_changed, sender=Cluster, dispatch_uid=f"{uid}-cluster-delete")
    post_save.connect(_certification_changed, sender=Certification, dispatch_uid=f"{uid}-cert-save")
    post_delete.connect(_certification_changed, sender=Certification, dispatch_uid=f"{uid}-cert-delete")
    post_save.connect(_certification_type_changed, sender=CertificationType, dispatch_uid=f"{uid}-cert-type")
    post_save.connect(_verification_level_changed, sender=VerificationLevel, dispatch_uid=f"{uid}-level")


# Sent when a curator approves a supplier's application (catalog.onboarding.applications), inside the
# approval's transaction, with `supplier` and `actor` (the curator). The cms makes the storefront page: the
# catalog must not import the cms.
supplier_approved = Signal()
