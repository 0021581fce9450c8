"""The dry run's report: each kind of bad input named by line, column and a message in plain words."""

import pytest

from catalog.bulk.columns import COLUMN_NAMES
from catalog.bulk.photos import open_photos
from catalog.bulk.reading import UnreadableFile, read_table
from catalog.bulk.validation import check_table
from catalog.models import Product

from .factories import csv_upload, photo, row, xlsx_upload, zip_upload

pytestmark = pytest.mark.django_db


def report_of(supplier, upload, photos=None):
    archive = open_photos(photos) if photos is not None else None
    return check_table(supplier, read_table(upload), archive)


def issues_by_line(report):
    found = {}
    for issue in report.issues:
        found.setdefault(issue.line, []).append(issue)
    return found


ONE_OF_EACH = [
    row("OK-1", photos="front.jpg"),  # line 2: valid
    row("CAT-1", category="ceramix"),  # line 3
    row("TIER-1", tier2_min_quantity="50", tier2_unit_price="14.00"),  # line 4: dearer at 50+
    row("PHOTO-1", photos="missing.jpg"),  # line 5
    row("BIG-1", description="x" * 6_000_000),  # line 6: a 6 MB cell
    row("FORMULA-1", title='=HYPERLINK("https://evil.example")'),  # line 7
    row("OK-1"),  # line 8: the SKU of line 2 again
    row("MOQ-1", moq="0", tier1_min_quantity="0"),  # line 9
    row("HS-1", hs_code="12ab"),  # line 10
    row("PRICE-1", tier1_unit_price="12.505"),  # line 11
]


def test_a_csv_with_one_of_each_error_kind_is_reported_row_by_row(supplier):
    report = report_of(supplier, csv_upload(ONE_OF_EACH), zip_upload({"front.jpg": photo()}))
    by_line = issues_by_line(report)

    assert 2 not in by_line
    [category] = by_line[3]
    assert category.column == "category" and category.value == "ceramix"
    assert "Unknown category" in category.message and "“ceramics”" in category.message
    [tier] = by_line[4]
    assert tier.column == "tier1_min_quantity" and "cannot cost more per unit" in tier.message
    [missing] = by_line[5]
    assert missing.column == "photos" and "“missing.jpg” is not in the photos ZIP" in missing.message
    [big] = by_line[6]
    assert big.column == "description" and "6,000,000 characters; the limit is 10,000" in big.message
    assert len(big.value) <= 61  # the report shows the start of the cell, not 6 MB
    [formula] = by_line[7]
    assert formula.column == "title" and "formula" in formula.message
    [duplicate] = by_line[8]
    assert duplicate.column == "sku" and "already on line 2" in duplicate.message
    assert {(i.column, "quantity from 1" in i.message) for i in by_line[9]} >= {("moq", True)}
    [hs_code] = by_line[10]
    assert hs_code.column == "hs_code" and "4, 6, 8 or 10 digits" in hs_code.message
    [price] = by_line[11]
    assert price.column == "tier1_unit_price" and "decimals" in price.message
    assert [r.action for r in report.rows] == ["create"] + ["invalid"] * 9


def test_an_xlsx_formula_cell_and_an_unknown_category_are_reported(supplier):
    upload = xlsx_upload([row("A-1", monthly_capacity="=10*50"), row("A-2", category="Ceramic")])
    by_line = issues_by_line(report_of(supplier, upload))

    [formula] = by_line[2]
    assert (formula.column, formula.value) == ("monthly_capacity", "=10*50")
    assert "formula" in formula.message
    [category] = by_line[3]
    assert category.column == "category" and "Did you mean “ceramics”?" in category.message


def test_xlsx_numbers_typed_as_numbers_are_read_as_the_values_shown(supplier):
    upload = xlsx_upload([row("N-1", moq=10, tier1_min_quantity=10, tier1_unit_price=12.5, hs_code=691390)])
    report = report_of(supplier, upload)
    assert report.issues == []
    [planned] = report.rows
    assert planned.values["moq"] == 10 and planned.tiers[0] == (10, 12.5)


def test_missing_and_unknown_columns_are_reported_on_line_1_and_no_row_is_applicable(supplier):
    header = [name for name in COLUMN_NAMES if name != "moq"] + ["colour", "titel"]
    report = report_of(supplier, csv_upload([row()], header=header))

    found = {(issue.line, issue.column): issue.message for issue in report.issues}
    assert "missing" in found[(1, "moq")]
    assert found[(1, "colour")] == "Unknown column."
    assert "Did you mean “title”?" in found[(1, "titel")]
    assert [r.action for r in report.rows] == ["invalid"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,  # an image renamed .csv
        b"%PDF-1.7\n\x00\x01binary",  # a PDF
        b"PK\x03\x04 not really a zip",  # a broken ZIP
    ],
)
def test_a_file_that_is_not_csv_or_xlsx_by_content_is_refused_in_plain_words(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(UnreadableFile) as refused:
        read_table(SimpleUploadedFile("listings.csv", content))
    assert "not a CSV or XLSX" in refused.value.message or "not an XLSX" in refused.value.message


def test_a_zip_that_is_not_a_workbook_is_refused():
    with pytest.raises(UnreadableFile) as refused:
        read_table(zip_upload({"hello.txt": b"hi"}, name="listings.xlsx"))
    assert "not an XLSX workbook" in refused.value.message


def test_a_photo_that_is_not_an_image_is_reported_for_its_row(supplier):
    report = report_of(supplier, csv_upload([row(photos="fake.jpg")]), zip_upload({"fake.jpg": b"<html>"}))
    [issue] = report.issues
    assert issue.column == "photos" and "not a photo we can read" in issue.message


def test_the_dry_run_saves_nothing(supplier):
    report_of(supplier, csv_upload([row("A"), row("B")]))
    assert not Product.objects.exists()


@pytest.mark.parametrize("typed", ["1e999999999", "NaN", "Infinity", "12.5", "-3", "99999999999"])
def test_numbers_out_of_range_or_not_whole_are_reported_not_crashed_on(supplier, typed):
    report = report_of(supplier, csv_upload([row(monthly_capacity=typed)]))
    [issue] = report.issues
    assert issue.column == "monthly_capacity" and issue.line == 2
    assert "whole number" in issue.message
