"""A buyer's orders: the list, and one order with its status, lines, totals and shipments.

The rule is the pages': `orders.access.buyers_order` (an order its buyer may open; anyone else, its suppliers
included, gets 404). Export documents are not here yet.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from orders.access import buyers_order
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
        return Response(OrderSerializer(buyers_order(request.user, pk)).data)
