"""Dispute photos move to the private storage (marketplace.files): out of MEDIA_ROOT/disputes/, where /media/
served them to anyone, to random names in STORAGES["private"], re-encoded without their metadata (GPS) on the
way when they pass today's photo checks. Each photo keeps the name it had as its `name`, the download's name.

Reversible: going back moves the files to the default (public) storage under disputes/, where the old code
looks for them, and so exposes them again as before this migration; re-encoded photos stay re-encoded.
"""

import os

from django.db import migrations, models

import marketplace.files

FOLDER = "disputes"


def to_private_storage(apps, schema_editor):
    from django.core.files.storage import storages

    from catalog.photos import clean_stored_photo

    DisputePhoto = apps.get_model("orders", "DisputePhoto")
    for photo in DisputePhoto.objects.filter(name="").exclude(image=""):
        DisputePhoto.objects.filter(pk=photo.pk).update(name=os.path.basename(photo.image.name)[:200])
    marketplace.files.move_files(
        DisputePhoto,
        "image",
        storages["default"],
        storages["private"],
        upload_to=marketplace.files.RandomName(FOLDER),
        transform=clean_stored_photo,
    )


def back_to_public_storage(apps, schema_editor):
    from django.core.files.storage import storages

    marketplace.files.move_files(
        apps.get_model("orders", "DisputePhoto"),
        "image",
        storages["private"],
        storages["default"],
        upload_to=lambda instance, name: f"{FOLDER}/{os.path.basename(name)}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0006_order_line_quantity_limit"),
    ]

    operations = [
        migrations.AddField(
            model_name="disputephoto",
            name="name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="disputephoto",
            name="image",
            field=marketplace.files.PrivateFileField(upload_to=marketplace.files.RandomName("disputes")),
        ),
        migrations.RunPython(to_private_storage, back_to_public_storage),
    ]
