"""Stored facet bitmaps start with a byte saying their form (search.bitmaps.pack): a dense bitmap, or the
ids of a sparse value (4 bytes each), so the supplier facet's thousands of values stay small at a million
products. Existing rows are all dense bitmaps: they get the dense tag; going back decodes either form."""

from django.db import migrations

DENSE, SPARSE = b"\x00", b"\x01"


def tag(apps, schema_editor):
    bitmap_model = apps.get_model("product_search", "SearchBitmap")
    rows = list(bitmap_model.objects.all())
    for row in rows:
        row.bits = DENSE + bytes(row.bits)
    bitmap_model.objects.bulk_update(rows, ["bits"], batch_size=200)


def untag(apps, schema_editor):
    import struct

    bitmap_model = apps.get_model("product_search", "SearchBitmap")
    rows = list(bitmap_model.objects.all())
    for row in rows:
        data = bytes(row.bits)
        if data[:1] == SPARSE:
            ids = struct.unpack(f"<{(len(data) - 1) // 4}I", data[1:])
            buffer = bytearray(max(ids, default=0) // 8 + 1)
            for i in ids:
                buffer[i >> 3] |= 1 << (i & 7)
            row.bits = bytes(buffer)
        else:
            row.bits = data[1:]
    bitmap_model.objects.bulk_update(rows, ["bits"], batch_size=200)


class Migration(migrations.Migration):
    dependencies = [("product_search", "0006_title_prefix_index")]

    operations = [migrations.RunPython(tag, untag)]
