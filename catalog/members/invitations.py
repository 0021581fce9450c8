"""Invitations to join a supplier: an emailed link for one address, usable once, for 7 days.

The token is only in the email; the row keeps its SHA-256, so a leaked database gives no working link.
States go PENDING -> ACCEPTED or PENDING -> REVOKED through `marketplace.workflow.transition` (locked,
audited, idempotent); an expired invitation stays PENDING in the table and is refused by its `expires_at`.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog.models import AssistedOnboarding, SupplierInvitation, SupplierMembership
from catalog.permissions import forget_roles, may
from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url
from marketplace.workflow import TransitionError, record, transition

from .errors import MembersError

State = SupplierInvitation.State
Role = SupplierMembership.Role
VALID_FOR = timedelta(days=7)
TRANSITIONS = {
    State.ACCEPTED: {State.PENDING},
    State.REVOKED: {State.PENDING},
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _email_language(email: str) -> str:
    """The invitee's chosen language when they already have an account that says; otherwise the inviter's
    page language (a coordinator inviting an artisan writes in the artisan's language)."""
    from django.contrib.auth import get_user_model

    known = get_user_model().objects.filter(email__iexact=email).values_list("language", flat=True).first()
    return known or translation.get_language() or "en"


def _send(invitation, token):
    context = {
        "invitation": invitation,
        "supplier": invitation.supplier,
        "inviter": invitation.invited_by,
        "accept_url": absolute_url(reverse("sell:invitation", args=[token])),
        "valid_days": VALID_FOR.days,
    }
    with translation.override(_email_language(invitation.email)):
        context["role"] = invitation.get_role_display()
        text = render_to_string("catalog/sell/members/invitation_email.txt", context)
    subject, _blank, body = text.partition("\n\n")
    # Sensitive: the body holds a link that makes its reader a member.
    queue_email(
        [invitation.email],
        subject.strip(),
        body.strip() + "\n",
        key=f"supplier-invitation:{invitation.pk}",
        sensitive=True,
    )


def invite(supplier, *, actor, email, role) -> tuple[SupplierInvitation, str]:
    """`actor` (an owner, or the coordinator managing `supplier`) invites `email` as `role` (owner or staff);
    returns the invitation and its token (emailed, not stored). An earlier pending invitation of the same
    address to the same supplier is revoked: only the newest link works. Refuses an address that is a
    member already."""
    if not may(actor, "manage_members", supplier):
        raise MembersError(_("You cannot invite people to this supplier."), code="forbidden")
    if role not in (Role.OWNER, Role.STAFF):
        raise MembersError(_("Choose owner or staff."), code="bad_role")
    email = email.strip().lower()
    if SupplierMembership.objects.filter(supplier=supplier, user__email__iexact=email).exists():
        raise MembersError(_("%(email)s is already a member.") % {"email": email}, code="already_member")
    with transaction.atomic():
        earlier = SupplierInvitation.objects.filter(
            supplier=supplier, email__iexact=email, state=State.PENDING
        )
        for pk in earlier.values_list("pk", flat=True):
            transition(SupplierInvitation, pk, State.REVOKED, TRANSITIONS, actor=actor, note="replaced")
        token = secrets.token_urlsafe(32)
        invitation = SupplierInvitation.objects.create(
            supplier=supplier,
            email=email,
            role=role,
            token_hash=token_hash(token),
            invited_by=actor,
            expires_at=timezone.now() + VALID_FOR,
        )
        record(invitation, "", State.PENDING, actor, note=f"invited as {role}")
        _send(invitation, token)
    return invitation, token


def find(token) -> SupplierInvitation | None:
    """The invitation of `token`, or None (an unknown or mistyped link)."""
    return (
        SupplierInvitation.objects.select_related("supplier", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def why_unusable(invitation, user) -> MembersError | None:
    """Why `user` (logged in) cannot accept `invitation` now, or None when they can."""
    if invitation is None:
        return MembersError(_("This invitation link is not valid. Check the link in the email."), "unknown")
    if invitation.state == State.REVOKED:
        return MembersError(_("This invitation was withdrawn. Ask for a new one."), code="revoked")
    if invitation.state == State.ACCEPTED:
        return MembersError(_("This invitation has already been used."), code="used")
    if invitation.expires_at <= timezone.now():
        return MembersError(_("This invitation has expired. Ask for a new one."), code="expired")
    if user.email.lower() != invitation.email.lower():
        return MembersError(
            _(
                "This invitation is for %(invited)s, but you are logged in as %(you)s. Log out and log in "
                "or sign up with %(invited)s."
            )
            % {"invited": invitation.email, "you": user.email},
            code="wrong_email",
        )
    if not user.email_verified:
        return MembersError(
            _(
                "Confirm your email address first: follow the link we emailed you, then open this "
                "invitation again."
            ),
            code="email_unverified",
        )
    return None


def accept(token, *, user) -> SupplierMembership:
    """`user` accepts the invitation of `token`: they become a member with its role (an owner invitation
    makes an existing member owner). Works once, for the invited, verified address, before it expires.
    An owner invitation to an artisan a coordinator onboarded hands the supplier over (`handed_over_at`);
    the coordinator keeps their membership until an owner removes it."""
    with transaction.atomic():
        invitation = find(token)
        refusal = why_unusable(invitation, user)
        if refusal is not None:
            raise refusal
        result = {}

        def check(obj):
            # Checked again under the lock: another tab may have used or revoked it meanwhile.
            refusal = why_unusable(obj, user)
            if refusal is not None:
                raise refusal

        def apply(obj):
            obj.accepted_by, obj.accepted_at = user, timezone.now()
            result["membership"] = _join(obj, user)

        try:
            transition(
                SupplierInvitation,
                invitation.pk,
                State.ACCEPTED,
                TRANSITIONS,
                actor=user,
                check=check,
                apply=apply,
            )
        except MembersError:
            raise
        except TransitionError as exc:  # revoked between the read and the lock
            raise MembersError(_("This invitation can no longer be used."), code="unusable") from exc
    forget_roles(user)
    user.__dict__.pop("_trade_supplier_ids", None)
    return result["membership"]


def _join(invitation, user) -> SupplierMembership:
    membership, created = SupplierMembership.objects.select_for_update().get_or_create(
        supplier=invitation.supplier, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Role.OWNER and membership.role != Role.OWNER:
        was = membership.role
        membership.role = Role.OWNER
        membership.save(update_fields=["role"])
        record(membership, was, Role.OWNER, user, field="role", note="owner invitation accepted")
    elif created:
        record(membership, "", membership.role, user, field="role", note="joined by invitation")
    if invitation.role == Role.OWNER:
        onboarding = (
            AssistedOnboarding.objects.select_for_update()
            .filter(supplier=invitation.supplier, handed_over_at__isnull=True)
            .first()
        )
        if onboarding is not None:
            onboarding.handed_over_at = timezone.now()
            onboarding.save(update_fields=["handed_over_at"])
            record(onboarding, "assisted", "handed_over", user, field="handed_over_at")
    return membership


def revoke(invitation, *, actor):
    """Withdraw a pending invitation (its link stops working). Idempotent; an accepted one cannot be."""
    if not may(actor, "manage_members", invitation.supplier):
        raise MembersError(_("You cannot manage this supplier's invitations."), code="forbidden")
    try:
        return transition(SupplierInvitation, invitation.pk, State.REVOKED, TRANSITIONS, actor=actor)
    except TransitionError as exc:
        raise MembersError(_("This invitation was already accepted."), code="accepted") from exc


def pending_for(supplier):
    """The supplier's invitations still waiting (not expired), newest first."""
    return SupplierInvitation.objects.filter(
        supplier=supplier, state=State.PENDING, expires_at__gt=timezone.now()
    ).select_related("invited_by")
