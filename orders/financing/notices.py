"""Telling a lender's officers that an order they advanced on is at risk: a refund or a dispute.

Called in the transaction of the change it reports; the email is queued once per cause (its key), so a
webhook delivered twice tells them once. Officers read English: lenders are institutions and the page they
are sent to is in English unless they switch it.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url

from .models import Advance, LenderOfficer

AT_RISK_STATES = (Advance.State.APPROVED, Advance.State.DISBURSED)


def tell_lenders_order_at_risk(order, *, cause: str, key: str) -> int:
    """Email the officers of every lender with an approved or disbursed advance on `order`. `cause` says what
    happened in a few words; `key` names the event ("refund:re_1"). Returns how many emails were new."""
    new = 0
    advances = Advance.objects.filter(order=order, state__in=AT_RISK_STATES).select_related(
        "lender", "supplier"
    )
    for advance in advances:
        officers = LenderOfficer.objects.filter(lender=advance.lender_id).select_related("user")
        subject = _("Advance %(number)s: order %(order)s at risk") % {"number": advance.pk, "order": order.pk}
        body = _(
            "%(cause)s on order %(order)s, against which %(lender)s has an advance to %(supplier)s. "
            "Its escrow is frozen until this is settled; what is refunded to the buyer no longer repays "
            "the advance. See the advance and your exposure at %(url)s"
        ) % {
            "cause": cause,
            "order": order.pk,
            "lender": advance.lender.name,
            "supplier": advance.supplier.name,
            "url": absolute_url(reverse("orders:lend-advance", args=[advance.pk])),
        }
        new += queue_email(
            [officer.user.email for officer in officers],
            subject,
            body,
            key=f"advance-risk:{advance.pk}:{key}",
        )
    return new
