"""Attachments move to the private storage (marketplace.files): out of MEDIA_ROOT/private/trade/, where /media/
served them to anyone, to random names in STORAGES["private"]; image attachments are re-encoded without their
metadata on the way when they pass today's photo checks.

Reversible: going back moves the files to the default (public) storage under private/trade/, where the old
code looks for them, and so exposes them again as before this migration; re-encoded images stay re-encoded.
"""

import os

from django.db import migrations

import marketplace.files

FOLDER = "trade"


def to_private_storage(apps, schema_editor):
    from django.core.files.storage import storages

    from catalog.photos import clean_stored_photo

    marketplace.files.move_files(
        apps.get_model("trade", "Attachment"),
        "file",
        storages["default"],
        storages["private"],
        upload_to=marketplace.files.RandomName(FOLDER),
        transform=clean_stored_photo,
    )


def back_to_public_storage(apps, schema_editor):
    from django.core.files.storage import storages

    marketplace.files.move_files(
        apps.get_model("trade", "Attachment"),
        "file",
        storages["private"],
        storages["default"],
        upload_to=lambda instance, name: f"private/trade/{os.path.basename(name)}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0002_quantity_price_and_country_checks"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=marketplace.files.PrivateFileField(upload_to=marketplace.files.RandomName("trade")),
        ),
        migrations.RunPython(to_private_storage, back_to_public_storage),
    ]
