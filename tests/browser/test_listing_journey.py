"""Browser journey: an artisan on a phone lists a product with a photo and two tiers; a buyer finds it."""

import pytest

from tests.factories import CategoryFactory, MembershipFactory, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_artisan_lists_a_product_with_photo_and_tiers_and_buyer_sees_the_tiers(
    live_server, page, audit, login, tmp_path
):
    CategoryFactory(name="Ceramics", slug="ceramics")
    artisan = MembershipFactory().user
    photo = tmp_path / "planter.jpg"
    photo.write_bytes(image_bytes(size=(400, 300)))

    login(page, artisan)
    page.goto(f"{live_server.url}/sell/")
    audit(page)
    page.get_by_role("link", name="Add a product").click()
    audit(page)
    page.get_by_label("Title").fill("Blue pottery planter with drainage hole")
    page.get_by_label("Description").fill("Hand-painted Multani blue pottery planter, 20 cm.")
    page.get_by_label("Category").select_option(label="Ceramics")
    page.get_by_label("Origin region").select_option(label="Punjab")
    page.get_by_label("HS code").fill("691390")
    page.get_by_label("Minimum order quantity").fill("20")
    page.get_by_label("Lead time (days)").fill("30")
    page.get_by_label("Monthly capacity").fill("400")
    page.get_by_label("FOB – Free on Board").check()
    page.get_by_label("Status").select_option("published")
    page.get_by_label("Tier 1 from quantity").fill("20")
    page.get_by_label("Tier 1 unit price").fill("14.00")
    page.get_by_label("Tier 2 from quantity").fill("100")
    page.get_by_label("Tier 2 unit price").fill("11.50")
    page.get_by_label("Add photos").set_input_files(str(photo))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved “Blue pottery planter with drainage hole”").wait_for()
    audit(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/products/")
    audit(page)
    page.get_by_role("link", name="Blue pottery planter with drainage hole").click()
    audit(page)
    tiers = page.get_by_role("table", name="Quantity price tiers")
    assert "20+" in tiers.inner_text() and "14.00 USD" in tiers.inner_text()
    assert "100+" in tiers.inner_text() and "11.50 USD" in tiers.inner_text()
    assert page.locator("img[srcset]").count() >= 1
