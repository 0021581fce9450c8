"""Export and template: the import's format; an export imported again changes nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.bulk import services
from catalog.bulk.columns import COLUMN_NAMES
from catalog.bulk.reading import read_table
from catalog.models import Product
from tests.factories import MaterialFactory, ProductFactory

from .factories import photo, zip_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(supplier, ceramics, clay):
    glaze = MaterialFactory(name="Glaze")
    plain = ProductFactory(
        supplier=supplier, sku="BP-1", category=ceramics, tiers=[(10, "12.50"), (50, "10.80"), (200, "9.90")]
    )
    plain.materials.set([clay, glaze])
    tricky = ProductFactory(
        supplier=supplier, sku="=SKU", title="=HYPERLINK(\"https://evil.example\")", category=ceramics,
        description="-5% off; «جی ہاں» اردو\nsecond line", customisation="+private label", stock_on_hand=40,
        sample_available=True, sample_price=Decimal("0.00"), incoterms=[], status="draft", published_at=None,
        hs_code="6913900010",
    )  # fmt: skip
    return [plain, tricky]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_imported_again_changes_nothing(owner_client, owner, supplier, listings, kind):
    before = {
        p.sku: (p.updated_at, list(p.price_tiers.values_list("pk", flat=True))) for p in Product.objects.all()
    }
    response = owner_client.get(reverse(f"sell:export-{kind}"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]

    exported = SimpleUploadedFile(f"export.{kind}", response.content)
    job = services.start_import(actor=owner, supplier=supplier, table=exported)

    assert job.report["issues"] == []
    assert job.counts == {"create": 0, "change": 0, "unchanged": 2, "invalid": 0}
    assert {
        p.sku: (p.updated_at, list(p.price_tiers.values_list("pk", flat=True))) for p in Product.objects.all()
    } == before


def test_csv_export_neutralises_cells_a_spreadsheet_would_run(owner_client, listings):
    text = owner_client.get(reverse("sell:export-csv")).content.decode("utf-8-sig")
    assert "'=SKU" in text and "'=HYPERLINK" in text and "'+private label" in text and "'-5% off" in text


def test_xlsx_export_writes_formula_like_text_as_text(owner_client, listings):
    from openpyxl import load_workbook

    content = owner_client.get(reverse("sell:export-xlsx")).content
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    cells = [cell for line in sheet.iter_rows() for cell in line if isinstance(cell.value, str)]
    assert any(cell.value.startswith("=HYPERLINK") for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)


def test_another_suppliers_listings_are_not_exported(owner_client, listings, ceramics):
    ProductFactory(sku="RIVAL-1", category=ceramics)
    assert b"RIVAL-1" not in owner_client.get(reverse("sell:export-csv")).content


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_has_every_column_and_an_example_row_that_passes(owner_client, owner, supplier, kind):
    response = owner_client.get(reverse(f"sell:template-{kind}"))
    table = read_table(SimpleUploadedFile(f"t.{kind}", response.content))
    assert table.header == COLUMN_NAMES and len(table.rows) == 1
    # The example names materials "Clay;Glaze" and two photos: with those, the example row is valid as it is.
    MaterialFactory(name="Glaze")
    photos = zip_upload({"vase-front.jpg": photo(), "vase-side.jpg": photo()})
    job = services.start_import(
        actor=owner, supplier=supplier, table=SimpleUploadedFile(f"t.{kind}", response.content), photos=photos
    )
    assert job.report["issues"] == [] and job.counts["create"] == 1


def test_the_import_page_lists_the_columns_and_rules(owner_client):
    page = owner_client.get(reverse("sell:import")).content.decode()
    for name in ("sku", "tier1_min_quantity", "photos"):
        assert f"<code>{name}</code>" in page
    assert "Up to 5 tiers" in page
