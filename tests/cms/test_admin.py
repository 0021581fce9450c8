"""The curators' Wagtail admin, through HTTP: who gets in, hiding a listing, and pages for new snippets."""

import pytest

from catalog.models import Product
from cms.models import ClusterPage, SupplierPage
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

HIDE_URL = "/admin/catalog/moderation/{}/hide/"
UNHIDE_URL = "/admin/catalog/moderation/{}/unhide/"


@pytest.fixture
def product(supplier):
    return ProductFactory(supplier=supplier, title="Blue pottery planter with drainage hole")


def test_curator_reaches_the_admin_and_the_catalog_listings(client_for, admin_curator, product):
    client = client_for(admin_curator)

    assert client.get("/admin/").status_code == 200
    for model in [
        "product",
        "supplier",
        "cluster",
        "category",
        "certification",
        "certificationtype",
        "verificationlevel",
        "material",
    ]:
        response = client.get(f"/admin/snippets/catalog/{model}/")
        assert response.status_code == 200, model
    assert (
        "Blue pottery planter with drainage hole"
        in client.get("/admin/snippets/catalog/product/").content.decode()
    )


def test_product_listing_filters_hidden_listings(client_for, admin_curator, product, supplier):
    ProductFactory(supplier=supplier, title="Hidden camel skin lamp", hidden_by_curator=True)

    html = (
        client_for(admin_curator)
        .get("/admin/snippets/catalog/product/?hidden_by_curator=true")
        .content.decode()
    )

    assert "Hidden camel skin lamp" in html
    assert "Blue pottery planter with drainage hole" not in html


def test_curator_hides_a_listing_with_a_reason(client_for, admin_curator, product):
    client = client_for(admin_curator)
    assert client.get(HIDE_URL.format(product.pk)).status_code == 200

    response = client.post(HIDE_URL.format(product.pk), {"reason": "Photos show a different item."})

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.hidden_by_curator is True
    assert product.hidden_reason == "Photos show a different item."
    assert product.pk not in Product.objects.visible().values_list("pk", flat=True)


def test_hiding_without_a_reason_is_a_form_error_and_changes_nothing(client_for, admin_curator, product):
    response = client_for(admin_curator).post(HIDE_URL.format(product.pk), {"reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    product.refresh_from_db()
    assert product.hidden_by_curator is False


def test_curator_unhides_a_listing(client_for, admin_curator, product):
    client = client_for(admin_curator)
    client.post(HIDE_URL.format(product.pk), {"reason": "Wrong photos."})

    response = client.post(UNHIDE_URL.format(product.pk))

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.hidden_by_curator is False


def test_hiding_an_unknown_product_is_404(client_for, admin_curator):
    assert client_for(admin_curator).post(HIDE_URL.format(999999), {"reason": "x"}).status_code == 404


# Operators enter the admin for their Operations menu; tests/orders/test_backoffice_access.py proves they see
# and reach none of the curators' screens.
@pytest.mark.parametrize("actor", ["buyer", "artisan"])
def test_non_curators_are_refused_the_admin(request, client_for, actor):
    client = client_for(request.getfixturevalue(actor))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("actor", ["buyer", "artisan", "operator"])
def test_non_curators_cannot_hide_a_listing(request, client_for, actor, product):
    client = client_for(request.getfixturevalue(actor))

    response = client.post(HIDE_URL.format(product.pk), {"reason": "I do not like it."})

    assert response.status_code in (302, 403)
    product.refresh_from_db()
    assert product.hidden_by_curator is False


def test_admin_user_who_is_not_a_curator_is_turned_away_from_moderation(client_for, operator, product):
    from django.contrib.auth.models import Permission

    operator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(operator)

    # Wagtail turns PermissionDenied inside the admin into a redirect to the dashboard with an error message.
    for response in [
        client.get(HIDE_URL.format(product.pk)),
        client.post(HIDE_URL.format(product.pk), {"reason": "x"}),
        client.post(UNHIDE_URL.format(product.pk)),
    ]:
        assert response.status_code == 302 and response["Location"] == "/admin/"
    product.refresh_from_db()
    assert product.hidden_by_curator is False


def test_artisan_cannot_unhide_their_own_hidden_listing_through_the_admin(client_for, artisan, supplier):
    hidden = ProductFactory(supplier=supplier, hidden_by_curator=True, hidden_reason="Counterfeit logo")

    client_for(artisan).post(UNHIDE_URL.format(hidden.pk))

    hidden.refresh_from_db()
    assert hidden.hidden_by_curator is True


def test_supplier_created_in_the_admin_gets_its_storefront(client_for, admin_curator, home):
    response = client_for(admin_curator).post(
        "/admin/snippets/catalog/supplier/add/",
        {
            "name": "Thar Rilli Women",
            "slug": "thar-rilli-women",
            "tagline": "",
            "size": "micro",
            "region": "sindh",
            "city": "Mithi",
            "currency": "USD",
            "women_led": "on",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    page = SupplierPage.objects.get(supplier__slug="thar-rilli-women")
    assert page.slug == "thar-rilli-women" and page.live
    assert client_for(admin_curator).get("/suppliers/thar-rilli-women/").status_code == 200


def test_cluster_created_in_the_admin_gets_its_page(client_for, admin_curator, home):
    response = client_for(admin_curator).post(
        "/admin/snippets/catalog/cluster/add/",
        {
            "name": "Swat embroidery",
            "slug": "swat-embroidery",
            "sector": "Embroidery",
            "region": "kp",
            "city": "Mingora",
            "summary": "Satin-stitch in bright silks.",
        },
    )

    assert response.status_code == 302
    assert ClusterPage.objects.get(cluster__slug="swat-embroidery").live


def test_curator_can_edit_a_storefront_page_in_the_admin(client_for, admin_curator, storefront):
    response = client_for(admin_curator).get(f"/admin/pages/{storefront.pk}/edit/")

    assert response.status_code == 200
