"""The proforma invoice of an accepted quote: what the buyer pays against, before the order ships.

Built here, where quotes live, with orders' document types and renderer (orders.trade may use orders, never
the reverse); listed for `orders.documents.documents_for` through `register`, called by the app's ready().
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.documents.content import DocumentLine, ExportDocument, buyer_party, payment_terms, supplier_party
from orders.documents.listing import DocumentLink, register_source
from orders.models import Order

from .models import Quote
from .services.access import member_supplier_ids

PROFORMA_INVOICE = "proforma-invoice"


def may_download(quote, user) -> bool:
    """An accepted quote's proforma invoice is for the RFQ's buyer and the members of the quoting supplier."""
    if not getattr(user, "is_authenticated", False) or quote.state != Quote.State.ACCEPTED:
        return False
    return quote.rfq.buyer_id == user.pk or quote.supplier_id in member_supplier_ids(user)


def downloadable_quote(user, rfq_pk, quote_pk):
    """The accepted quote `quote_pk` on RFQ `rfq_pk`, if `user` may download its proforma; else 404 (also
    for a quote that is not accepted)."""
    quote = get_object_or_404(
        Quote.objects.select_related("rfq__buyer__buyer_company", "supplier"), pk=quote_pk, rfq_id=rfq_pk
    )
    if not may_download(quote, user):
        raise Http404
    return quote


def proforma_invoice(quote) -> ExportDocument:
    """The proforma invoice of an accepted quote: the RFQ's item and quantity at the quoted unit price (the
    quantity break that applies), the total the buyer accepted, the quote's Incoterm and named place, validity
    and lead time, the platform's payment terms. Number PI-<quote>. No HS code: an RFQ names no product; the
    supplier gives the code when shipping, and the commercial invoice carries it."""
    rfq = quote.rfq
    unit_price = quote.unit_price_at(rfq.quantity)
    total = quote.total_for(rfq.quantity)
    order = Order.objects.filter(source_ref=f"quote:{quote.pk}").only("pk").first()
    return ExportDocument(
        kind=PROFORMA_INVOICE,
        title=_("Proforma invoice"),
        number=f"PI-{quote.pk}",
        issued_on=timezone.localdate(quote.updated_at),
        seller=supplier_party(quote.supplier),
        buyer=buyer_party(rfq.buyer),
        lines=(
            DocumentLine(
                description=rfq.title,
                hs_code="",
                quantity=rfq.quantity,
                unit=rfq.get_unit_display(),
                unit_price=unit_price,
                total=total,
            ),
        ),
        currency=quote.currency,
        total=total,
        incoterm=quote.incoterm,
        incoterm_place=quote.incoterm_place,
        destination_country=rfq.destination_country,
        order_number=str(order.pk) if order else "",
        payment_terms=payment_terms(settings.ESCROW_AUTO_RELEASE_DAYS),
        valid_until=quote.valid_until,
        lead_time_days=quote.lead_time_days,
        notes=(
            _("Quote %(quote)s on the request for quotation “%(rfq)s”.")
            % {"quote": quote.pk, "rfq": rfq.title},
        ),
    )


def quote_documents(quote, user) -> list[DocumentLink]:
    if not may_download(quote, user):
        return []
    return [
        DocumentLink(
            PROFORMA_INVOICE,
            _("Proforma invoice PI-%(quote)s") % {"quote": quote.pk},
            reverse("trade:quote-proforma", args=[quote.rfq_id, quote.pk]),
        )
    ]


def register():
    """Called once, by the app's ready()."""
    register_source(Quote, quote_documents)
