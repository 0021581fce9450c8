"""The demo loader: the marketplace it builds, its determinism, and --if-empty."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from catalog.models import Certification, Cluster, Product, Supplier, validate_tiers
from cms.demo.builder import build_demo
from cms.models import ClusterPage, CollectionPage, StoryPage, SupplierPage
from marketplace.accounts.models import User
from tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def log_in(client, email):
    """Through the login form, as a visitor would (the login throttle needs a request to count)."""
    return client.post(reverse("login"), {"username": email, "password": "demo-pass-2026"})


def _snapshot():
    return [
        (
            p.title,
            p.slug,
            p.supplier.name,
            [str(t.unit_price) for t in p.tiers()],
            [i.photo.file_hash for i in p.images.all()],
        )
        for p in Product.objects.select_related("supplier")
        .prefetch_related("price_tiers", "images__photo")
        .order_by("slug")
    ]


def _build_and_roll_back(products):
    try:
        with transaction.atomic():
            build_demo(products=products)
            snapshot = _snapshot()
            raise Rollback
    except Rollback:
        return snapshot


def test_demo_loader_is_deterministic():
    first = _build_and_roll_back(30)
    second = _build_and_roll_back(30)

    assert len(first) == 30
    assert first == second


def test_demo_loader_meets_the_counts_of_the_brief():
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert Cluster.objects.count() >= 12
    assert Supplier.objects.count() >= 40
    assert Supplier.objects.filter(women_led=True).exists() and Supplier.objects.filter(size="micro").exists()
    assert set(Supplier.objects.values_list("currency", flat=True)) == {"USD", "EUR", "GBP", "AED", "PKR"}
    assert Product.objects.count() == 300
    assert Product.objects.filter(status=Product.Status.DRAFT).exists()
    assert Product.objects.filter(hidden_by_curator=True).count() == 1
    assert Certification.objects.exclude(pk__in=Certification.objects.valid()).exists()
    assert Certification.objects.valid().exists()
    for product in Product.objects.prefetch_related("price_tiers", "images"):
        assert validate_tiers(product.moq, [(t.min_quantity, t.unit_price) for t in product.tiers()]) == []
        assert 1 <= len(product.images.all()) <= 3
        assert product.hs_code and product.incoterms
    # Every approved supplier has its storefront; the one applicant waiting in the queue has none yet.
    assert SupplierPage.objects.live().count() == Supplier.objects.active().count()
    assert Supplier.objects.filter(is_active=False, applications__state="submitted").count() == 1
    assert ClusterPage.objects.live().count() == Cluster.objects.count()
    assert CollectionPage.objects.live().count() >= 2
    assert StoryPage.objects.live().exists()
    assert "curator@demo.pk" in out.getvalue() and "demo-pass-2026" in out.getvalue()


def test_demo_logins_work_and_have_their_roles(client):
    build_demo(products=10)

    for email in ["curator@demo.pk", "buyer@demo.pk", "artisan@demo.pk", "operator@demo.pk"]:
        response = log_in(client, email)
        assert response.status_code == 302 and response.wsgi_request.user.email == email
    assert User.objects.get(email="curator@demo.pk").is_curator
    assert User.objects.get(email="operator@demo.pk").is_operator
    assert User.objects.get(email="buyer@demo.pk").buyer_company is not None
    artisan_supplier = User.objects.get(email="artisan@demo.pk").memberships.get().supplier
    assert artisan_supplier.women_led and artisan_supplier.size == "micro"


def test_demo_curator_can_open_the_admin_and_edit_pages(client):
    build_demo(products=10)
    log_in(client, "curator@demo.pk")

    assert client.get("/admin/").status_code == 200
    storefront = SupplierPage.objects.first()
    assert client.get(f"/admin/pages/{storefront.pk}/edit/").status_code == 200
    assert client.get("/admin/images/").status_code == 200


def test_demo_operator_lands_in_the_admin_with_the_operations_menu(client):
    build_demo(products=10)
    log_in(client, "operator@demo.pk")

    dashboard = client.get("/admin/").content.decode()

    assert '"label": "Operations"' in dashboard
    assert client.get("/admin/operations/orders/").status_code == 200


def test_if_empty_does_nothing_when_a_supplier_exists():
    SupplierFactory()
    out = io.StringIO()

    call_command("load_demo", "--if-empty", stdout=out)

    assert Product.objects.count() == 0
    assert "not loaded" in out.getvalue()
