"""The emails of an application: to the applicant when a curator decides or asks, in the applicant's language
(User.language), and to the curators when a new application arrives.

Queued with marketplace.jobs.mail.queue_email inside the decision's transaction (a rollback sends nothing),
each under a key naming the state change it reports, so a repeated call queues nothing new.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from marketplace.accounts.models import CURATORS_GROUP
from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url
from marketplace.workflow import history


def when(value) -> str:
    """A date or a moment as the pages write it, in the active language."""
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATE_FORMAT")
    return date_format(value, "DATE_FORMAT")


def _language_of(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def _send(user, template, context, key):
    """Render `template` (subject line, blank line, body) in `user`'s language and queue it to them."""
    with translation.override(_language_of(user)):
        text = render_to_string(template, {**context, "user": user})
    subject, _blank, body = text.partition("\n\n")
    queue_email([user.email], subject.strip(), body.strip() + "\n", key=key)


def tell_applicant(application, kind):
    """`kind` is approved, info_requested or declined: the state the application just entered."""
    from .applications import may_reapply_from  # the services import this module

    change = history(application).last()
    reapply_from = may_reapply_from(application)
    with translation.override(_language_of(application.applicant)):
        reapply_date = when(reapply_from) if reapply_from else ""
    _send(
        application.applicant,
        f"catalog/sell/join/emails/{kind}.txt",
        {
            "application": application,
            "supplier": application.supplier,
            "sell_url": absolute_url(reverse("sell:dashboard")),
            "reapply_date": reapply_date,
        },
        key=f"application-{kind}:{application.pk}:{change.pk if change else 0}",
    )


def curators():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=CURATORS_GROUP))
        .distinct()
    )


def tell_curators_of_new_application(application):
    url = absolute_url(reverse("catalog_applications:detail", args=[application.pk]))
    for curator in curators():
        _send(
            curator,
            "catalog/sell/join/emails/new_application.txt",
            {"application": application, "supplier": application.supplier, "review_url": url},
            key=f"application-submitted:{application.pk}",
        )
