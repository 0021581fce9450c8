"""Photo uploads: only real images within size and pixel limits, stored without metadata.

Artisans photograph at home, so EXIF (GPS above all) must never be stored or served. Every photo is
decoded and re-encoded from its pixels, which drops EXIF, XMP, IPTC and comments, after turning it the
way its EXIF orientation said.
"""

import io
import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _open_checked(fileobj):
    """Open and fully decode an upload, turning every way it can be bad into a ValidationError."""
    size = getattr(fileobj, "size", None)
    if size is not None and size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This photo is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(size / 1e6, 1), "limit": round(settings.PHOTO_MAX_BYTES / 1e6)}
        )
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    previous_limit = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns between 1x and 2x the limit and raises above 2x: both are refusals here.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP photo."))
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(_("This photo has too many pixels; please upload a smaller one."))
            image.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ValidationError(_("This photo has too many pixels; please upload a smaller one.")) from exc
    except Exception as exc:  # Pillow raises many types for broken or non-image files
        raise ValidationError(_("This file is not a photo we can read. Upload a JPEG, PNG or WebP.")) from exc
    finally:
        PILImage.MAX_IMAGE_PIXELS = previous_limit
    return image


def validate_photo(fileobj):
    """Raise ValidationError unless `fileobj` is a real JPEG/PNG/WebP within the limits."""
    _open_checked(fileobj)


def strip_metadata(fileobj) -> ContentFile:
    """Return a re-encoded copy of the photo holding only its pixels (orientation applied)."""
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
    name = os.path.splitext(os.path.basename(getattr(fileobj, "name", "") or "photo"))[0] or "photo"
    return ContentFile(out.getvalue(), name=f"{name}.{ALLOWED_FORMATS[fmt]}")
