"""Schemathesis against the live schema (loaded from the app, so every operation counts, the trade
endpoints too once they are in): no 500, every response's status documented and its body matching the
schema. Bounded and deterministic: a few examples per operation, derandomized, no deadline.

The caller is an artisan with a write token whose supplier has listings, and the catalog has a product, a
supplier and a cluster: path ids are mostly pointed at those (an id made up by Hypothesis would only ever
test the 404), the rest left as generated.
"""

import zlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.tokens import issue_token
from tests.factories import (
    CertificationFactory,
    ClusterFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    SupplierFactory,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_connection():
    """Schemathesis calls the WSGI app itself, whose request_finished signal closes the database connection
    (in a test's transaction it counts as unusable), losing the test's rows on PostgreSQL. Django's own
    test client disconnects the same receivers."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def scene(db, settings, keep_connection):
    settings.REST_FRAMEWORK = {  # no throttling: hundreds of requests in a few seconds are the point
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": [],
    }
    supplier = SupplierFactory(clusters=[ClusterFactory()])
    CertificationFactory(supplier=supplier)
    artisan = MembershipFactory(supplier=supplier).user
    listing = ProductFactory(supplier=supplier)
    image = ProductImageFactory(product=listing)
    _token, secret = issue_token(artisan, name="schemathesis", scope="write")
    return {
        "headers": {"Authorization": f"Bearer {secret}"},
        "ids": {
            "products": listing.pk,
            "listings": listing.pk,
            "suppliers": supplier.pk,
            "clusters": supplier.clusters.get().pk,
        },  # fmt: skip
        "image_id": image.pk,
    }


# Loaded when the tests are collected, through the app itself (no server): the schema view reads no table.
# (schemathesis.pytest.from_fixture would load it per test, but fails under pytest 9 in schemathesis 4.32.)
schema = schemathesis.openapi.from_wsgi(reverse("api:schema"), get_wsgi_application())


def sometimes(value) -> bool:
    """Two times in three, deterministically (a generated id may be a number or, negated, any text)."""
    return zlib.crc32(str(value).encode()) % 3 != 0


def point_at_known_objects(case, scene):
    """Most of the time, the path's ids name the scene's objects."""
    parameters = case.path_parameters or {}
    if "id" in parameters and sometimes(parameters["id"]):
        collection = case.path.strip("/").split("/")[2]  # api/v1/<collection>/{id}/...
        parameters["id"] = scene["ids"].get(collection, parameters["id"])
    if "image_id" in parameters and sometimes(parameters["image_id"]):
        parameters["image_id"] = scene["image_id"]


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(case, scene):
    point_at_known_objects(case, scene)

    case.call_and_validate(headers=scene["headers"], checks=CHECKS)


def test_workflows_following_the_schemas_links_answer_as_the_schema_says(scene):
    """Stateful: create a listing, then read, change, replace it and its photos through the links of the
    schema (api.schema.LINKS), a few short scenarios."""

    class Workflow(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": scene["headers"]}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    Workflow.run(
        settings=settings(
            max_examples=10,
            stateful_step_count=4,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
