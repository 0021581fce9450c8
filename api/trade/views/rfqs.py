"""A buyer's RFQs: post one, list and read their own, compare the quotes received, accept one.

Every lookup goes through the buyer's own RFQs (as the pages do), so anyone else's RFQ or quote is a 404.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, status
from rest_framework.response import Response

from orders.access import buyers_order
from orders.trade.forms import RFQForm, SeenQuoteForm
from orders.trade.models import RFQ, Quote
from orders.trade.services import rfqs as service

from ..representation import NewestFirst, error_responses
from ..serializers.orders import OrderSerializer
from ..serializers.rfqs import AcceptQuoteSerializer, QuoteSerializer, RFQCreateSerializer, RFQSerializer
from ..validation import check_with_form


def own_rfqs(user):
    """The RFQs `user` posted, with what their representation reads."""
    return (
        RFQ.objects.filter(buyer=user)
        .select_related("category", "cluster")
        .annotate(quote_count=Count("quotes", filter=Q(quotes__state__in=["submitted", "accepted"])))
    )


def own_rfq(user, pk):
    return get_object_or_404(own_rfqs(user), pk=pk)


def visible_quotes(rfq):
    """The quotes the buyer compares: every one but those withdrawn, as on the RFQ page."""
    return rfq.quotes.exclude(state=Quote.State.WITHDRAWN).select_related("supplier", "rfq")


class RFQList(generics.ListCreateAPIView):
    serializer_class = RFQSerializer
    filter_backends = [NewestFirst]
    ordering = ["-id"]

    def get_queryset(self):
        return own_rfqs(self.request.user)

    @extend_schema(summary="Your RFQs, newest first", responses={200: RFQSerializer(many=True),
                   **error_responses()})  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Post an RFQ",
        description="Checked as the RFQ page checks it; matching suppliers are invited. Rate-limited per "
        "account (RATE_LIMIT_RFQS_PER_DAY): 429 rate_limited. An account whose email address is not "
        "confirmed yet: 403 email_unverified.",
        request=RFQCreateSerializer,
        responses={201: RFQSerializer, **error_responses(400, 409, 429)},
    )
    def post(self, request, *args, **kwargs):
        values = RFQCreateSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        initial = {"unit": RFQ._meta.get_field("unit").default, "currency": request.user.preferred_currency}
        form = check_with_form(RFQForm, initial | values.validated_data)
        fields = {name: value for name, value in form.cleaned_data.items() if name != "attachments"}
        rfq = service.post_rfq(buyer=request.user, **fields)
        body = RFQSerializer(own_rfq(request.user, rfq.pk), context=self.get_serializer_context()).data
        location = reverse("api:trade-rfq-detail", args=[rfq.pk])
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})


@extend_schema(summary="One of your RFQs", responses={200: RFQSerializer, **error_responses(404)})
class RFQDetail(generics.RetrieveAPIView):
    serializer_class = RFQSerializer

    def get_queryset(self):
        return own_rfqs(self.request.user)


class QuoteList(generics.ListAPIView):
    """The quotes received on one of your RFQs (withdrawn ones left out), with the comparison's figures."""

    serializer_class = QuoteSerializer
    filter_backends = [NewestFirst]
    ordering = ["id"]

    def get_queryset(self):
        return visible_quotes(self.rfq)

    @extend_schema(summary="Quotes on one of your RFQs", responses={200: QuoteSerializer(many=True),
                   **error_responses(404)})  # fmt: skip
    def get(self, request, *args, **kwargs):
        self.rfq = own_rfq(request.user, kwargs["pk"])
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = service.compare_quotes(self.rfq, page)
        rows.sort(key=lambda row: row["quote"].pk)  # the page's order, not the comparison's cheapest-first
        return self.get_paginated_response(QuoteSerializer(rows, many=True).data)


def quote_row(rfq, quote_pk):
    quote = get_object_or_404(visible_quotes(rfq), pk=quote_pk)
    return service.compare_quotes(rfq, [quote])[0]


@extend_schema(
    summary="One quote on one of your RFQs", responses={200: QuoteSerializer, **error_responses(404)}
)
class QuoteDetail(generics.GenericAPIView):
    serializer_class = QuoteSerializer

    def get(self, request, pk, quote_pk):
        return Response(QuoteSerializer(quote_row(own_rfq(request.user, pk), quote_pk)).data)


class QuoteAccept(generics.GenericAPIView):
    serializer_class = AcceptQuoteSerializer

    @extend_schema(
        summary="Accept a quote",
        description="Send the quote's `revision` and `total` as you read them: if the supplier revised it "
        "since, nothing changes (409 quote_changed). The RFQ is awarded, the other quotes declined, and an "
        "order awaiting payment is made. Accepting the accepted quote again answers the same order; "
        "accepting another quote on an awarded RFQ answers 409 already_awarded.",
        request=AcceptQuoteSerializer,
        responses={
            200: inline_serializer("Acceptance", {"quote": QuoteSerializer(), "order": OrderSerializer()}),
            **error_responses(400, 404, 409, 422),
        },
    )
    def post(self, request, pk, quote_pk):
        rfq = own_rfq(request.user, pk)
        quote = get_object_or_404(rfq.quotes, pk=quote_pk)
        seen = AcceptQuoteSerializer(data=request.data)
        seen.is_valid(raise_exception=True)
        total = seen.validated_data["total"]
        values = {
            "revision": seen.validated_data["revision"],
            "total": total["amount"],
            "currency": total["currency"],
        }
        revision, seen_total = check_with_form(SeenQuoteForm, values).seen()
        order = service.accept_quote(quote, actor=request.user, seen_revision=revision, seen_total=seen_total)
        body = {
            "quote": QuoteSerializer(quote_row(own_rfq(request.user, pk), quote.pk)).data,
            "order": OrderSerializer(buyers_order(request.user, order.pk), context={"request": request}).data,
        }
        return Response(body)
