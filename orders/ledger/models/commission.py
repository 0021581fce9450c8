"""Per-category commission rates that override PLATFORM_COMMISSION_PERCENT (orders/ledger/commissions.py)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class CategoryCommission(models.Model):
    """A commission rate for one category (and its subcategories) instead of PLATFORM_COMMISSION_PERCENT."""

    category = models.OneToOneField("catalog.Category", on_delete=models.CASCADE, related_name="+")
    percent = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100), name="commission_percent_0_to_100"
            )
        ]

    def __str__(self):
        return f"{self.category}: {self.percent}%"
