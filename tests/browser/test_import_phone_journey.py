"""An owner on a 360 px phone imports an XLSX with two bad rows, reads the report, applies the good rows:
every page passes axe and none scrolls sideways."""

import pytest

from catalog.models import Product
from tests.browser.viewports import check
from tests.catalog.bulk.factories import row, xlsx_upload
from tests.factories import CategoryFactory, MaterialFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_owner_imports_on_a_phone(page, login, audit, live_server, supplier):
    CategoryFactory(name="Ceramics", slug="ceramics")  # what the rows name (tests/catalog/bulk/factories.py)
    MaterialFactory(name="Clay")
    owner = MembershipFactory(supplier=supplier, role="owner").user
    rows = [row(f"SKU-{n}") for n in range(8)]
    rows[3] = row("SKU-3", category="ceramix")
    rows[6] = row("SKU-6", tier2_unit_price="99.00")
    upload = xlsx_upload(rows)
    login(page, owner)

    page.goto(f"{live_server.url}/sell/listings/import/")
    check(page, audit)
    page.locator("input[name=table]").set_input_files(
        {"name": "listings.xlsx", "mimeType": "application/octet-stream", "buffer": upload.read()}
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert "Did you mean “ceramics”?" in page.content()
    check(page, audit)

    page.get_by_role("button", name="Apply the valid rows").click()
    page.wait_for_load_state()
    assert "6 created" in page.content()
    check(page, audit)
    assert Product.objects.filter(supplier=supplier).count() == 6
