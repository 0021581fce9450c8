"""Export documents to PDF: a Django template per kind, laid out by WeasyPrint, offline.

Fonts are named by family and found by fontconfig among Debian's packages (fonts-noto-core,
fonts-dejavu-core): Noto Sans for Latin text, then Noto Naskh Arabic, which WeasyPrint picks per character for
Arabic script, so an Urdu business name prints in its own letters, not as empty boxes; DejaVu Sans last for
any symbol the others lack. Naskh rather than Nastaliq: with Noto Nastaliq Urdu's ligatures the PDF's text
layer loses letters (copying or searching the name fails), with Naskh it keeps every one.

Nothing is fetched: the stylesheet is inline, and the URL fetcher refuses every URL but `data:`, so no text a
buyer or supplier typed can make the server open a network address or a local file while rendering.

WeasyPrint is imported on the first render, not with the URLconf: importing it takes about two seconds, which
every process start (tests, commands, workers) would otherwise pay.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from .content import ExportDocument

FONT_STACK = '"Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'
# WeasyPrint narrates each step of each render at INFO ("Step 1 - Fetching and parsing HTML"): noise in the
# site's log at every download. Its warnings (a refused URL, a missing font) still come through.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def offline_fetcher():
    """WeasyPrint's fetcher limited to `data:` URLs; any other URL is refused (WeasyPrint leaves it out)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_html(document: ExportDocument) -> str:
    return render_to_string(
        f"orders/documents/{document.kind}.html",
        {"document": document, "font_stack": FONT_STACK, "language": get_language() or "en"},
    )


def render_pdf(document: ExportDocument) -> bytes:
    """The document as PDF bytes (a few tens of milliseconds for a page)."""
    from weasyprint import HTML

    return HTML(string=render_html(document), url_fetcher=offline_fetcher()).write_pdf()


def pdf_response(document: ExportDocument) -> HttpResponse:
    """The document as a download for someone the view has allowed: an attachment named after its number,
    never kept by a shared cache or the browser's."""
    response = HttpResponse(render_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
