"""How drf-spectacular describes what it cannot guess: the Bearer token scheme, the error body."""

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token made on your account's API tokens page.",
        }


ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error: a stable code for programs, a message for people (api.errors).",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "e.g. not_found, read_only_token, throttled"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "description": "Validation errors only: each field's messages.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message"],
        }
    },
    "required": ["error"],
}
ERROR_RESPONSES = {
    "400": "Invalid parameters or body (code validation_error, invalid_cursor, ...).",
    "401": "No valid token (not_authenticated, invalid_token, token_revoked).",
    "403": "Not allowed (permission_denied, read_only_token, not_a_supplier_member).",
    "404": "No such object, or not yours (not_found).",
    "429": "Rate limit reached (throttled); retry after the Retry-After header's seconds.",
}
BODY_ERROR_RESPONSES = {"415": "A body in a format this operation does not take (unsupported_media_type)."}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: the Error component, and the error responses each operation can
    give (any operation may be refused, throttled or given bad parameters)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = ERROR_RESPONSES | (BODY_ERROR_RESPONSES if "requestBody" in operation else {})
            for status, description in errors.items():
                operation["responses"].setdefault(status, {"description": description, "content": reference})
    return result


def only_our_api(endpoints):
    """drf-spectacular preprocessing hook: /api/v1/ only (Wagtail's admin API is DRF too, and not ours)."""
    root = reverse("api:schema").removesuffix("schema/")
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(root)]


# OpenAPI links: which answer gives the ids another operation takes (clients and schemathesis's stateful
# tests follow them). (operation, status) -> {link name: (target operation, {parameter: expression})}.
FIRST_RESULT = "$response.body#/results/0/id"
LINKS = {
    ("products_list", "200"): {"GetProduct": ("products_retrieve", {"id": FIRST_RESULT})},
    ("search_retrieve", "200"): {"GetProduct": ("products_retrieve", {"id": FIRST_RESULT})},
    ("suppliers_list", "200"): {"GetSupplier": ("suppliers_retrieve", {"id": FIRST_RESULT})},
    ("clusters_list", "200"): {"GetCluster": ("clusters_retrieve", {"id": FIRST_RESULT})},
    ("listings_list", "200"): {
        "GetListing": ("listings_retrieve", {"id": FIRST_RESULT}),
        "ChangeListing": ("listings_partial_update", {"id": FIRST_RESULT}),
    },
    ("listings_create", "201"): {
        "GetListing": ("listings_retrieve", {"id": "$response.body#/id"}),
        "ChangeListing": ("listings_partial_update", {"id": "$response.body#/id"}),
        "ReplaceListing": ("listings_update", {"id": "$response.body#/id"}),
        "ListingPhotos": ("listings_photos_list", {"id": "$response.body#/id"}),
    },
    ("listings_photos_list", "200"): {
        name: (target, {"id": "$request.path.id", "image_id": "$response.body#/0/id"})
        for name, target in [
            ("GetPhoto", "listings_photos_retrieve"),
            ("MakeMainPhoto", "listings_photos_main_create"),
            ("RemovePhoto", "listings_photos_destroy"),
        ]
    },
}


def add_links(result, generator, request, public):
    """drf-spectacular postprocessing hook: LINKS, for the operations present."""
    operations = {
        operation["operationId"]: operation
        for path_item in result.get("paths", {}).values()
        for operation in path_item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for (source, status), links in LINKS.items():
        response = operations.get(source, {}).get("responses", {}).get(status)
        if response is None:
            continue
        for name, (target, parameters) in links.items():
            if target in operations:
                response.setdefault("links", {})[name] = {"operationId": target, "parameters": parameters}
    return result


def _country_choices():
    from django_countries import countries

    return [(country.code, str(country.name)) for country in countries]


# One name for the ISO 3166 list every country field of the API uses (destination, shipping), so the schema
# has one CountryEnum rather than one enum per field (ENUM_NAME_OVERRIDES in settings).
COUNTRY_CHOICES = _country_choices()
