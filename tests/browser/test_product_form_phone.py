"""Issue 22, the product form on a 360 px phone: "samples available" is a checkbox row (the box, its label
beside it, the row at least 44 px tall and the label a touch target for the box), and each price says its
currency beside the box. The page fits the screen and passes axe."""

import pytest
from django.urls import reverse

from cms import services
from tests.factories import MembershipFactory, SupplierFactory

from .test_phone_layout import check, log_in, phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOX = "el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"


@pytest.mark.parametrize("language", ["en", "ur"])
def test_samples_available_is_a_checkbox_row_and_prices_show_the_currency(
    live_server, browser, audit, language
):
    services.ensure_home()
    supplier = SupplierFactory(name="Multan Blue Pottery Works", currency="PKR")
    artisan = MembershipFactory(supplier=supplier, role="owner").user
    page = phone(browser, language)
    log_in(page, live_server.url, artisan)
    check(page, live_server.url + reverse("sell:product-create"), audit)

    box = page.locator("#id_sample_available")
    label = page.locator("label[for=id_sample_available]")
    box_left, box_top, box_right, box_bottom = box.evaluate(BOX)
    label_left, label_top, label_right, label_bottom = label.evaluate(BOX)
    # A box, not a stretched text-input-like block; its label on the same row, after it in reading order.
    assert box_right - box_left < 40
    assert label_top < box_bottom and box_top < label_bottom, "the label is not beside the box"
    if language == "ur":
        assert label_right <= box_left + 1
    else:
        assert label_left >= box_right - 1
    assert label_bottom - label_top >= 44, "the label is too small a touch target"
    # The label's far end toggles the box, as a thumb would.
    label.tap(position={"x": (label_right - label_left) - 10, "y": 22})
    assert box.is_checked()

    for price in ["#id_sample_price", "#id_tiers-0-unit_price"]:
        suffix = page.locator(f"{price} + .suffix")
        assert suffix.inner_text() == "PKR" and suffix.is_visible()
        left, _top, right, _bottom = suffix.evaluate(BOX)
        assert left >= 0 and right <= 360, f"{price}'s currency is off the screen"
    if language == "en":  # the Urdu label says it in Urdu
        assert page.get_by_label("Tier 1 unit price (PKR)").count() == 1
    page.context.close()
