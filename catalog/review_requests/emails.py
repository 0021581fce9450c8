"""The email that tells a hidden listing's supplier what a curator decided: shown again, or kept hidden with
the curator's reply. Sent to each of the supplier's active members, each in their own language
(User.language, the site's default when they chose none), as catalog.onboarding emails an applicant.

Queued with marketplace.jobs.mail.queue_email inside the decision's transaction (a rollback sends nothing),
under a key naming the audit record of the decision, so a repeated call queues nothing new.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url

TEMPLATES = {
    "unhidden": "catalog/sell/review_requests/emails/unhidden.txt",
    "kept_hidden": "catalog/sell/review_requests/emails/kept_hidden.txt",
}


def _members(supplier):
    return [m.user for m in supplier.memberships.select_related("user") if m.user.is_active and m.user.email]


def tell_supplier(product, decision, *, note="", review=None, key):
    """Queue the curator's `decision` ("unhidden" or "kept_hidden") on `product` to its supplier's members.

    `note` is the curator's words to the artisan (required for kept_hidden, optional otherwise); `review` is
    the request it answers, if the artisan asked; `key` names the decision (one audit record), so the same
    decision is emailed once. Returns how many messages were new.
    """
    context = {
        "product": product,
        "supplier": product.supplier,
        "note": note,
        "review": review,
        "listing_url": absolute_url(reverse("sell:product-edit", args=[product.pk])),
    }
    new = 0
    for user in _members(product.supplier):
        with translation.override(user.language or settings.LANGUAGE_CODE):
            text = render_to_string(TEMPLATES[decision], {**context, "user": user})
        subject, _blank, body = text.partition("\n\n")
        new += queue_email([user.email], subject.strip(), body.strip() + "\n", key=key)
    return new
