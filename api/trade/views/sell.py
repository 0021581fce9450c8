"""A supplier's side of RFQs: the open RFQs that match it, one of them, and its own quote on it (submit or
revise), with the services and rules of /sell/rfqs/.

A member of several suppliers says which one acts with ?supplier=<id> (else the first by name, as the page
does); a supplier they are not a member of is a 404, and so is an RFQ their supplier may not see.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from catalog.models import Supplier
from orders.trade.forms import QuoteForm
from orders.trade.models import RFQ, Quote
from orders.trade.services import rfqs as service
from orders.trade.services.access import rfqs_for_supplier_ids, supplier_can_see_rfq

from ..representation import NewestFirst, error_responses
from ..serializers.sell import OpenRFQSerializer, OwnQuoteSerializer, QuoteTermsSerializer
from ..validation import check_with_form

SUPPLIER_PARAMETER = OpenApiParameter(
    "supplier", int, description="The supplier you act for, if you are a member of several."
)


class ActingSupplierQuery(serializers.Serializer):
    supplier = serializers.IntegerField(required=False)


def acting_supplier(request):
    query = ActingSupplierQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    suppliers = Supplier.objects.for_member(request.user).order_by("name")
    if "supplier" in query.validated_data:
        suppliers = suppliers.filter(pk=query.validated_data["supplier"])
    return get_object_or_404(suppliers[:1])


def visible_rfq(supplier, pk):
    rfq = get_object_or_404(RFQ.objects.select_related("category", "cluster"), pk=pk)
    if not supplier_can_see_rfq(supplier, rfq):
        raise Http404
    return rfq


def own_quotes(supplier, rfqs):
    return {quote.rfq_id: quote for quote in Quote.objects.filter(supplier=supplier, rfq__in=rfqs)
            .select_related("supplier")}  # fmt: skip


class OpenRFQList(generics.ListAPIView):
    serializer_class = OpenRFQSerializer
    filter_backends = [NewestFirst]
    ordering = ["-id"]

    def get_queryset(self):
        return (
            rfqs_for_supplier_ids({self.supplier.pk})
            .filter(state=RFQ.State.OPEN, deadline__gt=timezone.now())
            .select_related("category", "cluster")
        )

    @extend_schema(
        summary="Open RFQs your supplier may quote on, newest first",
        parameters=[SUPPLIER_PARAMETER],
        responses={200: OpenRFQSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request, *args, **kwargs):
        self.supplier = acting_supplier(request)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context() | {"own_quotes": own_quotes(self.supplier, page)}
        return self.get_paginated_response(OpenRFQSerializer(page, many=True, context=context).data)


class OpenRFQDetail(generics.GenericAPIView):
    serializer_class = OpenRFQSerializer

    @extend_schema(
        summary="An RFQ your supplier may see, with your quote on it",
        parameters=[SUPPLIER_PARAMETER],
        responses={200: OpenRFQSerializer, **error_responses(400, 404)},
    )
    def get(self, request, pk):
        supplier = acting_supplier(request)
        rfq = visible_rfq(supplier, pk)
        context = {"request": request, "own_quotes": own_quotes(supplier, [rfq])}
        return Response(OpenRFQSerializer(rfq, context=context).data)


class OwnQuote(generics.GenericAPIView):
    serializer_class = OwnQuoteSerializer

    def get_object(self):
        """The acting supplier's quote on the RFQ (OPTIONS asks for it too, to describe PUT)."""
        supplier = acting_supplier(self.request)
        rfq = visible_rfq(supplier, self.kwargs["pk"])
        return get_object_or_404(Quote.objects.select_related("supplier"), rfq=rfq, supplier=supplier)

    @extend_schema(
        summary="Your quote on an RFQ",
        parameters=[SUPPLIER_PARAMETER],
        responses={200: OwnQuoteSerializer, **error_responses(400, 404)},
    )
    def get(self, request, pk):
        return Response(OwnQuoteSerializer(self.get_object()).data)

    @extend_schema(
        summary="Submit or revise your quote on an RFQ",
        description="Checked as the quote form checks it; until the RFQ's deadline (409 rfq_closed), only "
        "for a matching supplier (409 not_matching), and not once accepted or declined (409 quote_final). A "
        "revision raises the quote's `revision`: a buyer who saw the old terms cannot accept them.",
        parameters=[SUPPLIER_PARAMETER],
        request=QuoteTermsSerializer,
        responses={200: OwnQuoteSerializer, **error_responses(400, 404, 409)},
    )
    def put(self, request, pk):
        supplier = acting_supplier(request)
        rfq = visible_rfq(supplier, pk)
        terms = QuoteTermsSerializer(data=request.data)
        terms.is_valid(raise_exception=True)
        existing = Quote.objects.filter(rfq=rfq, supplier=supplier).first()
        form = check_with_form(
            QuoteForm, terms.form_values(), instance=existing, field_names={"tiers_text": "price_breaks"}
        )
        quote = service.submit_quote(rfq, supplier=supplier, actor=request.user, **form.terms())
        quote = Quote.objects.select_related("supplier").get(pk=quote.pk)
        return Response(OwnQuoteSerializer(quote).data)
