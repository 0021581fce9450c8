"""The database backend's index: one row per visible product, its facet values, its USD tiers, its words.

The full-text part lives beside these tables and is vendor-specific (see migrations/0002): an FTS5 virtual
table on SQLite, a weighted tsvector column with a GIN index on PostgreSQL. Facet values are also kept as
bitmaps over product ids (SearchBitmap) so counting them costs a few integer ANDs whatever the number of
matches. Rows are written only by search.backends.database_index; nothing else should touch them.
"""

from django.db import models


class SearchEntry(models.Model):
    # A plain integer, not a foreign key: the index may briefly lag the catalog and must never block a delete.
    product_id = models.IntegerField(primary_key=True)
    # The text itself lives in the vendor's full-text part (FTS5 table, tsvector); the title stays for
    # autocomplete. A narrow row means fewer pages to read per match.
    title = models.TextField()
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
            # The "newest" order exactly (id as tie-break), so browsing reads it in index order.
            models.Index(
                models.F("published_at").desc(),
                models.F("product_id").desc(),
                name="search_entry_newest",
            ),
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


class SearchBitmap(models.Model):
    """The indexed products having one facet value ("region:sindh"), as a bitmap: bit i set = product i.

    The key "_all" holds every indexed product. Bytes are the little-endian bytes of a Python integer.
    """

    key = models.CharField(max_length=500, primary_key=True)
    bits = models.BinaryField()

    class Meta:
        db_table = "product_search_bitmap"

    def __str__(self):
        return self.key


class SearchIndexState(models.Model):
    """One row whose token changes with every index write: each process compares it with the token of
    its cached bitmaps (search.bitmaps) to know when to reload them. Index writers lock this row, which
    also puts concurrent writers in one order (no deadlocks on bitmaps or lexeme counts)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)

    class Meta:
        db_table = "product_search_state"

    def __str__(self):
        return self.token


class SearchLexeme(models.Model):
    """PostgreSQL: how many indexed products hold each lexeme (stemmed word), kept exact on every write.

    Query words no product holds are left out of matching, and rarer words weigh more in ranking (idf).
    SQLite asks its FTS5 index for the same numbers instead.
    """

    lexeme = models.CharField(max_length=2048, primary_key=True)
    docs = models.IntegerField()

    class Meta:
        db_table = "product_search_lexeme"

    def __str__(self):
        return f"{self.lexeme}: {self.docs}"


class SearchChange(models.Model):
    """The products each index write touched, in commit order (writers hold the state row's lock, so ids
    are given in the order they commit). A process keeping postings of an earlier generation
    (search.backends.database_postings) reads what changed since and re-reads only those products. A
    rebuild or clear empties it and leaves one row with product_id RESET: everything changed."""

    RESET = -1

    id = models.BigAutoField(primary_key=True)
    product_id = models.IntegerField()

    class Meta:
        db_table = "product_search_change"

    def __str__(self):
        return f"{self.id}: {self.product_id}"
