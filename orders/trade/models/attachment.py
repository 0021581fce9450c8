"""Files attached to inquiry messages and RFQs; served only through a view that checks access."""

from django.db import models


class Attachment(models.Model):
    message = models.ForeignKey(
        "trade.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    rfq = models.ForeignKey(
        "trade.RFQ", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    # Not under MEDIA_URL's public listing: the file is streamed by trade:attachment after a permission check.
    file = models.FileField(upload_to="private/trade/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(message__isnull=False, rfq__isnull=True)
                | models.Q(message__isnull=True, rfq__isnull=False),
                name="attachment_has_one_owner",
            )
        ]

    def __str__(self):
        return self.name
