"""Private files on S3 (MEDIA_STORAGE=s3), against moto's S3: a private bucket, private objects, and a
download that is a redirect to a signed link expiring after PRIVATE_URL_EXPIRY_SECONDS, never a public URL."""

from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orders.trade.models import Attachment

moto = pytest.importorskip("moto")

BUCKET = "market-private"
pytestmark = pytest.mark.django_db


@pytest.fixture
def private_s3(settings):
    with moto.mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": "marketplace.s3.PrivateS3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "access_key": "k",
                    "secret_key": "s",
                    "default_acl": "private",
                    "querystring_auth": True,
                    "querystring_expire": 60,
                    "custom_domain": None,
                },
            },
        }
        yield s3


@pytest.fixture
def sent(private_s3, client_for, buyer, supplier, artisan):
    pdf = SimpleUploadedFile("Café.pdf", b"%PDF-1.4\n%spec\n", content_type="application/pdf")
    response = client_for(buyer).post(
        f"/inbox/new/?supplier={supplier.slug}", {"body": "x", "attachments": [pdf]}
    )
    assert response.status_code == 302
    return Attachment.objects.get()


def test_an_attachment_is_a_private_object_in_the_private_bucket(private_s3, sent):
    grants = private_s3.get_object_acl(Bucket=BUCKET, Key=sent.file.name)["Grants"]

    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner's, no one else's
    assert all(grant["Grantee"].get("URI") is None for grant in grants)  # no AllUsers, no AuthenticatedUsers


def test_the_private_storage_on_s3_has_no_public_url(sent):
    with pytest.raises(Exception, match="no public URL"):
        sent.file.url  # noqa: B018  (the property access is what raises)


def test_a_party_is_redirected_to_a_signed_link_that_expires(client_for, sent, artisan):
    response = client_for(artisan).get(reverse("trade:attachment", args=[sent.pk]))

    assert response.status_code == 302
    assert response["X-Content-Type-Options"] == "nosniff"
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query
    assert query["response-content-disposition"] == ["attachment; filename*=utf-8''Caf%C3%A9.pdf"]
    assert query["response-content-type"] == ["application/pdf"]


def test_the_signed_link_gives_the_file_as_a_download(client_for, sent, artisan):
    location = client_for(artisan).get(reverse("trade:attachment", args=[sent.pk]))["Location"]

    fetched = requests.get(location, timeout=5)

    assert fetched.status_code == 200
    assert fetched.content.startswith(b"%PDF-")
    assert fetched.headers["Content-Disposition"].startswith("attachment")


def test_a_stranger_is_not_redirected_anywhere(client_for, sent, other_artisan):
    assert client_for(other_artisan).get(reverse("trade:attachment", args=[sent.pk])).status_code == 404
