"""Attachments of inquiry messages and RFQs: PDFs or photos by their content (catalog.documents), photos
re-encoded without metadata, within ATTACHMENT_MAX_BYTES; stored privately under random names
(marketplace.files) and handed out only by trade:attachment to the people `may_download` allows."""

from django.conf import settings

from catalog.documents import check_document
from catalog.models import Supplier
from marketplace.files import CheckedFile

from .services.access import member_supplier_ids, supplier_can_see_rfq, threads_visible_to

MAX_FILES = 5


def check_attachment(upload):
    """Return `(checked_file, content_type)` for `upload`, or raise ValidationError with a message."""
    checked = check_document(upload, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    return checked, checked.content_type


def save_attachments(uploads, **owner):
    """Store `(checked_file, content_type)` pairs from `check_attachment` on a message or an RFQ (`owner` is
    message=… or rfq=…). Refuses an unchecked upload (TypeError): nothing is stored without the checks."""
    from .models import Attachment

    saved = []
    for checked, _content_type in uploads:
        if not isinstance(checked, CheckedFile):
            raise TypeError("save_attachments takes files checked by check_attachment.")
        saved.append(
            Attachment.objects.create(
                file=checked,
                name=checked.original_name,
                content_type=checked.content_type,
                size=checked.size,
                **owner,
            )
        )
    return saved


def may_download(user, attachment) -> bool:
    """Who may download an attachment: a curator; for a message, the parties of its thread unless a curator
    hid the message; for an RFQ, its buyer and the members of every supplier the RFQ reaches."""
    if not user.is_authenticated:
        return False
    if user.is_curator:
        return True
    if attachment.message_id:
        message = attachment.message
        return not message.hidden and threads_visible_to(user).filter(pk=message.thread_id).exists()
    rfq = attachment.rfq
    return rfq.buyer_id == user.pk or any(
        supplier_can_see_rfq(supplier, rfq)
        for supplier in Supplier.objects.filter(pk__in=member_supplier_ids(user))
    )
