from django.db import models, transaction

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

    # Cached conversions are keyed by a version of the table (exchange.services): a changed row moves it now
    # and again on commit (a reader between the two would have cached the old rate). Registered before the
    # row is written, so the commit moves it before any on-commit work of the save's signals (reindexing
    # search's USD prices) converts.
    def save(self, *args, **kwargs):
        from .services import forget_cached_rates

        transaction.on_commit(forget_cached_rates)
        super().save(*args, **kwargs)
        forget_cached_rates()

    def delete(self, *args, **kwargs):
        from .services import forget_cached_rates

        transaction.on_commit(forget_cached_rates)
        result = super().delete(*args, **kwargs)
        forget_cached_rates()
        return result
