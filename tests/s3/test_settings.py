"""MEDIA_STORAGE=s3 as a deployment sets it: a fresh process configured by the environment alone stores
public media in the public bucket and private files privately in the other, signs links for
PRIVATE_URL_EXPIRY_SECONDS, and gives S3 a timeout and retries; the `s3` fixture of the other tests
configures the storages exactly as the settings do."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.processes import run_python, settings_of

from .conftest import media_storages

SCRIPT = """
import json, django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import storages
public, private = storages["default"], storages["private"]
public_name = public.save("settings-check/photo.jpg", ContentFile(b"jpeg"))
private_name = private.save("settings-check/evidence.pdf", ContentFile(b"%PDF-1.7"))
config = private.client_config
print(json.dumps({
    "public_name": public_name,
    "public_url": public.url(public_name),
    "private_name": private_name,
    "signed_link": private.signed_url(private_name, filename="evidence.pdf", content_type="application/pdf"),
    "timeouts": [config.connect_timeout, config.read_timeout],
    "retries": config.retries,
}))
"""


def environment(target, **more):
    return {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": target.public_bucket,
        "AWS_PRIVATE_STORAGE_BUCKET_NAME": target.private_bucket,
        "AWS_S3_ENDPOINT_URL": target.endpoint_url or "",  # empty: AWS itself
        "AWS_S3_REGION_NAME": target.region,
        "AWS_ACCESS_KEY_ID": target.access_key,
        "AWS_SECRET_ACCESS_KEY": target.secret_key,
        **more,
    }


@pytest.fixture(scope="module")
def deployed(s3_target):
    """What a process started with MEDIA_STORAGE=s3 (and a 45 s link, a 4 s timeout) stored and answered."""
    done = run_python("-c", SCRIPT, **environment(s3_target, PRIVATE_URL_EXPIRY_SECONDS=45, AWS_S3_TIMEOUT=4))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_its_public_media_is_in_the_public_bucket_for_anyone_to_read(s3_target, deployed):
    assert deployed["public_url"] == s3_target.plain_url(s3_target.public_bucket, deployed["public_name"])
    assert requests.get(deployed["public_url"], timeout=5).content == b"jpeg"


def test_its_private_files_are_private_objects_of_the_private_bucket(s3_target, deployed):
    s3 = s3_target.client()
    grants = s3.get_object_acl(Bucket=s3_target.private_bucket, Key=deployed["private_name"])["Grants"]

    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    plain = s3_target.plain_url(s3_target.private_bucket, deployed["private_name"])
    assert requests.get(plain, timeout=5).status_code == 403


def test_its_signed_links_last_private_url_expiry_seconds_and_work(deployed):
    query = parse_qs(urlsplit(deployed["signed_link"]).query)

    assert query["X-Amz-Expires"] == ["45"]
    assert requests.get(deployed["signed_link"], timeout=5).content == b"%PDF-1.7"


def test_it_waits_on_s3_for_aws_s3_timeout_and_retries(deployed):
    assert deployed["timeouts"] == [4.0, 4.0]
    assert deployed["retries"] == {"mode": "standard", "max_attempts": 3}


def without_client_config(storages):
    return {
        alias: {**storage, "OPTIONS": {k: v for k, v in storage["OPTIONS"].items() if k != "client_config"}}
        for alias, storage in storages.items()
    }


def test_the_s3_fixture_configures_the_storages_as_the_settings_do(s3_target):
    configured = settings_of("STORAGES", **environment(s3_target, PRIVATE_URL_EXPIRY_SECONDS=45))["STORAGES"]

    expected = without_client_config(media_storages(s3_target, expiry=45))
    assert without_client_config({alias: configured[alias] for alias in expected}) == json.loads(
        json.dumps(expected)
    )


def settings_error(**variables):
    done = run_python("-c", "import marketplace.settings", **variables)
    return done.stderr if done.returncode else ""


def test_s3_media_refuses_to_start_without_the_public_bucket():
    assert "AWS_STORAGE_BUCKET_NAME" in settings_error(
        MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="", AWS_PRIVATE_STORAGE_BUCKET_NAME="market-private"
    )


def test_an_unknown_media_storage_refuses_to_start():
    assert "MEDIA_STORAGE" in settings_error(MEDIA_STORAGE="s4")
