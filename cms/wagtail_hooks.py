"""Keeps the page tree in step with the catalog admin: a new supplier or cluster gets its page at once."""

from wagtail import hooks

from catalog.models import Cluster, Supplier

from . import services


@hooks.register("after_create_snippet")
def create_page_for_new_snippet(request, instance):
    # cms may import catalog, never the reverse: so the page is created from this hook, not from catalog.
    if isinstance(instance, Supplier):
        services.ensure_storefront(instance)
    elif isinstance(instance, Cluster):
        services.ensure_cluster_page(instance)
