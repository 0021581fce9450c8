"""Inquiry threads and their messages, for the buyer and for the supplier's members; starting and replying.

Attachments are not in the API yet (the pages take and serve them); a message says how many it has.
"""

from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from orders.trade.models import Message, Thread

from ..representation import LabelledChoiceField
from .refs import TradeProductRefSerializer, TradeSupplierRefSerializer


class ThreadSerializer(CountryFieldMixin, serializers.ModelSerializer):
    supplier = TradeSupplierRefSerializer(read_only=True)
    product = TradeProductRefSerializer(read_only=True, allow_null=True)
    buyer_name = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField(help_text=_("Your side of the conversation."))
    state = LabelledChoiceField(Thread.State)
    unread = serializers.SerializerMethodField(help_text=_("Messages from the other side you have not read."))

    class Meta:
        model = Thread
        fields = ["id", "subject", "supplier", "product", "buyer_name", "role", "quantity",
                  "destination_country", "state", "unread", "created_at", "last_message_at"]  # fmt: skip
        read_only_fields = fields

    def get_buyer_name(self, thread) -> str:
        return str(thread.buyer)

    @extend_schema_field(serializers.ChoiceField(choices=["buyer", "supplier"]))
    def get_role(self, thread):
        return "buyer" if thread.buyer_id == self.context["request"].user.pk else "supplier"

    def get_unread(self, thread) -> int:
        return self.context.get("unread", {}).get(thread.pk, 0)


class MessageSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField(
        help_text=_("The supplier's name for its members' messages, the buyer's name for theirs.")
    )
    body = serializers.SerializerMethodField(help_text=_("Null when a curator hid the message."))
    attachment_count = serializers.SerializerMethodField(
        help_text=_("Files attached on the site; the API does not serve them yet.")
    )
    sent_by = serializers.SerializerMethodField(
        help_text=_(
            "The cluster coordinator who wrote it for the supplier (the message reads "
            "“sent by <coordinator> for <supplier>”); null otherwise."
        )
    )

    class Meta:
        model = Message
        fields = [
            "id",
            "from_supplier",
            "author_name",
            "sent_by",
            "body",
            "hidden",
            "attachment_count",
            "created_at",
        ]
        read_only_fields = fields

    def get_author_name(self, message) -> str:
        return message.thread.supplier.name if message.from_supplier else str(message.author)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_sent_by(self, message):
        return str(message.author) if message.by_coordinator else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body(self, message):
        return None if message.hidden else message.body

    def get_attachment_count(self, message) -> int:
        return len(message.attachments.all())


class InquiryCreateSerializer(serializers.Serializer):
    """What the inquiry page's form takes (attachments aside), and whom it goes to."""

    supplier = serializers.IntegerField(help_text=_("The supplier's id."))
    product = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("A product of that supplier, if the inquiry is about one."),
    )
    body = serializers.CharField(help_text=_("The first message."))
    quantity = serializers.IntegerField(required=False, allow_null=True)
    destination_country = serializers.CharField(required=False, allow_blank=True)


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField()
