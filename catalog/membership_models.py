"""Who acts for a supplier: a person's membership of it, as owner or staff.

It lives beside Supplier because the core accounts app must not depend on the catalog. It was born in
accounts and keeps that table (`accounts_suppliermembership`): moving it changed no row (migrations
accounts 0003 and catalog 0003 move only Django's record of where the model lives).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupplierMembership(models.Model):
    """A person's membership of a supplier: owners manage members, staff manage listings and trade,
    coordinators do what staff do for an artisan they onboarded, until they hand the supplier over."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        STAFF = "staff", _("Staff")
        # A cluster coordinator acting for an artisan's supplier they onboarded (catalog.onboarding_models).
        COORDINATOR = "coordinator", _("Coordinator")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "accounts_suppliermembership"
        constraints = [
            models.UniqueConstraint(fields=["user", "supplier"], name="unique_supplier_membership")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.supplier}"
