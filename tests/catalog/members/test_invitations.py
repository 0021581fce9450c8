"""Invitations as services: who may invite, and a link that works once, for its address, for 7 days."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from catalog.members import invitations
from catalog.members.errors import MembersError
from catalog.models import SupplierInvitation, SupplierMembership
from marketplace.audit.models import StateChange
from marketplace.jobs.models import OutgoingEmail
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Role = SupplierMembership.Role
State = SupplierInvitation.State


def invite(supplier, actor, email="new.member@example.com", role=Role.STAFF):
    return invitations.invite(supplier, actor=actor, email=email, role=role)


def test_owner_invites_by_email_and_only_the_hash_of_the_token_is_stored(supplier, artisan):
    invitation, token = invite(supplier, artisan, email=" New.Member@Example.com ")

    assert invitation.email == "new.member@example.com"
    assert invitation.state == State.PENDING
    assert invitation.token_hash == invitations.token_hash(token) != token
    assert (
        timezone.now() + timedelta(days=6, hours=23)
        < invitation.expires_at
        <= timezone.now() + timedelta(days=7)
    )
    email = OutgoingEmail.objects.get(to="new.member@example.com")
    assert f"/sell/invitations/{token}/" in email.body
    assert supplier.name in email.subject
    assert email.sensitive


def test_the_invitation_email_is_in_the_invitees_language_when_known(supplier, artisan, monkeypatch):
    """The email is rendered in the invitee's language when their account says, else in the inviter's."""
    UserFactory(email="urdu.reader@example.com", language="ur")
    seen = []
    real = invitations.render_to_string

    def spy(*args, **kwargs):
        seen.append(translation.get_language())
        return real(*args, **kwargs)

    monkeypatch.setattr(invitations, "render_to_string", spy)
    with translation.override("en"):
        invite(supplier, artisan, email="urdu.reader@example.com")
        invite(supplier, artisan, email="nobody.yet@example.com")

    assert seen == ["ur", "en"]


@pytest.mark.parametrize("who", ["staff", "other_artisan", "other_coordinator"])
def test_only_owners_and_the_managing_coordinator_may_invite(request, supplier, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(MembersError) as refused:
        invite(supplier, actor)

    assert refused.value.code == "forbidden"
    assert not SupplierInvitation.objects.exists()


def test_anonymous_cannot_invite(supplier):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(MembersError):
        invite(supplier, AnonymousUser())


def test_the_coordinator_of_a_managed_supplier_may_invite_the_artisan_as_owner(managed_supplier, coordinator):
    invitation, _token = invite(managed_supplier, coordinator, role=Role.OWNER)

    assert invitation.role == Role.OWNER


def test_an_existing_member_cannot_be_invited_again(supplier, artisan, staff):
    with pytest.raises(MembersError) as refused:
        invite(supplier, artisan, email=staff.email)

    assert refused.value.code == "already_member"


def test_a_new_invitation_to_the_same_address_replaces_the_earlier_link(supplier, artisan, invitee):
    first, first_token = invite(supplier, artisan)
    invite(supplier, artisan)

    first.refresh_from_db()
    assert first.state == State.REVOKED
    with pytest.raises(MembersError) as refused:
        invitations.accept(first_token, user=invitee)
    assert refused.value.code == "revoked"


def test_accepting_makes_the_invited_account_a_member_once(supplier, artisan, invitee):
    invitation, token = invite(supplier, artisan)

    membership = invitations.accept(token, user=invitee)

    assert (membership.supplier, membership.user, membership.role) == (supplier, invitee, Role.STAFF)
    invitation.refresh_from_db()
    assert invitation.state == State.ACCEPTED
    assert invitation.accepted_by == invitee and invitation.accepted_at is not None
    assert StateChange.objects.filter(
        object_id=invitation.pk, to_state=State.ACCEPTED, actor=invitee
    ).exists()
    with pytest.raises(MembersError) as refused:
        invitations.accept(token, user=invitee)
    assert refused.value.code == "used"


def test_another_account_cannot_use_the_link(supplier, artisan, invitee, buyer):
    _invitation, token = invite(supplier, artisan)

    with pytest.raises(MembersError) as refused:
        invitations.accept(token, user=buyer)

    assert refused.value.code == "wrong_email"
    assert not SupplierMembership.objects.filter(user=buyer).exists()
    # ...and the invited person still can.
    invitations.accept(token, user=invitee)


def test_an_unverified_account_with_the_invited_address_must_confirm_it_first(supplier, artisan):
    unverified = UserFactory(email="new.member@example.com", email_verified_at=None)
    _invitation, token = invite(supplier, artisan)

    with pytest.raises(MembersError) as refused:
        invitations.accept(token, user=unverified)

    assert refused.value.code == "email_unverified"


def test_an_expired_link_is_refused(supplier, artisan, invitee):
    invitation, token = invite(supplier, artisan)
    SupplierInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    with pytest.raises(MembersError) as refused:
        invitations.accept(token, user=invitee)

    assert refused.value.code == "expired"
    assert not SupplierMembership.objects.filter(user=invitee).exists()


def test_a_revoked_link_is_refused(supplier, artisan, invitee):
    invitation, token = invite(supplier, artisan)

    invitations.revoke(invitation, actor=artisan)

    with pytest.raises(MembersError) as refused:
        invitations.accept(token, user=invitee)
    assert refused.value.code == "revoked"


def test_an_unknown_token_is_refused(invitee):
    with pytest.raises(MembersError) as refused:
        invitations.accept("not-a-token", user=invitee)

    assert refused.value.code == "unknown"


def test_revoking_is_idempotent_and_refused_to_staff_and_after_acceptance(supplier, artisan, staff, invitee):
    invitation, token = invite(supplier, artisan)
    with pytest.raises(MembersError):
        invitations.revoke(invitation, actor=staff)

    assert invitations.revoke(invitation, actor=artisan).changed
    assert not invitations.revoke(invitation, actor=artisan).changed

    accepted, token = invite(supplier, artisan, email="second@example.com")
    invitations.accept(token, user=UserFactory(email="second@example.com"))
    with pytest.raises(MembersError) as refused:
        invitations.revoke(accepted, actor=artisan)
    assert refused.value.code == "accepted"


def test_an_owner_invitation_accepted_by_staff_makes_them_owner(supplier, artisan):
    member = MembershipFactory(supplier=supplier, role=Role.STAFF).user
    SupplierMembership.objects.filter(user=member).delete()  # invited while not a member...
    _invitation, token = invite(supplier, artisan, email=member.email, role=Role.OWNER)
    MembershipFactory(supplier=supplier, user=member, role=Role.STAFF)  # ...and made staff meanwhile

    invitations.accept(token, user=member)

    assert SupplierMembership.objects.get(supplier=supplier, user=member).role == Role.OWNER


def test_the_artisan_accepting_an_owner_invitation_hands_the_supplier_over(managed_supplier, coordinator):
    artisan = UserFactory(email="zainab@example.com")
    _invitation, token = invite(managed_supplier, coordinator, email=artisan.email, role=Role.OWNER)

    invitations.accept(token, user=artisan)

    managed_supplier.assisted_onboarding.refresh_from_db()
    assert managed_supplier.assisted_onboarding.handed_over_at is not None
    roles = dict(
        SupplierMembership.objects.filter(supplier=managed_supplier).values_list("user__email", "role")
    )
    # The coordinator stays until the new owner removes them.
    assert roles == {artisan.email: Role.OWNER, coordinator.email: Role.COORDINATOR}


def test_the_emailed_link_accepts(supplier, artisan, invitee):
    invite(supplier, artisan)
    body = OutgoingEmail.objects.get(to=invitee.email).body
    (token,) = re.findall(r"/sell/invitations/([^/\s]+)/", body)

    assert invitations.accept(token, user=invitee).supplier == supplier
