"""Cluster coordinators: curators assign them to clusters; they onboard artisans of those clusters and act
for the suppliers they manage (a COORDINATOR membership, catalog.permissions) until they hand them over.

An onboarded supplier is inactive and has a DRAFT application in the curators' queue, like a supplier who
joined by themselves: nothing of it is public until a curator approves it.
"""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalog.models import (
    AssistedOnboarding,
    Cluster,
    ClusterCoordinator,
    Supplier,
    SupplierApplication,
    SupplierMembership,
)
from catalog.permissions import forget_roles
from marketplace.workflow import record

from .errors import MembersError

Role = SupplierMembership.Role


def clusters_of(user):
    """The clusters `user` coordinates (none for an anonymous user)."""
    if not getattr(user, "is_authenticated", False):
        return Cluster.objects.none()
    return Cluster.objects.filter(coordinators__user=user).order_by("name")


def is_coordinator(user) -> bool:
    return clusters_of(user).exists()


def managed_suppliers(user):
    """The suppliers `user` acts for as coordinator, with their onboarding record and clusters."""
    if not getattr(user, "is_authenticated", False):
        return Supplier.objects.none()
    return (
        Supplier.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR)
        .select_related("assisted_onboarding")
        .prefetch_related("clusters", "applications")
        .order_by("name")
    )


def _unique_slug(name):
    base = slugify(name)[:190] or "supplier"
    slug, n = base, 1
    while Supplier.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def onboard_artisan(*, coordinator, business: dict, artisan: dict, application: dict) -> Supplier:
    """A coordinator puts an artisan of one of their clusters on the marketplace: an inactive Supplier with
    `business` facts (name, cluster, region, city, phone, size, women_led, women_led_by), the artisan's
    consent and payment (`artisan`: AssistedOnboarding fields), a COORDINATOR membership, and a DRAFT
    application (`application`: what_they_make, export_experience...) whose applicant is the coordinator.
    Refuses a cluster the coordinator does not coordinate. All or nothing (one transaction)."""
    business = dict(business)
    cluster = business.pop("cluster")
    if not ClusterCoordinator.objects.filter(user=coordinator, cluster=cluster).exists():
        raise MembersError(
            _("You are not a coordinator of %(cluster)s.") % {"cluster": cluster}, code="not_coordinator"
        )
    with transaction.atomic():
        supplier = Supplier.objects.create(slug=_unique_slug(business["name"]), is_active=False, **business)
        supplier.clusters.set([cluster])
        SupplierMembership.objects.create(supplier=supplier, user=coordinator, role=Role.COORDINATOR)
        onboarding = AssistedOnboarding.objects.create(supplier=supplier, coordinator=coordinator, **artisan)
        draft = SupplierApplication.objects.create(
            supplier=supplier,
            applicant=coordinator,
            state=SupplierApplication.State.DRAFT,
            phone=business.get("phone", ""),
            women_led_by=business.get("women_led_by", ""),
            **application,
        )
        record(draft, "", draft.state, coordinator, note=f"assisted onboarding of {onboarding.artisan_name}")
    forget_roles(coordinator)
    coordinator.__dict__.pop("_trade_supplier_ids", None)
    return supplier


def assign_coordinator(*, curator, user, cluster, kind, organisation) -> ClusterCoordinator:
    """A curator makes `user` coordinator of `cluster` (audited). Idempotent for the same pair: the kind and
    organisation are updated."""
    if not getattr(curator, "is_curator", False):
        raise MembersError(_("Only curators assign coordinators."), code="forbidden")
    with transaction.atomic():
        row, created = ClusterCoordinator.objects.update_or_create(
            user=user,
            cluster=cluster,
            defaults={"kind": kind, "organisation": organisation, "assigned_by": curator},
        )
        record(row, "" if created else "assigned", "assigned", curator, field="assignment", note=organisation)
    return row


def unassign_coordinator(row, *, curator) -> None:
    """A curator ends a coordinator's role for a cluster (audited). The suppliers they onboarded keep their
    coordinator membership: a curator or the owner removes it, so no artisan is left without anyone."""
    if not getattr(curator, "is_curator", False):
        raise MembersError(_("Only curators assign coordinators."), code="forbidden")
    with transaction.atomic():
        record(row, "assigned", "unassigned", curator, field="assignment", note=f"{row.user} / {row.cluster}")
        row.delete()
