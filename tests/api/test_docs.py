"""The schema at /api/v1/schema/ and Swagger UI at /api/v1/docs/, served from our own origin under the site's
Content-Security-Policy (no CDN, no inline script)."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_and_describes_only_our_api(client):
    response = client.get(reverse("api:schema"))
    schema = yaml.safe_load(response.content)

    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert all(path.startswith(reverse("api:schema").removesuffix("schema/")) for path in schema["paths"])
    assert reverse("api:product-list") in schema["paths"]


def test_every_operation_documents_the_error_body(client):
    schema = yaml.safe_load(client.get(reverse("api:schema")).content)

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404", "429"):
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (path, method, status)


def test_the_schema_names_the_bearer_token_scheme(client):
    schema = yaml.safe_load(client.get(reverse("api:schema")).content)

    assert schema["components"]["securitySchemes"]["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["apiToken"]["description"],
    }


def test_the_docs_page_loads_only_same_origin_files_that_exist(client):
    page = client.get(reverse("api:docs")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)

    assert sources
    assert not [source for source in sources if "//" in source]
    static_files = [source.removeprefix("/static/") for source in sources if source.startswith("/static/")]
    assert len(static_files) == 3  # Swagger UI's bundle, its stylesheet, the icon
    assert all(finders.find(path) for path in static_files)


def test_the_docs_page_has_no_inline_script(client):
    page = client.get(reverse("api:docs")).content.decode()

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert "<style" not in page


def test_the_docs_start_up_script_is_served_as_javascript_pointing_at_the_schema(client):
    response = client.get(reverse("api:docs"), {"script": ""})

    assert response["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in response.content.decode()


def test_the_docs_page_keeps_the_public_sites_policy(client, settings):
    response = client.get(reverse("api:docs"))

    assert "script-src 'self';" in response["Content-Security-Policy"]
