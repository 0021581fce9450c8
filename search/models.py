"""The database backend's index: one row per visible product, its facet values, its USD tiers, its words.

The full-text part lives beside these tables and is vendor-specific (see migrations/0002): an FTS5 virtual
table on SQLite, a weighted tsvector column with a GIN index on PostgreSQL. Rows are written only by
search.backends.database; nothing else should touch them.
"""

from django.db import models


class SearchEntry(models.Model):
    # A plain integer, not a foreign key: the index may briefly lag the catalog and must never block a delete.
    product_id = models.IntegerField(primary_key=True)
    title = models.TextField()
    category_text = models.TextField(blank=True)
    materials_text = models.TextField(blank=True)
    supplier_text = models.TextField(blank=True)
    clusters_text = models.TextField(blank=True)
    description = models.TextField(blank=True)
    moq = models.PositiveIntegerField()
    lead_time_days = models.PositiveIntegerField()
    published_at = models.DateTimeField(null=True)
    verification_rank = models.PositiveSmallIntegerField(default=0)
    price_usd = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    # Facet values as "name:value" strings (category ancestors included): filters and counts read this one
    # column (jsonb with a GIN index on PostgreSQL, JSON text read with json_each on SQLite).
    facet_keys = models.JSONField(default=list)

    class Meta:
        db_table = "product_search_entry"
        indexes = [
            models.Index(fields=["price_usd"], name="search_entry_price"),
            models.Index(fields=["-published_at"], name="search_entry_newest"),
            models.Index(fields=["lead_time_days"], name="search_entry_lead"),
        ]

    def __str__(self):
        return self.title


class SearchPrice(models.Model):
    """A price tier in USD, so "price at the buyer's quantity" sorts in SQL across currencies."""

    entry = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="prices", db_constraint=False
    )
    min_quantity = models.PositiveIntegerField()
    unit_price_usd = models.DecimalField(max_digits=18, decimal_places=6)

    class Meta:
        db_table = "product_search_price"
        indexes = [models.Index(fields=["entry", "min_quantity"], name="search_price_entry")]

    def __str__(self):
        return f"{self.min_quantity}+ at {self.unit_price_usd} USD"


class SearchTerm(models.Model):
    """Every word seen in indexed text: the vocabulary typo correction picks from (pg_trgm on PostgreSQL)."""

    word = models.CharField(max_length=100, unique=True)

    class Meta:
        db_table = "product_search_term"

    def __str__(self):
        return self.word
