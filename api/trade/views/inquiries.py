"""Inquiries: a buyer starts one to a supplier; the buyer and the supplier's members list, read and reply to
their threads. Threads are looked up among `threads_visible_to(user)`, the pages' rule: anyone else's is 404.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from catalog.models import Product, Supplier
from orders.trade.forms import InquiryForm, ReplyForm
from orders.trade.services import inquiries as service
from orders.trade.services.access import threads_visible_to

from ..representation import NewestFirst, error_responses
from ..serializers.inquiries import (
    InquiryCreateSerializer,
    MessageSerializer,
    ReplySerializer,
    ThreadSerializer,
)
from ..validation import check_with_form


def visible_threads(user):
    return threads_visible_to(user).select_related("supplier", "buyer", "product")


def visible_thread(user, pk):
    return get_object_or_404(visible_threads(user), pk=pk)


def _one(queryset, pk, field, message):
    """The object `pk` of `queryset`, or a validation error on `field` (an id in the body is input, not a
    path: a wrong one is a 400 saying which, never a 404)."""
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None and pk is not None:
        raise serializers.ValidationError({field: [message]})
    return found


class ThreadList(generics.ListCreateAPIView):
    serializer_class = ThreadSerializer
    filter_backends = [NewestFirst]
    ordering = ["-id"]

    def get_queryset(self):
        return visible_threads(self.request.user)

    @extend_schema(
        summary="Your inquiry threads, newest first",
        description="As a buyer and as a member of your suppliers; `role` says which side you are on.",
        responses={200: ThreadSerializer(many=True), **error_responses()},
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context() | {"unread": service.unread_counts(page, request.user)}
        return self.get_paginated_response(ThreadSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary="Start an inquiry",
        description="To an active supplier, optionally about one of its products, checked as the inquiry "
        "page checks it. Rate-limited per account (RATE_LIMIT_INQUIRIES_PER_HOUR): 429 rate_limited. An "
        "account whose email address is not confirmed yet: 403 email_unverified.",
        request=InquiryCreateSerializer,
        responses={201: ThreadSerializer, **error_responses(400, 409, 429)},
    )
    def post(self, request, *args, **kwargs):
        values = InquiryCreateSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        data = values.validated_data
        supplier = _one(Supplier.objects.all(), data["supplier"], "supplier", _("No supplier has this id."))
        product = _one(
            Product.objects.visible(), data.get("product"), "product", _("No product on sale has this id.")
        )
        form = check_with_form(InquiryForm, {name: data.get(name) for name in InquiryForm.DRAFT_FIELDS})
        thread = service.start_inquiry(
            buyer=request.user,
            supplier=supplier,
            product=product,
            body=form.cleaned_data["body"],
            quantity=form.cleaned_data["quantity"],
            destination_country=form.cleaned_data["destination_country"],
        )
        body = ThreadSerializer(
            visible_thread(request.user, thread.pk), context=self.get_serializer_context()
        )
        location = reverse("api:trade-inquiry-detail", args=[thread.pk])
        return Response(body.data, status=status.HTTP_201_CREATED, headers={"Location": location})


def thread_body(request, pk):
    thread = visible_thread(request.user, pk)
    context = {"request": request, "unread": service.unread_counts([thread], request.user)}
    return ThreadSerializer(thread, context=context).data


class ThreadDetail(generics.GenericAPIView):
    serializer_class = ThreadSerializer

    @extend_schema(
        summary="One of your inquiry threads", responses={200: ThreadSerializer, **error_responses(404)}
    )
    def get(self, request, pk):
        return Response(thread_body(request, pk))


class ThreadRead(generics.GenericAPIView):
    serializer_class = ThreadSerializer

    @extend_schema(
        summary="Mark one of your threads read",
        description="Your side has read it up to now, as opening it on the site does: `unread` drops to 0.",
        request=None,
        responses={200: ThreadSerializer, **error_responses(404)},
    )
    def post(self, request, pk):
        service.mark_read(visible_thread(request.user, pk), request.user)
        return Response(thread_body(request, pk))


class MessageList(generics.ListCreateAPIView):
    """A thread's messages, oldest first; a reply adds one (and counts as having read the thread)."""

    serializer_class = MessageSerializer
    filter_backends = [NewestFirst]
    ordering = ["id"]

    def get_queryset(self):
        thread = visible_thread(self.request.user, self.kwargs["pk"])
        return thread.messages.select_related("author", "thread__supplier").prefetch_related(
            Prefetch("attachments")
        )

    @extend_schema(summary="Messages of one of your threads, oldest first",
                   responses={200: MessageSerializer(many=True), **error_responses(404)})  # fmt: skip
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Reply in one of your threads",
        request=ReplySerializer,
        responses={201: MessageSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request, pk):
        thread = visible_thread(request.user, pk)
        values = ReplySerializer(data=request.data)
        values.is_valid(raise_exception=True)
        form = check_with_form(ReplyForm, values.validated_data)
        message = service.reply(thread, author=request.user, body=form.cleaned_data["body"])
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)
