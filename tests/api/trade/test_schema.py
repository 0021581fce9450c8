"""The OpenAPI schema describes the trade endpoints as they answer: generated without a warning, valid, every
operation documenting its error answers with the error body."""

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

TRADE_PATHS = ("/api/v1/rfqs/", "/api/v1/inquiries/", "/api/v1/orders/", "/api/v1/sell/rfqs/")


@pytest.fixture(scope="module")
def schema():
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/v1/", include("api.trade.urls"))])
    schema = generator.get_schema(request=None, public=True)
    problems = dict(GENERATOR_STATS._warn_cache) | dict(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    return schema, problems


def trade_operations(schema):
    return [
        (route, method, operation)
        for route, item in schema["paths"].items()
        if route.startswith(TRADE_PATHS)
        for method, operation in item.items()
    ]


def test_the_schema_is_generated_without_warnings_or_errors(schema):
    assert schema[1] == {}


def test_the_schema_is_valid_openapi(schema):
    validate_schema(schema[0])


def test_every_trade_operation_documents_401_and_403_with_the_error_body(schema):
    operations = trade_operations(schema[0])

    assert len(operations) == 19
    for route, method, operation in operations:
        for status in ("401", "403"):
            content = operation["responses"][status]["content"]["application/json"]["schema"]
            assert content == {"$ref": "#/components/schemas/Error"}, (route, method, status)


def resolved(schema, node):
    """`node`, or the component it refers to (API-1's MoneyField is a `Money` component; ours is inline)."""
    while "$ref" in node or "allOf" in node:
        node = node["allOf"][0] if "allOf" in node else node
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def test_money_is_described_as_a_string_amount_with_its_currency(schema):
    total = resolved(schema[0], schema[0]["components"]["schemas"]["Order"]["properties"]["total"])

    assert total["properties"]["amount"]["type"] == "string"
    assert set(total["properties"]) == {"amount", "currency"}


def test_the_error_component_is_the_error_body(schema):
    error = schema[0]["components"]["schemas"]["Error"]

    assert error["required"] == ["error"]
    assert error["properties"]["error"]["required"] == ["code", "message"]
