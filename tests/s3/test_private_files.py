"""Private files on S3, each uploaded the way people upload it: an inquiry attachment (a buyer's message), a
dispute photo (a buyer's dispute form), a certification document (a curator in the admin; certification
evidence is private: curators only, storefronts show the type and dates, catalog/certification_models.py).

Each is an object of the private bucket with the private ACL: no anonymous read of its plain URL, no URL from
the storage at all, and for the people the download view allows, a redirect to a signed link that carries
its lifetime (PRIVATE_URL_EXPIRY_SECONDS), works, and is refused by S3 once expired; anyone else is refused
by the view without a link."""

import time
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from catalog.models import Certification
from marketplace.accounts.models import CURATORS_GROUP
from marketplace.files import NoPublicURL
from orders.checkout.ordering import LineSpec, create_order
from orders.models import DisputePhoto
from orders.trade.models import Attachment
from tests.factories import BuyerFactory, CertificationTypeFactory, ProductFactory, image_bytes
from tests.orders.helpers import paid

pytestmark = pytest.mark.django_db


@dataclass
class PrivateUpload:
    file: FieldFile
    download_url: str
    content_type: str
    disposition: str  # the Content-Disposition S3 must answer the signed link with
    allowed: object  # a user the download view serves
    stranger: object  # a user of the same kind that it refuses


def inquiry_attachment(client_for, buyer, supplier, artisan, other_artisan, **_):
    pdf = SimpleUploadedFile("Café.pdf", b"%PDF-1.4\n%spec\n", content_type="application/pdf")
    response = client_for(buyer).post(
        reverse("trade:inquiry-new") + f"?supplier={supplier.slug}", {"body": "Sizes?", "attachments": [pdf]}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    return PrivateUpload(
        attachment.file,
        reverse("trade:attachment", args=[attachment.pk]),
        "application/pdf",
        "attachment; filename*=utf-8''Caf%C3%A9.pdf",
        allowed=artisan,
        stranger=other_artisan,
    )


def dispute_photo(client_for, buyer, supplier, **_):
    product = ProductFactory(supplier=supplier)
    line = LineSpec(supplier, product.title, 10, "pcs", Decimal("12.50"), product=product)
    order = create_order(buyer=buyer, currency="USD", lines=[line], source="direct")
    paid(order)
    photo = SimpleUploadedFile("broken vase.jpg", image_bytes(), content_type="image/jpeg")
    response = client_for(buyer).post(
        reverse("orders:dispute", args=[order.pk]), {"reason": "Broken", "photos": [photo]}
    )
    assert response.status_code == 302
    dispute_photo = DisputePhoto.objects.get()
    return PrivateUpload(
        dispute_photo.image,
        reverse("orders:dispute-photo", args=[order.pk, dispute_photo.pk]),
        "image/jpeg",
        'attachment; filename="broken vase.jpg"',
        allowed=buyer,
        stranger=BuyerFactory(),
    )


def certification_document(client_for, curator, supplier, artisan, **_):
    group = Group.objects.get(name=CURATORS_GROUP)
    group.permissions.add(*Permission.objects.filter(codename__endswith="_certification"))
    pdf = SimpleUploadedFile("GOTS 2026.pdf", b"%PDF-1.7\n%certificate\n", content_type="application/pdf")
    response = client_for(curator).post(
        reverse("wagtailsnippets_catalog_certification:add"),
        {
            "supplier": supplier.pk,
            "type": CertificationTypeFactory().pk,
            "issuer": "Control Union",
            "document": pdf,
        },
    )
    assert response.status_code == 302
    certification = Certification.objects.get()
    return PrivateUpload(
        certification.document,
        reverse("catalog_certifications:document", args=[certification.pk]),
        "application/pdf",
        'attachment; filename="GOTS 2026.pdf"',
        allowed=curator,
        stranger=artisan,  # a member of the certified supplier: the evidence is for curators
    )


@pytest.fixture(params=[inquiry_attachment, dispute_photo, certification_document], ids=lambda f: f.__name__)
def upload(request, s3, client, client_for, buyer, supplier, artisan, other_artisan, curator):
    made = request.param(
        client_for=client_for,
        buyer=buyer,
        supplier=supplier,
        artisan=artisan,
        other_artisan=other_artisan,
        curator=curator,
    )
    client.logout()
    return made


def signed_link(client_for, upload):
    response = client_for(upload.allowed).get(upload.download_url)
    assert response.status_code == 302
    return response["Location"]


# --- the object ----------------------------------------------------------------------------------------
def test_it_is_an_object_of_the_private_bucket_only(s3, upload):
    s3.client().head_object(Bucket=s3.private_bucket, Key=upload.file.name)

    listed = s3.client().list_objects_v2(Bucket=s3.public_bucket).get("Contents", [])
    assert upload.file.name not in {entry["Key"] for entry in listed}


def test_its_acl_grants_the_owner_alone(s3, upload):
    grants = s3.client().get_object_acl(Bucket=s3.private_bucket, Key=upload.file.name)["Grants"]

    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all("URI" not in grant["Grantee"] for grant in grants)  # no AllUsers, no AuthenticatedUsers


def test_its_plain_url_is_refused_to_anyone_without_a_signature(s3, upload):
    plain = s3.plain_url(s3.private_bucket, upload.file.name)

    assert requests.get(plain, timeout=5).status_code == 403


def test_the_storage_gives_it_no_url(upload):
    with pytest.raises(NoPublicURL):
        upload.file.url  # noqa: B018  (the property access is what raises)


# --- the download view ---------------------------------------------------------------------------------
def test_an_allowed_user_is_redirected_to_a_signed_link_of_the_private_bucket(
    s3, client_for, upload, settings
):
    link = signed_link(client_for, upload)

    assert link.startswith(s3.plain_url(s3.private_bucket, upload.file.name) + "?")
    query = parse_qs(urlsplit(link).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Expires"] == [str(settings.PRIVATE_URL_EXPIRY_SECONDS)]


def test_the_redirect_itself_is_never_cached_and_never_sniffed(client_for, upload):
    response = client_for(upload.allowed).get(upload.download_url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_signed_link_gives_the_file_as_a_typed_download(client_for, upload):
    fetched = requests.get(signed_link(client_for, upload), timeout=5)

    assert fetched.status_code == 200
    with upload.file.open("rb") as stored:
        assert fetched.content == stored.read()
    assert fetched.headers["Content-Type"] == upload.content_type
    assert fetched.headers["Content-Disposition"] == upload.disposition
    assert fetched.headers["Cache-Control"] == "private, no-store"


def test_the_signed_link_is_refused_by_s3_once_it_has_expired(client_for, upload, link_expiry):
    link_expiry(2)
    link = signed_link(client_for, upload)
    assert requests.get(link, timeout=5).status_code == 200  # it worked: what follows is its expiry

    time.sleep(3.1)  # X-Amz-Date is in whole seconds: 3.1 s is past date + 2 s whatever the fraction

    refused = requests.get(link, timeout=5)
    assert refused.status_code == 403
    assert b"Request has expired" in refused.content


def test_a_user_of_the_same_kind_not_allowed_is_refused_without_a_link(s3, client_for, upload):
    response = client_for(upload.stranger).get(upload.download_url)

    assert response.status_code in (302, 403, 404)
    assert s3.private_bucket not in response.get("Location", "")
    assert b"X-Amz-" not in response.content and s3.private_bucket.encode() not in response.content


def test_an_anonymous_visitor_is_sent_to_log_in_without_a_link(s3, client, upload):
    response = client.get(upload.download_url)

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert s3.private_bucket not in response["Location"]
