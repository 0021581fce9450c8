"""The members pages through HTTP: what owners and coordinators do, and every refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.members import invitations
from catalog.models import Supplier, SupplierInvitation, SupplierMembership
from tests.factories import ClusterFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Role = SupplierMembership.Role


def members_url(supplier):
    return reverse("sell:supplier-members", args=[supplier.pk])


def invite(supplier, actor, email="new.member@example.com", role=Role.STAFF):
    return invitations.invite(supplier, actor=actor, email=email, role=role)


# --- the members page -------------------------------------------------------------------------------------
def test_anonymous_is_sent_to_log_in(client, supplier):
    for url in (reverse("sell:members"), members_url(supplier), reverse("sell:artisans")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_owner_with_one_supplier_goes_straight_to_its_members(client_for, supplier, artisan, staff):
    response = client_for(artisan).get(reverse("sell:members"), follow=True)

    assert response.redirect_chain[-1][0] == members_url(supplier)
    page = response.content.decode()
    assert staff.email in page and artisan.email in page


@pytest.mark.parametrize("who", ["staff", "other_artisan", "other_coordinator", "buyer"])
def test_others_cannot_open_a_suppliers_members(request, client_for, supplier, artisan, who):
    client = client_for(request.getfixturevalue(who))

    assert client.get(members_url(supplier)).status_code == 404
    assert client.post(members_url(supplier), {"email": "x@example.com", "role": "staff"}).status_code == 404
    assert not SupplierInvitation.objects.exists()


def test_staff_have_no_members_page_at_all(client_for, staff):
    assert client_for(staff).get(reverse("sell:members")).status_code == 404


def test_an_owner_invites_and_sees_the_pending_invitation(client_for, supplier, artisan):
    client = client_for(artisan)

    response = client.post(
        members_url(supplier), {"email": "weaver@example.com", "role": "staff"}, follow=True
    )

    invitation = SupplierInvitation.objects.get()
    assert (invitation.email, invitation.role, invitation.supplier) == (
        "weaver@example.com",
        "staff",
        supplier,
    )
    assert "weaver@example.com" in response.content.decode()


def test_a_bad_invitation_keeps_what_was_typed(client_for, supplier, artisan, staff):
    client = client_for(artisan)

    bad_email = client.post(members_url(supplier), {"email": "not-an-email", "role": "staff"})
    member = client.post(members_url(supplier), {"email": staff.email, "role": "owner"})
    bad_role = client.post(members_url(supplier), {"email": "a@example.com", "role": "boss"})

    assert bad_email.status_code == member.status_code == bad_role.status_code == 200
    assert 'value="not-an-email"' in bad_email.content.decode()
    assert "already a member" in member.content.decode()
    assert not SupplierInvitation.objects.exists()


def test_a_coordinator_chooses_among_the_suppliers_they_manage(
    client_for, coordinator, managed_supplier, cluster
):
    second = Supplier.objects.create(
        name="Second artisan", slug="second-artisan", region="kp", is_active=False
    )
    MembershipFactory(supplier=second, user=coordinator, role=Role.COORDINATOR)

    page = client_for(coordinator).get(reverse("sell:members")).content.decode()

    assert members_url(managed_supplier) in page and members_url(second) in page


def test_an_owner_removes_a_member(client_for, supplier, artisan, staff):
    membership = SupplierMembership.objects.get(user=staff)

    client_for(artisan).post(reverse("sell:member-remove", args=[membership.pk]))

    assert not SupplierMembership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("who", ["staff", "other_artisan", "other_coordinator"])
def test_others_cannot_remove_members_or_take_ownership(request, client_for, supplier, artisan, who):
    actor = request.getfixturevalue(who)
    target = MembershipFactory(supplier=supplier, role=Role.STAFF)
    owner = SupplierMembership.objects.get(user=artisan)
    client = client_for(actor)

    assert client.post(reverse("sell:member-remove", args=[target.pk])).status_code == 404
    assert client.post(reverse("sell:member-make-owner", args=[target.pk])).status_code == 404
    assert client.post(reverse("sell:member-remove", args=[owner.pk])).status_code == 404
    assert SupplierMembership.objects.filter(supplier=supplier).count() == 2 + (who == "staff")
    assert SupplierMembership.objects.get(pk=owner.pk).role == Role.OWNER


def test_removing_the_only_owner_shows_why_not(client_for, supplier, artisan):
    coordinator = MembershipFactory(supplier=supplier, role=Role.COORDINATOR).user
    owner = SupplierMembership.objects.get(user=artisan)

    response = client_for(coordinator).post(reverse("sell:member-remove", args=[owner.pk]), follow=True)

    assert response.status_code == 200
    assert "Only an owner can remove an owner" in response.content.decode()
    assert SupplierMembership.objects.filter(pk=owner.pk).exists()


def test_an_owner_makes_a_staff_member_owner_and_becomes_staff(client_for, supplier, artisan, staff):
    membership = SupplierMembership.objects.get(user=staff)
    client = client_for(artisan)

    response = client.post(reverse("sell:member-make-owner", args=[membership.pk]))

    assert response["Location"] == reverse("sell:dashboard")
    assert SupplierMembership.objects.get(user=staff).role == Role.OWNER
    assert SupplierMembership.objects.get(user=artisan).role == Role.STAFF
    assert client.get(members_url(supplier)).status_code == 404  # staff now


def test_an_owner_revokes_an_invitation_and_others_cannot(
    client_for, supplier, artisan, staff, other_artisan
):
    invitation, _token = invite(supplier, artisan)
    url = reverse("sell:invitation-revoke", args=[invitation.pk])

    assert client_for(staff).post(url).status_code == 404
    assert client_for(other_artisan).post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.state == "pending"

    client_for(artisan).post(url)
    invitation.refresh_from_db()
    assert invitation.state == "revoked"


# --- the emailed link -------------------------------------------------------------------------------------
def test_anonymous_following_the_link_is_sent_to_log_in_and_back(client, supplier, artisan):
    _invitation, token = invite(supplier, artisan)
    url = reverse("sell:invitation", args=[token])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"]
    login_page = client.get(response["Location"]).content.decode()
    assert reverse("signup") + "?next=" in login_page  # signing up comes back here too


def test_the_invited_account_accepts(client_for, supplier, artisan, invitee):
    _invitation, token = invite(supplier, artisan)
    client = client_for(invitee)
    url = reverse("sell:invitation", args=[token])

    page = client.get(url)
    assert page.status_code == 200 and supplier.name in page.content.decode()
    response = client.post(url)

    assert response["Location"] == reverse("sell:dashboard")
    assert SupplierMembership.objects.get(user=invitee).role == Role.STAFF
    assert client.get(reverse("sell:dashboard")).status_code == 200
    # Following the used link again just says they are a member.
    assert client.get(url)["Location"] == reverse("sell:dashboard")


def test_another_account_sees_a_clear_refusal(client_for, supplier, artisan, invitee, buyer):
    _invitation, token = invite(supplier, artisan)
    url = reverse("sell:invitation", args=[token])
    client = client_for(buyer)

    page = client.get(url)
    post = client.post(url)

    assert page.status_code == post.status_code == 403
    assert "new.member@example.com" in page.content.decode() and buyer.email in page.content.decode()
    assert not SupplierMembership.objects.filter(user=buyer).exists()


@pytest.mark.parametrize("how", ["expired", "used", "revoked"])
def test_an_expired_used_or_revoked_link_is_gone(client_for, supplier, artisan, invitee, how):
    invitation, token = invite(supplier, artisan)
    if how == "expired":
        SupplierInvitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif how == "used":
        invitations.accept(token, user=invitee)
        invitee = UserFactory(email="second.person@example.com")
        SupplierInvitation.objects.filter(pk=invitation.pk).update(email=invitee.email)
    else:
        invitations.revoke(invitation, actor=artisan)

    response = client_for(invitee).post(reverse("sell:invitation", args=[token]))

    assert response.status_code == 410
    assert not SupplierMembership.objects.filter(user=invitee).exists()


def test_an_unknown_link_is_not_found(client_for, invitee):
    assert client_for(invitee).get(reverse("sell:invitation", args=["nothing-here"])).status_code == 404


# --- coordinators' artisans -------------------------------------------------------------------------------
def onboarding_form(cluster, **overrides):
    data = {
        "name": "Zainab's patti weaving",
        "cluster": str(cluster.pk),
        "region": "kp",
        "city": "Booni",
        "phone": "+92 300 1112223",
        "size": "micro",
        "women_led": "on",
        "women_led_by": "Bibi Zainab",
        "what_they_make": "Hand-woven patti shawls and caps",
        "export_experience": "none",
        "artisan_name": "Bibi Zainab",
        "artisan_phone": "+92 300 1112223",
        "consent_given_on": "2026-11-20",
        "consent_how": "Thumbprint on the association's form",
        "paid_by": "through_coordinator",
        "payment_details": "",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("who", ["artisan", "staff", "buyer"])
def test_only_coordinators_have_artisans_pages(request, client_for, supplier, who):
    client = client_for(request.getfixturevalue(who))

    assert client.get(reverse("sell:artisans")).status_code == 404
    assert client.get(reverse("sell:artisan-new")).status_code == 404


def test_a_coordinator_onboards_an_artisan_through_the_form(client_for, coordinator, cluster):
    client = client_for(coordinator)

    response = client.post(reverse("sell:artisan-new"), onboarding_form(cluster), follow=True)

    supplier = Supplier.objects.get(name="Zainab's patti weaving")
    assert not supplier.is_active
    assert supplier.assisted_onboarding.artisan_name == "Bibi Zainab"
    assert response.redirect_chain[-1][0] == reverse("sell:artisans")
    assert "Bibi Zainab" in response.content.decode()


def test_a_coordinator_cannot_onboard_into_another_cluster_and_keeps_what_was_typed(client_for, coordinator):
    other_cluster = ClusterFactory(name="Sialkot surgical instruments")

    response = client_for(coordinator).post(reverse("sell:artisan-new"), onboarding_form(other_cluster))

    assert response.status_code == 200
    assert not Supplier.objects.filter(name="Zainab's patti weaving").exists()
    page = response.content.decode()
    assert "Zainab&#x27;s patti weaving" in page and "Thumbprint on the association" in page


def test_onboarding_refuses_consent_in_the_future_and_a_missing_leader(client_for, coordinator, cluster):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client_for(coordinator).post(
        reverse("sell:artisan-new"), onboarding_form(cluster, consent_given_on=tomorrow, women_led_by="")
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"consent_given_on", "women_led_by"}
    assert not Supplier.objects.filter(name="Zainab's patti weaving").exists()


def test_a_coordinator_sees_only_their_artisans(client_for, coordinator, managed_supplier, other_coordinator):
    other_supplier = other_coordinator.memberships.get().supplier

    page = client_for(coordinator).get(reverse("sell:artisans")).content.decode()

    assert managed_supplier.name in page and other_supplier.name not in page
    assert client_for(coordinator).get(members_url(other_supplier)).status_code == 404


# --- links and other apps' rules --------------------------------------------------------------------------
def test_the_dashboard_links_members_for_owners_and_artisans_for_coordinators(
    client_for, artisan, staff, coordinator, managed_supplier
):
    owner_page = client_for(artisan).get(reverse("sell:dashboard")).content.decode()
    staff_page = client_for(staff).get(reverse("sell:dashboard")).content.decode()
    coordinator_page = client_for(coordinator).get(reverse("sell:dashboard")).content.decode()

    assert owner_page.count(reverse("sell:members")) == 1 and reverse("sell:artisans") not in owner_page
    assert reverse("sell:members") not in staff_page
    assert reverse("sell:members") in coordinator_page and reverse("sell:artisans") in coordinator_page


@pytest.mark.parametrize("who", ["staff", "coordinator"])
def test_only_owners_change_payout_details(request, client_for, supplier, artisan, who):
    if who == "coordinator":
        user = MembershipFactory(supplier=supplier, role=Role.COORDINATOR).user
    else:
        user = request.getfixturevalue(who)
    url = reverse("orders:payout-account", args=[supplier.pk])

    assert client_for(user).get(url).status_code == 404
    assert client_for(artisan).get(url).status_code == 200


def test_a_coordinator_sees_only_what_their_managed_suppliers_see(
    client_for, coordinator, managed_supplier, supplier
):
    """/sell/, the inbox and the RFQ feed of a coordinator cover the suppliers they manage, no other."""
    from tests.trade.factories import ThreadFactory

    theirs = ThreadFactory(supplier=managed_supplier, subject="About patti shawls")
    others = ThreadFactory(supplier=supplier, subject="About blue pottery")
    client = client_for(coordinator)

    dashboard = client.get(reverse("sell:dashboard")).content.decode()
    inbox = client.get(reverse("trade:inbox")).content.decode()
    other_rfqs = client.get(reverse("trade:sell-rfqs"), {"as": supplier.slug})

    assert managed_supplier.name in dashboard and supplier.name not in dashboard
    assert theirs.subject in inbox and others.subject not in inbox
    assert client.get(reverse("trade:thread", args=[others.pk])).status_code == 404
    assert other_rfqs.status_code == 404  # acting "as" a supplier they do not manage
    assert client.get(reverse("trade:sell-rfqs"), {"as": managed_supplier.slug}).status_code == 200
