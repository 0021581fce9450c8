"""What the trade flows add to other apps' pages through slots (orders/trade/slots.py), and what it costs."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from orders.trade.models import Thread
from tests.factories import ProductFactory

from .factories import ThreadFactory

pytestmark = pytest.mark.django_db


def html_of(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_product_page_links_the_inquiry_and_rfq_forms(supplier):
    product = ProductFactory(supplier=supplier)
    html = html_of(product.get_absolute_url())
    assert f'href="/inbox/new/?supplier={supplier.slug}&amp;product={product.slug}"' in html
    assert f'href="/rfqs/new/?product={product.slug}"' in html


def test_the_product_page_shows_new_responsiveness_figures_once_they_are_recomputed(supplier):
    product = ProductFactory(supplier=supplier)
    assert "New to inquiries" in html_of(product.get_absolute_url())
    asked = timezone.now() - timedelta(days=1)
    thread = ThreadFactory(supplier=supplier)
    Thread.objects.filter(pk=thread.pk).update(created_at=asked, first_response_at=asked + timedelta(hours=5))

    cache.delete(f"trade:responsiveness:{supplier.pk}")  # the figures' own cache expires

    html = html_of(product.get_absolute_url())
    assert "Answers 100% of inquiries and RFQs" in html and "New to inquiries" not in html


def test_the_storefront_and_cluster_pages_link_the_inquiry_and_capacity_forms(supplier, cluster):
    from cms import services

    services.ensure_home()
    services.ensure_storefront(supplier)
    services.ensure_cluster_page(cluster)

    storefront = html_of(supplier.storefront_url)
    assert f'<a class="button" href="/inbox/new/?supplier={supplier.slug}">Send an inquiry</a>' in storefront
    cluster_page = html_of(cluster.get_absolute_url())
    assert f'href="/clusters/{cluster.slug}/subcontract/">Ask this cluster for capacity</a>' in cluster_page


def test_the_header_and_seller_dashboard_link_inbox_and_rfqs(client_for, artisan):
    client = client_for(artisan)
    header = html_of("/products/", client)
    nav = re.search(r'<ul class="nav">.*?</ul>', header, re.S).group(0)
    links = [href for href in re.findall(r'href="([^"]+)"', nav) if href != "/accounts/api-tokens/"]
    assert links == ["/products/", "/clusters/", "/inbox/", "/rfqs/", "/orders/",
                                                  "/cart/", "/sell/", "/accounts/profile/"]  # fmt: skip
    dashboard = html_of("/sell/", client)
    seller_nav = re.search(r'<nav aria-label="Seller pages">.*?</nav>', dashboard, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', seller_nav) == [
        "/sell/rfqs/", "/sell/quotes/", "/sell/subcontracting/",
        "/sell/leads/",  # the leads' follow-up pipeline (issue 20)
        "/sell/orders/", "/sell/balance/", "/inbox/",
        "/sell/leads/new/",  # capture a lead at the booth, one tap from the dashboard (issue 20)
        "/sell/storefront/",  # the storefront editor (cms.storefront_editing)
        "/sell/listings/import/",  # bulk listings import and export (catalog.bulk)
        "/sell/members/",  # an owner's (catalog.members)
    ]  # fmt: skip
