"""Private files: uploads only some people may read (inquiry and RFQ attachments, dispute photos,
certification documents).

They live in their own storage, `STORAGES["private"]`, that no public URL reaches: a folder outside MEDIA_ROOT
(PRIVATE_MEDIA_ROOT) or, with MEDIA_STORAGE=s3, a private bucket (`marketplace.s3.PrivateS3Storage`). The
storage has no URL: `.url` raises, so no template can link a private file by mistake. A view checks who asks
and answers with `marketplace.downloads.private_file_response`. Stored names are random (a uuid); the name
people gave the file is kept in a field of its model, for display and as the download's file name.

A model field is private by being a `PrivateFileField`; tests/test_private_files.py lists the file fields that
are public on purpose, so a new upload field has to choose.
"""

import os
import uuid

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models, transaction
from django.dispatch import receiver
from django.forms import ClearableFileInput
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, cached_property, empty

PRIVATE_ALIAS = "private"

# The kinds of file we accept anywhere (checked by content: catalog.photos, catalog.documents), by the
# extension a stored name gets. Anything else is served as an opaque download.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
EXTENSIONS = {content_type: extension for extension, content_type in CONTENT_TYPES.items()}


class CheckedFile(ContentFile):
    """An upload that passed our checks (catalog.photos.clean_photo, catalog.documents.check_document), ready
    to store: its content (re-encoded from the pixels when it is an image), its real `content_type`, and the
    name people gave it (`original_name`). Its own `name` ends with the extension of its content."""

    def __init__(self, content, *, original_name, content_type):
        original_name = os.path.basename(original_name or "").strip()[:200]
        stem = os.path.splitext(original_name)[0] or "upload"
        super().__init__(content, name=f"{stem}{EXTENSIONS[content_type]}")
        self.original_name = original_name or self.name
        self.content_type = content_type


class NoPublicURL(RuntimeError):
    """Asked for the URL of a private file: hand it out with marketplace.downloads.private_file_response."""

    def __init__(self, name=""):
        super().__init__(
            f"A private file has no public URL ({name}); serve it from a view that checks who asks, "
            "with marketplace.downloads.private_file_response."
        )


def content_type_for(name) -> str:
    """The content type of a stored file, by the extension its random name was given (see RandomName)."""
    return CONTENT_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")


class PrivateFileSystemStorage(FileSystemStorage):
    """Private files on local disk, under PRIVATE_MEDIA_ROOT, which no media URL serves."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NoPublicURL(name)


class _PrivateStorage(LazyObject):
    """`storages["private"]`, looked up when first used (and again when the STORAGES setting changes)."""

    def _setup(self):
        self._wrapped = storages[PRIVATE_ALIAS]


private_storage_object = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private_storage_object._wrapped = empty


def private_storage():
    """The private storage, as a FileField's `storage` callable (migrations record this function's path)."""
    return private_storage_object


@deconstructible
class RandomName:
    """`upload_to` giving each file a random name, `<folder>/<year>/<month>/<uuid><.ext>`.

    The name says nothing about the file (no guessing, no personal data in paths or logs). The extension is
    kept only when it is one we check content against (the checks name a file by its real content), so a
    stored name never claims to be HTML or SVG.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()
        extension = ".jpg" if extension == ".jpeg" else extension
        extension = extension if extension in CONTENT_TYPES else ""
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


class PrivateFileInput(ClearableFileInput):
    """The admin's file input for a private file: the current file by its people's name, linked to the model's
    checked download view (`get_download_url()`), never to a storage URL (there is none)."""

    class _Current:
        def __init__(self, label, url):
            self.label, self.url = label, url

        def __str__(self):
            return self.label

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None) and getattr(value, "instance", None))

    def format_value(self, value):
        if not self.is_initial(value):
            return None
        instance = value.instance
        label = getattr(instance, "download_name", "") or os.path.basename(value.name)
        download_url = getattr(instance, "get_download_url", None)
        return self._Current(label, download_url() if download_url and instance.pk else "")


class PrivateFileField(models.FileField):
    """A file in the private storage: no URL, a random stored name (pass `upload_to=RandomName(folder)`)."""

    def __init__(self, *args, **kwargs):
        kwargs["storage"] = private_storage
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": PrivateFileInput, **kwargs})


def move_files(model, field_name, source, target, *, upload_to, transform=None):
    """Move every row's file in `field_name` from storage `source` to `target` (for data migrations).

    The file is saved in `target` under `upload_to(None, name)`; `transform(file, old_name)` may return new
    content to save instead (e.g. a photo re-encoded without its GPS) or None to keep the bytes. Each row
    points at its new file at once; the old file is deleted only when the transaction commits, so a failed
    migration leaves every row pointing at a file that exists. Rows whose file is not in `source` (moved
    already, or lost before) are left alone: running it again is harmless.
    """
    rows = model._base_manager.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True})
    for pk, old_name in rows.values_list("pk", field_name).iterator():
        if not source.exists(old_name):
            continue
        with source.open(old_name, "rb") as handle:
            content = (transform(handle, old_name) if transform else None) or File(handle, name=old_name)
            new_name = target.save(upload_to(None, content.name), content)
        model._base_manager.filter(pk=pk).update(**{field_name: new_name})
        transaction.on_commit(lambda name=old_name: source.delete(name))
