"""The image model behind every uploaded photo, and its renditions (Wagtail's custom image model)."""

import hashlib

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from .photos import clean_photo


class Photo(AbstractImage):
    """Every uploaded image (listings, storefronts, admin): stored stripped of EXIF/GPS and other metadata."""

    admin_form_fields = Image.admin_form_fields

    def save(self, *args, **kwargs):
        if self._state.adding and self.file and not getattr(self, "_metadata_stripped", False):
            clean = clean_photo(self.file)
            self.file = clean
            self._metadata_stripped = True
            self.file_size = clean.size
            self.file_hash = hashlib.sha1(clean.read()).hexdigest()
            clean.seek(0)
        super().save(*args, **kwargs)


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
