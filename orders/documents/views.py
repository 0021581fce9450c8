"""Downloads of a shipment's export documents (the quote's proforma invoice is in orders.trade)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from .rendering import pdf_response
from .shipment import BUILDERS, downloadable_fulfilment


@login_required
@require_GET
def shipment_document(request, pk, kind, fulfilment_pk):
    """A commercial invoice or packing list as a PDF download, to the order's buyer and the members of the
    supplier who shipped that part; 404 for anyone else, an unknown kind or a part not shipped yet."""
    build = BUILDERS.get(kind)
    if build is None:
        raise Http404
    return pdf_response(build(downloadable_fulfilment(request.user, pk, fulfilment_pk)))
