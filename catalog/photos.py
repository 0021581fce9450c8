"""Photo uploads: only real images within size and pixel limits, stored without metadata.

People photograph at home, in workshops and warehouses, so EXIF (GPS above all) must never be stored or
served. Every uploaded image — product and storefront photos, inquiry and RFQ attachments, dispute photos,
certification scans — goes through `clean_photo`: checked (format, PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS, fully
decoded) and re-encoded from its pixels, which drops EXIF, XMP, IPTC and comments, after turning it the way
its EXIF orientation said.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

from marketplace.files import CheckedFile

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def _open_checked(fileobj):
    """Open and fully decode an upload, turning every way it can be bad into a ValidationError.

    The codes say why: `too_large`, `too_many_pixels` (a real photo over a limit), `format` (an image, but
    not one we take), `not_a_photo` (not an image at all).
    """
    size = getattr(fileobj, "size", None)
    if size is not None and size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This photo is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(size / 1e6, 1), "limit": round(settings.PHOTO_MAX_BYTES / 1e6)},
            code="too_large",
        )
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    previous_limit = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
    too_many_pixels = _("This photo has too many pixels; please upload a smaller one.")
    try:
        with warnings.catch_warnings():
            # Pillow warns between 1x and 2x the limit and raises above 2x: both are refusals here.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP photo."), code="format")
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(too_many_pixels, code="too_many_pixels")
            image.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ValidationError(too_many_pixels, code="too_many_pixels") from exc
    except Exception as exc:  # Pillow raises many types for broken or non-image files
        raise ValidationError(
            _("This file is not a photo we can read. Upload a JPEG, PNG or WebP."), code="not_a_photo"
        ) from exc
    finally:
        PILImage.MAX_IMAGE_PIXELS = previous_limit
    return image


def validate_photo(fileobj):
    """Raise ValidationError unless `fileobj` is a real JPEG/PNG/WebP within the limits."""
    _open_checked(fileobj)


def clean_photo(fileobj) -> CheckedFile:
    """The one way an uploaded image is stored: checked as `validate_photo` does, then re-encoded from its
    pixels (orientation applied), so nothing but the picture is kept. Raises ValidationError."""
    image = _open_checked(fileobj)
    fmt = image.format
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=88)
    return CheckedFile(
        out.getvalue(),
        original_name=getattr(fileobj, "name", "") or "photo",
        content_type=ALLOWED_FORMATS[fmt],
    )


def clean_stored_photo(handle, name):
    """For data migrations moving stored files: the file re-encoded as `clean_photo` does if it is a photo
    that passes today's checks; None (keep the bytes as they are, never lose them) for anything else."""
    try:
        return clean_photo(File(handle, name=name))
    except ValidationError:
        return None
