"""Proving an email address after sign-up: changing a signed-in user's address, and verifying an account that
was made without sign-up's link (admin, createsuperuser).

Both email a one-time link to the address to prove (an EmailConfirmation holding only the token's hash, valid
for PASSWORD_RESET_TIMEOUT like sign-up's link). The link works only for its own user, logged in: following it
changes the address (when it is a new one) and marks it verified. A change also tells the current address, so
a stolen session cannot quietly move an account elsewhere.

An address another account has gets, as in sign-up (services.request_signup), a note instead of a link, and
the page says the same "check that inbox" either way: the form tells no one which addresses have accounts.

Unverified accounts may browse but not write to suppliers: `require_verified_email` is the one rule that the
inquiry and RFQ services check, for their pages and their API alike.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.links import absolute_url
from marketplace.workflow import TransitionError, record

from .models import EmailConfirmation, User
from .services import AccountError, _email, _token_hash, password_reset_url
from .signals import announce_email_verified

# A second link within this time is refused: each request sends email to an address the user typed.
RESEND_INTERVAL = timedelta(minutes=1)


class EmailUnverified(TransitionError):
    """The user has not proven their email address yet (code "email_unverified"; the API answers 403)."""

    def __init__(self):
        super().__init__(
            _("Confirm your email address first: follow the link we emailed you, or ask for a new one."),
            code="email_unverified",
        )


def require_verified_email(user):
    """Refuse (EmailUnverified) a user whose email address is not verified."""
    if not user.email_verified:
        raise EmailUnverified()


def _valid_days():
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def _replace_confirmation(user, email) -> str:
    """Store a new link for `user` to prove `email` (the earlier one stops working); returns its token.
    AccountError "too_soon" if the last one is younger than RESEND_INTERVAL."""
    earlier = EmailConfirmation.objects.select_for_update().filter(user=user).first()
    if earlier is not None and earlier.created_at > timezone.now() - RESEND_INTERVAL:
        raise AccountError(
            _("We have just sent you a link. Wait a minute before asking for another one."), code="too_soon"
        )
    token = secrets.token_urlsafe(32)
    EmailConfirmation.objects.update_or_create(
        user=user, defaults={"email": email, "token_hash": _token_hash(token), "created_at": timezone.now()}
    )
    return token


def _send_link(user, email, token):
    context = {
        "user": user,
        "email": email,
        "confirm_url": absolute_url(reverse("accounts:email-confirm", args=[token])),
        "valid_days": _valid_days(),
    }
    _email(email, "registration/email_confirm_email.txt", context, key=f"email-confirm:{_token_hash(token)}")


@transaction.atomic
def request_email_change(user, new_email) -> None:
    """Ask to move `user`'s account to `new_email`: a link to the new address (or, when another account has
    it, a note to that address and no link), and a notice to the current one. The caller shows the same
    page whatever happened. AccountError "too_soon" right after another request; "same_email" for the
    address the account already has."""
    new_email = new_email.strip().lower()
    if new_email == user.email.lower():
        raise AccountError(_("This is already your email address."), code="same_email")
    User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time per user
    # On both paths: the same throttle, and an earlier link replaced (for a taken address the token is never
    # sent; the row only keeps the throttle).
    token = _replace_confirmation(user, new_email)
    other = User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).first()
    if other is None:
        _send_link(user, new_email, token)
    else:
        context = {"user": other, "login_url": absolute_url(reverse("login"))}
        if other.is_active and other.has_usable_password():
            context["reset_url"] = password_reset_url(other)
        _email(other.email, "registration/email_change_taken_email.txt", context)
    notice = {
        "user": user,
        "new_email": new_email,
        "profile_url": absolute_url(reverse("accounts:profile")),
        "reset_url": absolute_url(reverse("password_reset")),
    }
    _email(user.email, "registration/email_change_notice_email.txt", notice)


@transaction.atomic
def send_verification(user) -> bool:
    """Email an unverified `user` a new link proving their current address; False (nothing sent) when it is
    verified already. AccountError "too_soon" right after another link."""
    if user.email_verified:
        return False
    _send_link(user, user.email, _replace_confirmation(user, user.email))
    return True


def _invalid_link():
    return AccountError(
        _("This link is invalid, has expired or is for another account. Ask for a new one on your profile."),
        code="invalid_link",
    )


def pending_confirmation(user, token, *, for_update=False) -> EmailConfirmation:
    """`user`'s confirmation waiting for `token`; AccountError "invalid_link" if there is none for them
    (another user's link is no link of theirs) or it has expired."""
    rows = EmailConfirmation.objects.select_for_update() if for_update else EmailConfirmation.objects.all()
    pending = rows.filter(token_hash=_token_hash(token), user=user).first()
    expired_before = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    if pending is None or pending.created_at < expired_before:
        raise _invalid_link()
    return pending


@transaction.atomic
def confirm_email(user, token) -> User:
    """Follow `user`'s emailed link: their address becomes the one it was sent to, verified now; the link
    works once. AccountError "invalid_link" (see pending_confirmation), or "email_taken" when another account
    took the address since the link was sent."""
    pending = pending_confirmation(user, token, for_update=True)
    if User.objects.filter(email__iexact=pending.email).exclude(pk=user.pk).exists():
        raise AccountError(_("Another account has this email address now."), code="email_taken")
    pending.delete()
    user = User.objects.select_for_update().get(pk=user.pk)
    was = "verified" if user.email_verified else "unverified"
    changed = user.email.lower() != pending.email
    user.email, user.email_verified_at = pending.email, timezone.now()
    user.save(update_fields=["email", "email_verified_at"])
    record(user, was, "verified", user, field="email", note="address changed" if changed else "confirmed")
    announce_email_verified(user)
    return user
