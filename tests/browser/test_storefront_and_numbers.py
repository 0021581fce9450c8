"""Part D at 360 px, in English and Urdu: the seller dashboard with its numbers and charts, and the storefront
editor, from editing to "awaiting review"; no page scrolls sideways and every page passes axe."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.onboarding_models import ViewCount
from cms import services
from tests.factories import MembershipFactory, ProductFactory

from .test_phone_layout import check, log_in, phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ur"])
def test_an_artisan_sees_their_numbers_and_sends_their_story_for_review(
    live_server, browser, audit, language
):
    services.ensure_home()
    membership = MembershipFactory(
        role="owner", supplier__name="Naqsh Women Potters of Multan and Bahawalpur"
    )
    supplier = membership.supplier
    storefront = services.ensure_storefront(supplier)
    product = ProductFactory(supplier=supplier, title="Hand-painted cobalt blue pottery planter, 20 cm")
    today = timezone.localdate()
    for days_ago in range(0, 30, 3):
        ViewCount.objects.create(
            kind="product",
            supplier=supplier,
            product=product,
            day=today - timedelta(days=days_ago),
            count=days_ago + 1,
        )
    base = live_server.url
    page = phone(browser, language)
    log_in(page, base, membership.user)
    check(page, base + reverse("sell:dashboard"), audit)
    assert page.locator("svg[role=img]").count() >= 4

    check(page, base + reverse("storefront-editing:edit"), audit)
    form = page.locator("main form.stacked")
    form.locator("[name='story-0-text']").fill("Three generations of women paint our pottery by hand.")
    form.locator(f"[name=featured][value='{product.pk}']").check()
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".storefront-status .badge.warn").count() == 1  # awaiting review
    check(page, page.url, audit)
    storefront.refresh_from_db()
    assert storefront.has_unpublished_changes and len(storefront.story) == 0
    page.context.close()
