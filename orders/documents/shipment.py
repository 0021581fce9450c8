"""The documents of one supplier's shipment: its commercial invoice and its packing list.

A multi-supplier order ships in several parts (fulfilments), each from its own seller, so each shipped part
has its own pair of documents. Both read the order as it was sold and the shipment as the supplier declared it
at shipping; nothing is recomputed or converted.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import Money

from ..models import Fulfilment, OrderLine
from .content import DocumentLine, ExportDocument, Packing, Party, buyer_party, payment_terms, supplier_party

COMMERCIAL_INVOICE = "commercial-invoice"
PACKING_LIST = "packing-list"
SHIPPED_STATES = (Fulfilment.State.SHIPPED, Fulfilment.State.DELIVERED)


def is_shipped(fulfilment) -> bool:
    return fulfilment.state in SHIPPED_STATES and fulfilment.shipped_at is not None


def may_download(fulfilment, user) -> bool:
    """The rule for a shipment's documents: the order's buyer and the members of the supplier who shipped it.

    Not the other suppliers of the same order (prices and buyer details of a part are not theirs), and not
    operators: the issue asks for the two parties only, and operators read the same figures in the admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    return fulfilment.order.buyer_id == user.pk or fulfilment.supplier.has_member(user)


def downloadable_fulfilment(user, order_pk, fulfilment_pk):
    """The shipped part `fulfilment_pk` of order `order_pk` with what its documents need, if `user` may
    download its documents (`may_download`); else 404, as for a part that is not shipped yet."""
    fulfilment = get_object_or_404(
        Fulfilment.objects.select_related("order__buyer__buyer_company", "supplier").prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product").order_by("pk"))
        ),
        pk=fulfilment_pk,
        order_id=order_pk,
    )
    if not may_download(fulfilment, user) or not is_shipped(fulfilment):
        raise Http404
    return fulfilment


def _consignee(order) -> Party | None:
    if not order.shipping_name and not order.shipping_address:
        return None
    return Party(
        name=order.shipping_name,
        address_lines=tuple(line.strip() for line in order.shipping_address.splitlines() if line.strip()),
        country=order.shipping_country,
    )


def _packing(fulfilment) -> Packing:
    return Packing(
        package_count=fulfilment.package_count,
        package_type=fulfilment.get_package_type_display() if fulfilment.package_type else "",
        gross_weight_kg=fulfilment.gross_weight_kg,
        net_weight_kg=fulfilment.net_weight_kg,
        dimensions=fulfilment.dimensions,
        shipping_marks=fulfilment.shipping_marks,
    )


def _lines(fulfilment, currency):
    return tuple(
        DocumentLine(
            description=line.description,
            hs_code=line.customs_hs_code,
            quantity=line.quantity,
            unit=line.unit_label,
            unit_price=Money(line.unit_price, currency),
            total=Money(line.amount, currency).rounded(),
        )
        for line in fulfilment.lines.all()
    )


def _shipment_document(fulfilment, *, kind, title, prefix) -> ExportDocument:
    order = fulfilment.order
    return ExportDocument(
        kind=kind,
        title=title,
        number=f"{prefix}-{order.pk}-{fulfilment.pk}",
        issued_on=timezone.localdate(fulfilment.shipped_at),
        seller=supplier_party(fulfilment.supplier),
        buyer=buyer_party(order.buyer),
        consignee=_consignee(order),
        lines=_lines(fulfilment, order.currency),
        currency=order.currency,
        total=fulfilment.total,
        incoterm=order.incoterm,
        incoterm_place=order.incoterm_place,
        destination_country=order.destination_country or order.shipping_country,
        order_number=str(order.pk),
        carrier=fulfilment.carrier,
        tracking_number=fulfilment.tracking_number,
        payment_terms=payment_terms(settings.ESCROW_AUTO_RELEASE_DAYS),
        packing=_packing(fulfilment),
    )


def commercial_invoice(fulfilment) -> ExportDocument:
    """The commercial invoice of a shipped part: seller = its supplier, its lines with HS codes and prices,
    its total, the order's Incoterm and named place, origin Pakistan. Number CI-<order>-<part>."""
    return _shipment_document(fulfilment, kind=COMMERCIAL_INVOICE, title=_("Commercial invoice"), prefix="CI")


def packing_list(fulfilment) -> ExportDocument:
    """The packing list of a shipped part: its lines and quantities, the packages and weights the supplier
    declared at shipping. Number PL-<order>-<part>."""
    return _shipment_document(fulfilment, kind=PACKING_LIST, title=_("Packing list"), prefix="PL")


BUILDERS = {COMMERCIAL_INVOICE: commercial_invoice, PACKING_LIST: packing_list}
