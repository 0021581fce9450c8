"""A buyer's orders: the list, and one order with its status, lines, totals and shipments.

The rule is the pages': `orders.access.buyers_order` (an order its buyer may open; anyone else, its suppliers
included, gets 404). Its export documents download here as PDF with the order pages' rule
(`orders.documents.shipment.downloadable_fulfilment`): the buyer of the order only, here.
"""

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from orders.access import buyers_order
from orders.documents.rendering import pdf_response
from orders.documents.shipment import BUILDERS, downloadable_fulfilment
from orders.models import Fulfilment, Order

from ..representation import NewestFirst, error_responses
from ..serializers.orders import OrderSerializer, OrderSummarySerializer


@extend_schema(summary="Your orders, newest first", responses={200: OrderSummarySerializer(many=True),
               **error_responses()})  # fmt: skip
class OrderList(generics.ListAPIView):
    serializer_class = OrderSummarySerializer
    filter_backends = [NewestFirst]
    ordering = ["-id"]

    def get_queryset(self):
        return Order.objects.filter(buyer=self.request.user).prefetch_related(
            "lines", Prefetch("fulfilments", queryset=Fulfilment.objects.select_related("supplier"))
        )


class OrderDetail(generics.GenericAPIView):
    serializer_class = OrderSerializer

    @extend_schema(summary="One of your orders", responses={200: OrderSerializer, **error_responses(404)})
    def get(self, request, pk):
        return Response(OrderSerializer(buyers_order(request.user, pk), context={"request": request}).data)


class PDFRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the PDF itself is an HttpResponse, never rendered."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class OrderDocument(generics.GenericAPIView):
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(
        summary="An export document of one of your orders' shipments, as PDF",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            **error_responses(404),
        },
    )
    def get(self, request, pk, kind, part):
        build = BUILDERS.get(kind)
        fulfilment = downloadable_fulfilment(request.user, pk, part)
        # The API's orders are the buyer's (as OrderDetail): a supplier's member gets 404 here too.
        if build is None or fulfilment.order.buyer_id != request.user.pk:
            raise Http404
        return pdf_response(build(fulfilment))

    def handle_exception(self, exc):
        # An error is JSON even to a client that asked for PDF only.
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)
