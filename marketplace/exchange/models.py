from django.db import models

from marketplace.money import CURRENCY_CHOICES


class ExchangeRate(models.Model):
    """How many units of `currency` one US dollar bought on `on_date` (a dated, stored table; no live API)."""

    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    on_date = models.DateField()
    per_usd = models.DecimalField(max_digits=18, decimal_places=8)
    source = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-on_date", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "on_date"], name="one_rate_per_currency_and_day"),
            models.CheckConstraint(condition=models.Q(per_usd__gt=0), name="rate_positive"),
        ]

    def __str__(self):
        return f"1 USD = {self.per_usd} {self.currency} on {self.on_date}"
