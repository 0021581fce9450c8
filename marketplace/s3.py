"""Private files in S3 (MEDIA_STORAGE=s3): their own bucket, private objects, reached only through signed
links that expire after PRIVATE_URL_EXPIRY_SECONDS. Kept apart from marketplace.files so that boto3 is
imported only when S3 is configured."""

from botocore.config import Config
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

from .files import NoPublicURL


class PrivateS3Storage(S3Storage):
    """A private bucket: objects written with the private ACL, no URL but `signed_url` for a checked view."""

    # Signature V4: the link carries its own lifetime (X-Amz-Expires) and works in every region.
    signature_version = "s3v4"

    def __init__(self, **options):
        super().__init__(**options)
        # Whatever the options say, a private storage stays private: objects readable by the owner alone,
        # links signed, no CDN domain in front of the bucket, never an existing file overwritten.
        self.default_acl, self.querystring_auth, self.custom_domain = "private", True, None
        self.file_overwrite = False
        # A client_config in the options (timeouts, retries) replaces the one django-storages builds from
        # `signature_version`, and botocore would then sign links with legacy SigV2, which has no
        # X-Amz-Expires: the links are V4 whatever the config says.
        self.client_config = self.client_config.merge(Config(signature_version=self.signature_version))

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NoPublicURL(name)

    def signed_url(self, name, *, filename, content_type):
        """A link to `name` that works for `querystring_expire` seconds and makes S3 send it as a download
        named `filename` of type `content_type` (S3 answers with these headers, whatever the object says)."""
        return super().url(
            name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(True, filename),
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
        )
