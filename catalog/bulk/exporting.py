"""A supplier's listings in the import format (CSV or XLSX), and the empty template with its example row.

An export imported again changes nothing (tests/catalog/bulk/test_round_trip.py): every column is written
as the import reads it. The photos column is left empty, which the import reads as "keep the photos".
Text that a spreadsheet would run as a formula is neutralised: in CSV by marketplace.csv_export's
apostrophe (which the import takes off again), in XLSX by writing the cell as a string, never a formula.
"""

import io

from catalog.models import Product
from marketplace import csv_export

from .columns import COLUMN_NAMES, MAX_TIERS, example_row


def listing_rows(supplier):
    """One list of cells per listing with a SKU (the import keys rows by it), in COLUMN_NAMES order."""
    products = (
        Product.objects.filter(supplier=supplier)
        .exclude(sku="")
        .select_related("category")
        .prefetch_related("price_tiers", "materials")
        .order_by("sku")
    )
    for product in products.iterator(chunk_size=500):
        tiers = product.tiers()
        cells = {
            "sku": product.sku,
            "title": product.title,
            "description": product.description,
            "category": product.category.slug,
            "materials": ";".join(sorted(material.name for material in product.materials.all())),
            "origin_region": product.origin_region,
            "hs_code": product.hs_code,
            "moq": product.moq,
            "unit": product.unit,
            "lead_time_days": product.lead_time_days,
            "monthly_capacity": product.monthly_capacity,
            "stock_on_hand": product.stock_on_hand,
            "sample_available": "yes" if product.sample_available else "no",
            "sample_price": product.sample_price,
            "incoterms": ";".join(product.incoterms),
            "customisation": product.customisation,
            "status": product.status,
            "photos": "",
        }
        for number in range(1, MAX_TIERS + 1):
            tier = tiers[number - 1] if number <= len(tiers) else None
            cells[f"tier{number}_min_quantity"] = tier.min_quantity if tier else None
            cells[f"tier{number}_unit_price"] = tier.unit_price if tier else None
        yield [cells[name] for name in COLUMN_NAMES]


def as_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv_export.writer(out)
    writer.writerow(COLUMN_NAMES)
    writer.writerows(rows)
    # With a BOM, Excel opens the file as UTF-8 (Urdu titles stay readable); the import skips it.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(rows) -> bytes:
    from openpyxl import Workbook  # installed with Wagtail; imported only when an XLSX is asked for
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("listings")

    def text_cell(value):
        # Typed as a string, so a title "=1+1" stays text and never becomes a formula.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    sheet.append([text_cell(name) for name in COLUMN_NAMES])
    for row in rows:
        sheet.append([text_cell(value) if isinstance(value, str) else value for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_rows():
    return [example_row()]
