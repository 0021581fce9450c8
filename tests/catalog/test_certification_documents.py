"""Certification documents: evidence for curators, never shown to buyers (storefronts show only the type).
So they are private: a PDF or an image by content (never HTML or SVG, whatever the name says), images
re-encoded without GPS, stored under a random name, downloaded only by curators in the admin."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from catalog.models import Certification
from marketplace.accounts.models import CURATORS_GROUP
from tests.factories import CertificationFactory, image_bytes

pytestmark = pytest.mark.django_db

SCRIPT_HTML = b"<!doctype html><html><body><script>fetch('/sell/')</script></body></html>"
SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def certification_with(upload, supplier):
    certification = CertificationFactory.build(
        supplier=supplier, type=CertificationFactory().type, document=upload
    )
    certification.full_clean()
    certification.save()
    return certification


def pdf(name="gots-2026.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n%certificate\n", content_type="application/pdf")


def gps_exif():
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (32.0, 29.0, 0.0)}  # GPSInfo
    return exif


@pytest.mark.parametrize(
    "name, content",
    [
        ("certificate.html", SCRIPT_HTML),
        ("certificate.svg", SCRIPT_SVG),
        ("certificate.pdf", SCRIPT_HTML),  # the name says PDF, the content says HTML
        ("certificate.jpg", SCRIPT_SVG),
    ],
)
def test_a_document_that_is_not_a_pdf_or_an_image_by_content_is_refused(supplier, name, content):
    with pytest.raises(ValidationError) as refused:
        certification_with(SimpleUploadedFile(name, content, content_type="application/pdf"), supplier)

    assert "document" in refused.value.message_dict
    assert not Certification.objects.filter(document__gt="").exists()


def test_a_pdf_document_is_kept_privately_under_a_random_name(supplier):
    certification = certification_with(pdf(), supplier)

    assert certification.document_name == "gots-2026.pdf"
    assert "gots" not in certification.document.name
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))
    with certification.document.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_an_image_document_keeps_no_gps(supplier):
    upload = SimpleUploadedFile("scan.jpg", image_bytes(exif=gps_exif()), content_type="image/jpeg")

    certification = certification_with(upload, supplier)

    with certification.document.open("rb") as stored:
        assert not PILImage.open(io.BytesIO(stored.read())).getexif()


@pytest.fixture
def certified(supplier):
    return certification_with(pdf("Qualité.pdf"), supplier)


@pytest.fixture
def editing_curator(curator):
    group = Group.objects.get(name=CURATORS_GROUP)
    group.permissions.add(*Permission.objects.filter(codename__endswith="_certification"))
    return curator


def document_url(certification):
    return reverse("catalog_certifications:document", args=[certification.pk])


def test_a_curator_downloads_the_document_as_an_attachment(client_for, editing_curator, certified):
    response = client_for(editing_curator).get(document_url(certified))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Qualit%C3%A9.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_anonymous_visitor_does_not_get_the_document(client, certified):
    response = client.get(document_url(certified))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_member_of_the_certified_supplier_does_not_get_the_document(client_for, certified, artisan):
    response = client_for(artisan).get(document_url(certified))

    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)


def test_the_admin_edit_page_links_the_document_through_the_checked_view(
    client_for, editing_curator, certified
):
    edit = reverse("wagtailsnippets_catalog_certification:edit", args=[certified.pk])

    html = client_for(editing_curator).get(edit).content.decode()

    assert document_url(certified) in html
    assert "Qualité.pdf" in html
    assert settings.MEDIA_URL + "certificates" not in html


def test_a_curator_replaces_a_document_through_the_admin_and_html_is_refused(
    client_for, editing_curator, certified
):
    edit = reverse("wagtailsnippets_catalog_certification:edit", args=[certified.pk])
    data = {
        "supplier": certified.supplier_id,
        "type": certified.type_id,
        "issuer": "WFTO",
        "document": SimpleUploadedFile("new.pdf", SCRIPT_HTML, content_type="application/pdf"),
    }

    response = client_for(editing_curator).post(edit, data)

    assert response.status_code == 200  # the form again, with the error
    certified.refresh_from_db()
    assert certified.document_name == "Qualité.pdf"
