"""A newly approved supplier gets its storefront: the page under the suppliers' index, with its name and
tagline, published by the approving curator. Its story, gallery and featured products are the artisan's to
write afterwards."""

from catalog.signals import supplier_approved

from . import services


def _make_storefront(sender, supplier, actor=None, **kwargs):
    # ensure_storefront makes the page live; a first revision, published in the curator's name, gives it the
    # history that the artisan's later drafts (storefront editing) are compared with. The approval is what
    # allowed it, so Wagtail's page permissions (the curator may lack "publish" on this page) are not asked.
    page = services.ensure_storefront(supplier)
    if page.latest_revision_id is None:
        page.save_revision(user=actor, log_action=True).publish(user=actor, skip_permission_checks=True)


def connect():
    supplier_approved.connect(_make_storefront, dispatch_uid="cms-storefront-on-approval")
