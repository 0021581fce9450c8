"""The proforma invoice download of an accepted quote."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from orders.documents.rendering import pdf_response

from ..documents import downloadable_quote, proforma_invoice


@login_required
@require_GET
def quote_proforma(request, pk, quote_pk):
    """The proforma invoice as a PDF download, to the RFQ's buyer and the quoting supplier's members, once the
    quote is accepted; 404 for anyone else and for a quote that is not accepted."""
    return pdf_response(proforma_invoice(downloadable_quote(request.user, pk, quote_pk)))
