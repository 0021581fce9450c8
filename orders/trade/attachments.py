"""Attachment checks: real images (decoded by Pillow) or PDFs (magic bytes), within ATTACHMENT_MAX_BYTES."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog.photos import validate_photo

MAX_FILES = 5


def check_attachment(upload) -> str:
    """Return the content type to serve `upload` with, or raise ValidationError with a message for people."""
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large; the limit is %(limit)s MB.")
            % {"name": upload.name, "limit": round(settings.ATTACHMENT_MAX_BYTES / (1024 * 1024), 1)}
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return "application/pdf"
    try:
        validate_photo(upload)
    except ValidationError as exc:
        raise ValidationError(
            _("“%(name)s” is neither a PDF nor a JPEG, PNG or WebP image.") % {"name": upload.name}
        ) from exc
    upload.seek(0)
    from PIL import Image

    fmt = Image.open(upload).format
    upload.seek(0)
    return {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]


def save_attachments(uploads, **owner):
    """Store already-checked uploads on a message or an RFQ (`owner` is message=… or rfq=…)."""
    from .models import Attachment

    saved = []
    for upload, content_type in uploads:
        saved.append(
            Attachment.objects.create(
                file=upload, name=upload.name[:200], content_type=content_type, size=upload.size, **owner
            )
        )
    return saved
