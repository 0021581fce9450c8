"""Buyer sign-up that tells no one which addresses have accounts, and the way back into a locked account.

Sign-up always answers the same ("check your inbox") and sends one email to the address given: a link that
creates the account for a new address, or, for an address with an account, a note that someone tried to sign
up with a link to reset the password. Only the address's owner learns which. Both paths do the same work
(the password is hashed either way), so the time taken tells nothing either.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url

from .models import BuyerCompany, PendingSignup, User
from .signals import announce_email_verified


class AccountError(Exception):
    """A sign-up confirmation that cannot be done. `code` is stable for callers; `message` is for people."""

    def __init__(self, message, code="account_error"):
        super().__init__(message)
        self.message = message
        self.code = code


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def password_reset_url(user) -> str:
    """The absolute link that lets `user` choose a new password (Django's reset token: one use, expires
    after PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("password_reset_confirm", args=[uid, token]))


def _email(to, template, context, key=None):
    """Queue the email of `template` (subject, a blank line, body) to `to`. Sensitive: these emails hold
    links that open the account, so operators see who they went to, not what they say."""
    subject, _blank, body = render_to_string(template, context).partition("\n\n")
    queue_email([to], subject.strip(), body.strip() + "\n", key=key, sensitive=True)


def request_signup(
    *,
    email,
    password,
    full_name,
    company,
    country,
    preferred_currency,
    next_url="",
    confirm_template="registration/signup_confirm_email.txt",
):
    """Answer a sign-up for `email` by email only; the caller shows the same page whatever happened.

    A new address gets a confirmation link (a PendingSignup, replacing any earlier one for the address); an
    address with an account gets a note and, if the account is active, a password reset link. Nothing is
    created for an existing address.
    """
    email = email.strip().lower()
    hashed = make_password(password)  # on both paths: equal work, equal time
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        context = {"user": existing, "login_url": absolute_url(reverse("login"))}
        if existing.is_active and existing.has_usable_password():
            context["reset_url"] = password_reset_url(existing)
        _email(existing.email, "registration/signup_existing_email.txt", context)
        return
    token = secrets.token_urlsafe(32)
    PendingSignup.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "company": company,
            "country": country.upper(),
            "preferred_currency": preferred_currency,
            "password": hashed,
            "next_url": next_url,
            "token_hash": _token_hash(token),
            "created_at": timezone.now(),
        },
    )
    context = {
        "full_name": full_name,
        "confirm_url": absolute_url(reverse("signup-confirm", args=[token])),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    _email(email, confirm_template, context, key=f"signup-confirm:{_token_hash(token)}")


def request_supplier_signup(*, email, password, full_name, next_url=""):
    """An artisan's sign-up: as a buyer's (same answer whatever the address, same confirmation link), without
    a buyer company: their business is named on their application to sell (catalog.onboarding)."""
    request_signup(
        email=email,
        password=password,
        full_name=full_name,
        company="",
        country="",
        preferred_currency="USD",
        next_url=next_url,
        confirm_template="registration/supplier_signup_confirm_email.txt",
    )


def is_supplier_signup(pending) -> bool:
    """A buyer's sign-up always names their company (the form requires it); an artisan's never does."""
    return not pending.company


def pending_signup(token, *, for_update=False) -> PendingSignup:
    """The sign-up waiting for `token` (locked with `for_update`); AccountError if there is none or its link
    has expired (as long as a password reset link: PASSWORD_RESET_TIMEOUT)."""
    rows = PendingSignup.objects.select_for_update() if for_update else PendingSignup.objects.all()
    pending = rows.filter(token_hash=_token_hash(token)).first()
    expired_before = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    if pending is None or pending.created_at < expired_before:
        raise AccountError(
            _("This confirmation link is invalid or has expired. Sign up again to get a new one."),
            code="invalid_link",
        )
    return pending


@dataclass
class ConfirmedSignup:
    user: User
    next_url: str  # where the visitor was going when they signed up ("" if nowhere)


@transaction.atomic
def confirm_signup(token, *, language="") -> ConfirmedSignup:
    """Create the buyer account (and its company) of the sign-up waiting for `token`; the link works once.
    An artisan's sign-up makes an account without a company, in `language` (the page's): the emails about
    their application are written in it.

    AccountError if the link is invalid or expired, or if the address has an account already.
    """
    pending = pending_signup(token, for_update=True)
    if User.objects.filter(email__iexact=pending.email).exists():
        raise AccountError(
            _("This email address has an account already: log in, or reset your password."),
            code="account_exists",
        )
    pending.delete()
    supplier_signup = is_supplier_signup(pending)
    company = None
    if not supplier_signup:
        company = BuyerCompany.objects.create(name=pending.company, country=pending.country)
    user = User(
        email=pending.email,
        full_name=pending.full_name,
        country=pending.country,
        preferred_currency=pending.preferred_currency,
        buyer_company=company,
        email_verified_at=timezone.now(),  # following the emailed link proved the address
        language=language if supplier_signup and language in dict(settings.LANGUAGES) else "",
    )
    user.password = pending.password
    user.save()
    announce_email_verified(user)
    return ConfirmedSignup(user=user, next_url=pending.next_url)
