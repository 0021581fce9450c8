"""Suppliers' certifications (ISO 13485, OEKO-TEX, Fair Trade...), each with its document and expiry; the
document is private (curators download it through a checked view)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.files import CheckedFile, PrivateFileField, RandomName

from .documents import check_document


class CertificationType(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text=_("e.g. ISO 13485, GOTS, Fair Trade"))
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CertificationQuerySet(models.QuerySet):
    def valid(self, on=None):
        on = on or timezone.localdate()
        return self.filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=on))


def validate_document(value):
    """A newly uploaded certification document is a PDF or a photo by its content (catalog.documents);
    a document already stored is not read again."""
    if value and not getattr(value, "_committed", True):
        check_document(value.file, max_bytes=settings.ATTACHMENT_MAX_BYTES)


class Certification(models.Model):
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.CASCADE, related_name="certifications")
    type = models.ForeignKey(CertificationType, on_delete=models.PROTECT, related_name="certifications")
    issuer = models.CharField(max_length=200)
    # Evidence for curators, never shown to buyers (storefronts show the type and dates): private, downloaded
    # in the admin through catalog_certifications:document.
    document = PrivateFileField(
        upload_to=RandomName("certificates"),
        blank=True,
        validators=[validate_document],
        help_text=_("A PDF or a photo of the certificate (JPEG, PNG or WebP). Seen by curators only."),
    )
    document_name = models.CharField(max_length=200, blank=True, editable=False)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ["type__name"]

    def __str__(self):
        return f"{self.type} ({self.supplier})"

    def save(self, *args, **kwargs):
        # Whatever path a new document came by (admin form, shell, demo loader), it is stored as checked:
        # a PDF as it is, a photo re-encoded without its GPS; anything else raises ValidationError.
        if self.document and not self.document._committed:
            checked = self.document.file
            if not isinstance(checked, CheckedFile):
                checked = check_document(checked, max_bytes=settings.ATTACHMENT_MAX_BYTES)
                self.document = checked
            self.document_name = checked.original_name
        elif not self.document:
            self.document_name = ""
        super().save(*args, **kwargs)

    @property
    def download_name(self):
        return self.document_name or self.document.name.rsplit("/", 1)[-1]

    def get_download_url(self):
        return reverse("catalog_certifications:document", args=[self.pk])

    @property
    def is_valid(self) -> bool:
        return self.expires_on is None or self.expires_on >= timezone.localdate()
