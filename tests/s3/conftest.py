"""Media on S3 (MEDIA_STORAGE=s3), for real: moto's S3 server started on loopback for the session (or the
buckets named in the environment: AWS_STORAGE_BUCKET_NAME and AWS_PRIVATE_STORAGE_BUCKET_NAME, with
AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME and the keys), and the `s3` fixture pointing STORAGES at it as
marketplace/settings.py does (tests/s3/test_settings.py holds the two to the same options).

In CI (CI=true) a moto server that does not start fails the run (tests/ci_rules.py)."""

import pytest
from botocore.config import Config

from tests.ci_rules import skip_or_fail

from .standin import MotoS3Server, S3Target


@pytest.fixture(scope="session")
def s3_target(tmp_path_factory):
    target = S3Target.from_environment()
    if target is not None:
        yield target
        return
    try:
        server = MotoS3Server(tmp_path_factory.mktemp("moto"))
    except (RuntimeError, OSError) as error:
        skip_or_fail(f"moto's S3 server (the S3 stand-in) could not start: {error}")
    try:
        target = server.target()
        target.create_buckets()
        yield target
    finally:
        server.stop()


def media_storages(target, *, expiry):
    """STORAGES "default" and "private" for `target`, with the options settings.py gives them."""
    client_config = Config(
        connect_timeout=10,
        read_timeout=10,
        retries={"mode": "standard", "max_attempts": 3},
    )
    public = {
        **target.storage_options(),
        "default_acl": None,
        "querystring_auth": False,
        "file_overwrite": False,
        "client_config": client_config,
    }
    private = {
        **public,
        "bucket_name": target.private_bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": expiry,
        "custom_domain": None,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": public},
        "private": {"BACKEND": "marketplace.s3.PrivateS3Storage", "OPTIONS": private},
    }


@pytest.fixture
def s3(settings, s3_target):
    """Uploads of this test go to S3: public media to the public bucket, private files to the private one."""
    settings.MEDIA_STORAGE = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        **media_storages(s3_target, expiry=settings.PRIVATE_URL_EXPIRY_SECONDS),
    }
    return s3_target


@pytest.fixture
def link_expiry(settings, s3):
    """`link_expiry(seconds)`: signed links to private files expire after `seconds` from now on."""

    def set_expiry(seconds):
        settings.PRIVATE_URL_EXPIRY_SECONDS = seconds
        settings.STORAGES = {**settings.STORAGES, **media_storages(s3, expiry=seconds)}

    return set_expiry
