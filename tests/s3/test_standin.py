"""The S3 the other tests rely on behaves as S3 does where it matters to them: anonymous reads follow the
bucket policy and the object's ACL, and a signed link works only with a true signature and until it
expires (moto alone serves any link with a signature in it, forged or expired: tests/s3/signing_moto.py)."""

import time

import pytest
import requests

pytestmark = pytest.mark.usefixtures("s3")


@pytest.fixture
def private_object(s3):
    key = "standin/private.pdf"
    s3.client().put_object(Bucket=s3.private_bucket, Key=key, Body=b"%PDF-1.7\n", ACL="private")
    return key


def signed(s3, key, expires=60):
    return s3.client().generate_presigned_url(
        "get_object", Params={"Bucket": s3.private_bucket, "Key": key}, ExpiresIn=expires
    )


def test_an_object_of_the_public_bucket_is_readable_by_anyone(s3):
    s3.client().put_object(
        Bucket=s3.public_bucket, Key="standin/public.jpg", Body=b"jpeg", ContentType="image/jpeg"
    )

    assert requests.get(s3.plain_url(s3.public_bucket, "standin/public.jpg"), timeout=5).status_code == 200


def test_a_private_object_is_refused_to_an_anonymous_request(s3, private_object):
    assert requests.get(s3.plain_url(s3.private_bucket, private_object), timeout=5).status_code == 403


def test_a_true_signed_link_gives_the_private_object(s3, private_object):
    fetched = requests.get(signed(s3, private_object), timeout=5)

    assert fetched.status_code == 200
    assert fetched.content == b"%PDF-1.7\n"


def test_a_forged_signature_is_refused(s3, private_object):
    forged = s3.plain_url(s3.private_bucket, private_object) + "?X-Amz-Signature=" + "0" * 64

    assert requests.get(forged, timeout=5).status_code == 403


def test_a_signed_link_to_another_object_is_refused(s3, private_object):
    s3.client().put_object(Bucket=s3.private_bucket, Key="standin/other.pdf", Body=b"%PDF-", ACL="private")

    tampered = signed(s3, private_object).replace("private.pdf", "other.pdf")

    assert requests.get(tampered, timeout=5).status_code == 403


def test_a_signed_link_is_refused_once_expired(s3, private_object):
    link = signed(s3, private_object, expires=1)
    time.sleep(2.1)  # X-Amz-Date is in whole seconds: past it + 1 s whatever the fraction

    refused = requests.get(link, timeout=5)

    assert refused.status_code == 403
    assert b"expired" in refused.content
