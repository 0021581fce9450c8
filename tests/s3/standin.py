"""The S3 the tests talk to: moto's server on a free loopback port (with S3's check of signed links, see
tests/s3/signing_moto.py), or the buckets named in the environment.

Buckets as a deployment sets them up: the public media bucket readable by anyone through a bucket policy
(how AWS publishes a bucket since ACLs are off by default), the private bucket with no policy at all, so its
objects (written with the private ACL) are reached only by signed links.
"""

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore
import requests
from botocore.config import Config

BASE_DIR = Path(__file__).resolve().parents[2]
ACCESS_KEY, SECRET_KEY, REGION = "AKIATESTMEDIA0000000", "test-media-secret-key", "us-east-1"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class S3Target:
    """Where media goes: an endpoint (None for AWS itself), keys, and the two buckets."""

    endpoint_url: str | None
    region: str
    access_key: str
    secret_key: str
    public_bucket: str
    private_bucket: str

    @classmethod
    def from_environment(cls):
        """The environment's buckets (as settings.py reads them for MEDIA_STORAGE=s3), if both are named."""
        public, private = (
            os.environ.get("AWS_STORAGE_BUCKET_NAME"),
            os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME"),
        )
        if not (public and private):
            return None
        return cls(
            endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            region=os.environ.get("AWS_S3_REGION_NAME", REGION),
            access_key=os.environ.get("AWS_ACCESS_KEY_ID", ""),
            secret_key=os.environ.get("AWS_SECRET_ACCESS_KEY", ""),
            public_bucket=public,
            private_bucket=private,
        )

    def client(self, signature_version="s3v4"):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            config=Config(signature_version=signature_version),
        )

    def storage_options(self):
        """STORAGES options as marketplace/settings.py builds them from the environment for this target."""
        return {
            "bucket_name": self.public_bucket,
            "endpoint_url": self.endpoint_url,
            "region_name": self.region,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
        }

    def plain_url(self, bucket, key):
        """The object's URL without a signature: what a public link to it would be."""
        unsigned = self.client(signature_version=botocore.UNSIGNED)
        return unsigned.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key})

    def create_buckets(self):
        s3 = self.client()
        for bucket in (self.public_bucket, self.private_bucket):
            s3.create_bucket(Bucket=bucket)
        public_read = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicMedia",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{self.public_bucket}/*",
                }
            ],
        }
        s3.put_bucket_policy(Bucket=self.public_bucket, Policy=json.dumps(public_read))


class MotoS3Server:
    """tests.s3.signing_moto in its own process on a free loopback port, until `stop()`."""

    def __init__(self, workdir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(workdir) / "moto.log"
        log = open(self.log_path, "wb")  # noqa: SIM115 (kept open for the process's life)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.s3.signing_moto",
                "--port",
                str(self.port),
                "--credentials",
                f"{ACCESS_KEY}:{SECRET_KEY}",
            ],
            cwd=BASE_DIR,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/moto-api/", timeout=1)
                return
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"moto's S3 server did not start; its output: {self.log_path.read_text()[-2000:]}")

    def target(self):
        return S3Target(self.url, REGION, ACCESS_KEY, SECRET_KEY, "market-media", "market-private")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
