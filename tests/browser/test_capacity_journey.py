"""Browser journey (issue 18): a capacity request whose offers fall short of the total is allocated
partially (the request kept open for the rest), the order gets its address, and the request is then closed
with the shortfall recorded; every number with its unit. Phone (360 px) and desktop (1366 px): every page fits
the viewport and passes axe."""

from decimal import Decimal

import pytest

from orders.models import Order
from orders.trade.models import SubcontractRequest
from tests.factories import BuyerFactory, ClusterFactory, SupplierFactory
from tests.trade.factories import CapacityOfferFactory, SubcontractRequestFactory

from .viewports import VIEWPORTS, check, close_page, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def short_request(db):
    """2,000 pieces asked of a cluster; one supplier offers 600 at 4.20 USD in 50 days."""
    cluster = ClusterFactory(name="Multan embroidery", slug="multan-embroidery")
    request = SubcontractRequestFactory(
        cluster=cluster, requester=BuyerFactory(preferred_currency="USD"), quantity=2000, currency="USD"
    )
    supplier = SupplierFactory(name="Naqsh Women Embroiderers of Multan", clusters=[cluster])
    CapacityOfferFactory(
        request=request, supplier=supplier, quantity=600, unit_price=Decimal("4.20"), lead_time_days=50
    )
    return request


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_capacity_request_with_offers_short_of_the_total_is_allocated_partially(
    live_server, browser, audit, login, short_request, viewport
):
    base, sub = live_server.url, short_request
    page = open_page(browser, viewport)
    login(page, sub.requester)

    page.goto(f"{base}/subcontracting/{sub.pk}/")
    check(page, audit)
    offer = page.locator(".offer-card")
    assert "600 pieces" in offer.inner_text() and "50 days" in offer.inner_text()
    page.get_by_label("Quantity from Naqsh Women Embroiderers of Multan (piece)").fill("600")
    page.get_by_label("Keep the request open for the rest").check()
    page.get_by_role("button", name="Confirm allocation and create the order").click()

    page.wait_for_url(f"{base}/orders/*/address/")
    check(page, audit)
    page.get_by_label("Name or company").fill("Anna Weber GmbH")
    page.get_by_label("Shipping address").fill("Hauptstrasse 1\n10115 Berlin")
    page.get_by_label("Country").select_option(label="Germany")
    page.get_by_role("button", name="Ship here").click()
    order = Order.objects.get()
    page.wait_for_url(f"{base}/orders/{order.pk}/")
    check(page, audit)
    assert page.get_by_role("button", name="Pay 2,520.00 USD by card").is_visible()

    page.goto(f"{base}/subcontracting/{sub.pk}/")
    check(page, audit)
    assert page.locator("#allocated-quantity").inner_text() == "600 pieces"
    assert page.locator("#remaining-quantity").inner_text() == "1,400 pieces"
    assert "stays open for the other 1,400 pieces" in page.locator(".allocation-outcome").inner_text()

    page.get_by_role("button", name="Close the request, 1,400 pieces short").click()
    page.wait_for_load_state()
    check(page, audit)
    assert "Closed with a shortfall of 1,400 pieces" in page.locator(".allocation-outcome").inner_text()
    sub.refresh_from_db()
    assert (sub.state, sub.shortfall, order.lines.get().quantity) == (
        SubcontractRequest.State.ALLOCATED,
        1400,
        600,
    )
    close_page(page)
