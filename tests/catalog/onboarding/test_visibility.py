"""Nothing of an unapproved supplier is public: a published listing of theirs is on no product page, search
result or API answer until a curator approves them; then it is."""

import pytest
from django.test import Client
from django.utils import timezone

from catalog.onboarding import decisions
from tests.factories import ProductFactory, VerificationLevelFactory

from .factories import submitted_application

pytestmark = pytest.mark.django_db


def search_page(client):
    return client.get("/search/", {"q": "patti"}).content.decode()


def test_an_unapproved_suppliers_published_listing_is_hidden_until_approval(
    client, curator, buyer, django_capture_on_commit_callbacks
):
    api = Client()
    api.force_login(buyer)
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):  # the search index is updated after commits
        product = ProductFactory(supplier=application.supplier, title="Patti shawl", status="published")
    assert client.get(product.get_absolute_url()).status_code == 404
    assert "Patti shawl" not in search_page(client)
    assert "Patti shawl" not in api.get("/api/v1/products/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve_application(
            curator,
            application.pk,
            level=VerificationLevelFactory(),
            method="self_declared",
            checked_on=timezone.localdate(),
        )
    assert client.get(product.get_absolute_url()).status_code == 200
    assert "Patti shawl" in search_page(client)
    assert "Patti shawl" in api.get("/api/v1/products/").content.decode()


def test_the_applicant_drafts_a_listing_for_the_inactive_supplier(client_for):
    from catalog.models import Product
    from tests.catalog.test_sell import product_form
    from tests.factories import CategoryFactory

    application = submitted_application()
    data = product_form(CategoryFactory(), supplier=application.supplier.pk)
    response = client_for(application.applicant).post("/sell/products/new/", data)
    assert response.status_code == 302
    assert Product.objects.get().supplier == application.supplier
