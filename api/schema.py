"""What the OpenAPI schema covers (scaffolding of API-2, same hook as API-1's foundation, which replaces this
file at merge)."""

from django.urls import reverse


def only_our_api(endpoints):
    """drf-spectacular preprocessing hook: /api/v1/ only (Wagtail's admin API is DRF too, and not ours)."""
    root = reverse("api:schema").removesuffix("schema/")
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(root)]
