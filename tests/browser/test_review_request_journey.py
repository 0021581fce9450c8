"""On a 360 px phone, an artisan whose listing a curator hid reads the reason and asks for a review; the page
passes axe and never scrolls sideways (issue 22, curation)."""

import pytest

from catalog import services
from catalog.models import ReviewRequest
from tests.browser.viewports import FITS
from tests.factories import MembershipFactory, ProductFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_artisan_asks_for_review_of_a_hidden_listing_on_a_phone(page, live_server, login, audit):
    artisan = MembershipFactory(role="owner").user
    curator = UserFactory(is_superuser=True, is_staff=True)
    product = ProductFactory(supplier=artisan.memberships.get().supplier, title="Hand-knotted Gilgit rug")
    services.hide_product(product.pk, curator, "The photos show a machine-made rug.")

    login(page, artisan)
    page.goto(f"{live_server.url}/sell/products/{product.pk}/")
    assert page.get_by_text("The photos show a machine-made rug.").is_visible()
    page.get_by_role("link", name="I fixed it: ask for a review").click()
    page.wait_for_load_state()
    audit(page)
    assert page.evaluate(FITS)

    page.get_by_role("button", name="Ask for a review").click()  # empty: refused, the form stays
    page.wait_for_load_state()
    assert page.get_by_text("This field is required.").is_visible()
    page.get_by_label("What did you change?").fill("New photos of the rug on my own loom.")
    page.get_by_role("button", name="Ask for a review").click()
    page.wait_for_load_state()
    assert page.get_by_text("A curator will answer here.").is_visible()
    audit(page)
    assert page.evaluate(FITS)
    assert ReviewRequest.objects.get(product=product).note == "New photos of the rug on my own loom."
