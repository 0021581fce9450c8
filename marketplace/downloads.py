"""How files leave the site: private files after a view's check, public media (development) safely.

Nothing uploaded is ever shown as a page: private files always go out as downloads, public media only inline
when it is a raster image or a PDF, and every answer says `X-Content-Type-Options: nosniff` so a browser does
not guess HTML from the bytes.
"""

import os

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.static import serve

from .files import CONTENT_TYPES

# What public media may show in the browser; everything else is an opaque download.
INLINE_CONTENT_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"}
OPAQUE = "application/octet-stream"


def private_file_response(field_file, *, filename, content_type):
    """Hand a private file to someone the calling view has already allowed.

    Always a download (`Content-Disposition: attachment`, the name RFC 6266-encoded so "ضمانت نامہ.pdf" and
    "Café.pdf" arrive intact), typed only as one of the kinds we accept (else application/octet-stream), with
    nosniff, and never kept by shared caches. On S3 it is a redirect to a signed link that expires; locally
    the file is streamed. A file missing from storage is a 404, not a 500.
    """
    content_type = content_type if content_type in CONTENT_TYPES.values() else OPAQUE
    storage = field_file.storage
    signed_url = getattr(storage, "signed_url", None)
    if signed_url is not None:
        response = HttpResponseRedirect(
            signed_url(field_file.name, filename=filename, content_type=content_type)
        )
    else:
        try:
            handle = storage.open(field_file.name, "rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def serve_public_media(request, path):
    """Serve MEDIA_ROOT in development (SERVE_MEDIA): images and PDFs inline, anything else (an HTML page, an
    SVG with a script) as an opaque download, so no upload runs as a page of our origin."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200 and response.get("Content-Type") not in INLINE_CONTENT_TYPES:
        response["Content-Type"] = OPAQUE
        response["Content-Disposition"] = content_disposition_header(True, os.path.basename(path))
    response["X-Content-Type-Options"] = "nosniff"
    return response
