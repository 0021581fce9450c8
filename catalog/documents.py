"""Documents people upload (certification documents, inquiry and RFQ attachments): a PDF or a photo, decided
by the content, never by the name or the browser's content type.

A PDF is recognised by its first bytes (`%PDF-`); anything else must be a photo that Pillow decodes, and is
re-encoded without metadata (catalog.photos.clean_photo). HTML, SVG, scripts or executables, whatever they
are called, are refused: they could run as a page of our own origin if ever served inline.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.files import CheckedFile

from .photos import clean_photo

PDF_MAGIC = b"%PDF-"


def check_document(upload, *, max_bytes) -> CheckedFile:
    """Return `upload` as a CheckedFile (a PDF as it is, a photo re-encoded), or raise ValidationError with a
    message naming the file."""
    name = getattr(upload, "name", "") or _("The file")
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is too large; the limit is %(limit)s MB.")
            % {"name": name, "limit": round(max_bytes / (1024 * 1024), 1)},
            code="too_large",
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if content.startswith(PDF_MAGIC):
        return CheckedFile(content, original_name=name, content_type="application/pdf")
    try:
        return clean_photo(upload)
    except ValidationError as refused:
        if refused.code in ("format", "not_a_photo"):
            raise ValidationError(
                _("“%(name)s” is neither a PDF nor a JPEG, PNG or WebP image.") % {"name": name},
                code="format",
            ) from refused
        raise ValidationError(f"“{name}”: {' '.join(refused.messages)}", code=refused.code) from refused
