"""Listings files for the import tests: rows as the template's columns, written as CSV, XLSX or a ZIP."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.bulk.columns import COLUMN_NAMES
from tests.factories import image_bytes


def row(sku="BP-1", **values):
    """A valid row (as a dict by column) for category "ceramics" and material "Clay"; override any cell."""
    cells = {
        "sku": sku,
        "title": f"Blue pottery vase {sku}",
        "description": "Multani blue pottery, glazed and kiln-fired.",
        "category": "ceramics",
        "materials": "Clay",
        "origin_region": "punjab",
        "hs_code": "6913.90",
        "moq": "10",
        "unit": "piece",
        "lead_time_days": "30",
        "monthly_capacity": "500",
        "sample_available": "yes",
        "sample_price": "15.00",
        "incoterms": "FOB;EXW",
        "customisation": "Custom colours",
        "status": "draft",
        "tier1_min_quantity": "10",
        "tier1_unit_price": "12.50",
        "tier2_min_quantity": "50",
        "tier2_unit_price": "10.80",
    }
    cells.update(values)
    return cells


def as_lists(rows, header=COLUMN_NAMES):
    return [list(header)] + [[r.get(name, "") for name in header] for r in rows]


def csv_upload(rows, header=COLUMN_NAMES, name="listings.csv"):
    # Written by hand, not through marketplace.csv_export: these files must be able to hold formulas.
    text = "".join(",".join(_quoted(cell) for cell in line) + "\r\n" for line in as_lists(rows, header))
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _quoted(cell):
    cell = str(cell)
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


def xlsx_upload(rows, header=COLUMN_NAMES, name="listings.xlsx"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in as_lists(rows, header):
        sheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def zip_upload(files, name="photos.zip", compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for filename, content in files.items():
            archive.writestr(filename, content)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/zip")


def photo(color=(180, 70, 30)):
    return image_bytes(color=color)
