"""Index updates of many products at once, in the "search" queue (search.signals enqueues them).

A category, supplier, cluster or material change reaches every product below or of it: hundreds of documents
to rebuild, work for a worker, not for the request that renamed a category. One product's update stays in the
request (on commit, search.signals). The products are worked out when the task runs, from the catalog as it
is then, so a task delayed behind others indexes the latest state. Idempotent: `update_index` makes the index
match the catalog, however often it runs.
"""

from marketplace.jobs.queue import job

from .services import products_of, update_index


@job(queue_name="search", attempts=3)
def update_products_index(product_ids):
    """Bring the index entries of `product_ids` in line with the catalog."""
    update_index(product_ids)
    return len(product_ids)


@job(queue_name="search", attempts=3)
def reindex_products_of(kind, key):
    """Bring the index entries of every product of a `kind` ("supplier", "suppliers", "category",
    "cluster", "material", "currencies") identified by `key` (an id; ids for "suppliers", currency codes for
    "currencies") in line with the catalog."""
    ids = products_of(kind, key)
    update_index(ids)
    return len(ids)
