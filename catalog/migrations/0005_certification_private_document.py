"""Certification documents move to the private storage (marketplace.files): out of MEDIA_ROOT/certificates/,
where /media/ served them to anyone (an .html or .svg one as a page of our origin), to random names in
STORAGES["private"], downloaded by curators in the admin. Photos are re-encoded without their metadata on the
way; any other file (even HTML) is moved as it is, never lost: it can only be downloaded now, as an opaque
file. Each document keeps the name it had as `document_name`.

Reversible: going back moves the files to the default (public) storage under certificates/, where the old
code looks for them, and so exposes them again as before this migration.
"""

import os

from django.db import migrations, models

import catalog.models
import marketplace.files

FOLDER = "certificates"


def to_private_storage(apps, schema_editor):
    from django.core.files.storage import storages

    from catalog.photos import clean_stored_photo

    Certification = apps.get_model("catalog", "Certification")
    for certification in Certification.objects.filter(document_name="").exclude(document=""):
        Certification.objects.filter(pk=certification.pk).update(
            document_name=os.path.basename(certification.document.name)[:200]
        )
    marketplace.files.move_files(
        Certification,
        "document",
        storages["default"],
        storages["private"],
        upload_to=marketplace.files.RandomName(FOLDER),
        transform=clean_stored_photo,
    )


def back_to_public_storage(apps, schema_editor):
    from django.core.files.storage import storages

    marketplace.files.move_files(
        apps.get_model("catalog", "Certification"),
        "document",
        storages["private"],
        storages["default"],
        upload_to=lambda instance, name: f"{FOLDER}/{os.path.basename(name)}",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_quantity_and_price_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="certification",
            name="document_name",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.AlterField(
            model_name="certification",
            name="document",
            field=marketplace.files.PrivateFileField(
                blank=True,
                help_text="A PDF or a photo of the certificate (JPEG, PNG or WebP). Seen by curators only.",
                upload_to=marketplace.files.RandomName("certificates"),
                validators=[catalog.models.validate_document],
            ),
        ),
        migrations.RunPython(to_private_storage, back_to_public_storage),
    ]
