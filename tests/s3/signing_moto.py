"""moto's S3 server, plus the one check of real S3 that moto leaves out: signed links (presigned URLs).

moto serves any request whose query holds "Signature=" without checking the signature or the link's age,
and skips the object's ACL for it: a private object would be served to `?X-Amz-Signature=anything`, and a
link would never expire. Real S3 recomputes a SigV4 query signature with the secret key and refuses the
link once `X-Amz-Date` + `X-Amz-Expires` has passed (403 AccessDenied, "Request has expired"). This module
runs moto's own server (the app, handler and threading of `moto_server`) behind a WSGI check that does
exactly that for every request carrying a signature in its query string, so the tests' signed links are
checked as S3 checks them. Everything else is moto's: anonymous requests meet the object ACLs and the bucket
policy, requests signed in their Authorization header are taken as moto takes them (unchecked).

    python -m tests.s3.signing_moto --port 5000 --credentials ACCESS_KEY:SECRET_KEY
"""

import argparse
import datetime
import os
from urllib.parse import parse_qsl

from botocore.auth import SIGV4_TIMESTAMP, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

QUERY_AUTH = {
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
    "X-Amz-Security-Token",
}


def refusal(code, message):
    body = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode()


def check_signed_link(environ, secrets, now=None):
    """None if the request's query-string signature is one S3 would accept, else (code, message)."""
    raw_query = environ.get("QUERY_STRING", "")
    params = dict(parse_qsl(raw_query, keep_blank_values=True))
    if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or "X-Amz-Signature" not in params:
        return "AccessDenied", "Only AWS4-HMAC-SHA256 query signatures are accepted"
    try:
        access_key, _day, region, service, _terminal = params["X-Amz-Credential"].split("/")
        signed_at = datetime.datetime.strptime(params["X-Amz-Date"], SIGV4_TIMESTAMP).replace(
            tzinfo=datetime.UTC
        )
        lifetime = int(params["X-Amz-Expires"])
    except (KeyError, ValueError):
        return "AuthorizationQueryParametersError", "Malformed query-string authorization"
    if access_key not in secrets:
        return "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."
    now = now or datetime.datetime.now(datetime.UTC)
    if now > signed_at + datetime.timedelta(seconds=lifetime):
        return "AccessDenied", "Request has expired"
    # Re-sign the request as it arrived, without its signature, at the time it states, with the secret.
    unsigned_query = "&".join(
        part for part in raw_query.split("&") if part.partition("=")[0] not in QUERY_AUTH
    )
    path = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ["PATH_INFO"]
    path = path.split("?", 1)[0]
    host = environ["HTTP_HOST"]
    url = f"http://{host}{path}" + (f"?{unsigned_query}" if unsigned_query else "")
    request = AWSRequest(method=environ["REQUEST_METHOD"], url=url, headers={"host": host})
    request.context["timestamp"] = params["X-Amz-Date"]
    signer = S3SigV4QueryAuth(Credentials(access_key, secrets[access_key]), service, region, expires=lifetime)
    signer._modify_request_before_signing(request)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if expected != params["X-Amz-Signature"]:
        return (
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
        )
    return None


class SignedLinkCheck:
    """WSGI middleware: a request signed in its query string reaches moto only if S3 would take it."""

    def __init__(self, app, secrets):
        self.app, self.secrets = app, secrets

    def __call__(self, environ, start_response):
        if "Signature=" in environ.get("QUERY_STRING", ""):
            refused = check_signed_link(environ, self.secrets)
            if refused:
                start_response("403 Forbidden", [("Content-Type", "application/xml")])
                return [refusal(*refused)]
        return self.app(environ, start_response)


def main():
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import run_simple

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--credentials", action="append", default=[], help="ACCESS_KEY:SECRET_KEY")
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    secrets = dict(pair.split(":", 1) for pair in args.credentials)
    app = SignedLinkCheck(DomainDispatcherApplication(create_backend_app), secrets)
    run_simple(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
