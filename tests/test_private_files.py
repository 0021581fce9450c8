"""Private files: the storage no public URL reaches, the one way to hand a file out, and public media that is
never served as a page.

Every file field is either in the private storage or named here as public on purpose: a new upload field has
to choose, and a private one has no URL a template could print.
"""

import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

# Uploads meant for everyone: product and storefront photos (re-encoded, catalog.photos), their renditions,
# the documents curators publish through Wagtail; and Wagtail's own admin uploads (staff avatars, the images
# of a multiple upload waiting to become photos), which only staff make.
PUBLIC_FILE_FIELDS = {
    "catalog.Photo.file",
    "catalog.PhotoRendition.file",
    "wagtaildocs.Document.file",
    "wagtailimages.Image.file",
    "wagtailimages.Rendition.file",
    "wagtailusers.UserProfile.avatar",
    "wagtailcore.UploadedFile.file",
}


def file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and field.model is model:
                yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def test_the_test_finds_the_public_fields():
    assert {name for name, _ in file_fields()} >= PUBLIC_FILE_FIELDS


@pytest.mark.parametrize("name, field", [f for f in file_fields() if f[0] not in PUBLIC_FILE_FIELDS])
def test_every_file_field_not_public_on_purpose_has_no_url(name, field):
    with pytest.raises(Exception, match="no public URL"):
        field.storage.url("trade/2026/01/0123456789abcdef.pdf")


def test_the_private_folder_is_outside_the_media_folder():
    from django.core.files.storage import storages

    location = storages["private"].path("x")
    assert not location.startswith(str(settings.MEDIA_ROOT))


def settings_error(**environ):
    """Import the settings in a fresh interpreter with `environ`; return what it printed on failure."""
    result = subprocess.run(
        [sys.executable, "-c", "import marketplace.settings"],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", **environ},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    return result.stderr if result.returncode else ""


def test_s3_media_refuses_to_start_without_a_private_bucket():
    assert "AWS_PRIVATE_STORAGE_BUCKET_NAME" in settings_error(
        MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="market-media"
    )


def test_s3_media_refuses_a_private_bucket_that_is_the_public_one():
    assert "AWS_PRIVATE_STORAGE_BUCKET_NAME" in settings_error(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="market-media",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="market-media",
    )


def test_a_private_folder_inside_the_media_folder_refuses_to_start(tmp_path):
    error = settings_error(
        MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "media" / "p")
    )

    assert "PRIVATE_MEDIA_ROOT" in error


# --- public media, as SERVE_MEDIA serves it ---------------------------------------------------------------
def put_media(name, content):
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize("name", ["certificates/page.html", "certificates/logo.svg", "x/notes.txt"])
def test_public_media_never_serves_a_page_or_an_svg_inline(client, name):
    put_media(name, b"<html><script>alert(1)</script></html>")

    response = client.get(f"{settings.MEDIA_URL}{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_media_shows_a_photo_inline_with_nosniff(client):
    from tests.factories import image_bytes

    put_media("original_images/vase.jpg", image_bytes())

    response = client.get(f"{settings.MEDIA_URL}original_images/vase.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert not response.get("Content-Disposition", "inline").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
