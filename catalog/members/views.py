"""The members pages under /sell/: members and invitations of a supplier, accepting an invitation, and the
coordinators' artisans. Each view parses, calls one service (catalog.members.*), renders; a refusal is a
MembersError shown as a message, never a 500."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import AssistedOnboarding, Supplier, SupplierInvitation, SupplierMembership

from . import coordinators, invitations, memberships
from .errors import MembersError
from .forms import InviteForm, OnboardArtisanForm

Role = SupplierMembership.Role


def _manageable(user):
    """The suppliers whose members `user` manages (catalog.permissions: owners and coordinators)."""
    return Supplier.objects.filter(
        memberships__user=user, memberships__role__in=[Role.OWNER, Role.COORDINATOR]
    ).distinct()


@login_required
def members(request):
    """One supplier: its page. Several (a coordinator): a list to choose from. None (staff): 404."""
    suppliers = list(_manageable(request.user).order_by("name"))
    if not suppliers:
        raise Http404(_("You do not manage the members of any supplier."))
    if len(suppliers) == 1:
        return redirect("sell:supplier-members", pk=suppliers[0].pk)
    return render(request, "catalog/sell/members/choose.html", {"suppliers": suppliers})


@login_required
def supplier_members(request, pk):
    supplier = get_object_or_404(_manageable(request.user), pk=pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.invite(
                supplier, actor=request.user, email=form.cleaned_data["email"], role=form.cleaned_data["role"]
            )
        except MembersError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s. The link works for 7 days.") % form.cleaned_data
            )
            return redirect("sell:supplier-members", pk=supplier.pk)
    return render(
        request,
        "catalog/sell/members/supplier.html",
        {
            "supplier": supplier,
            "form": form,
            "members": memberships.members_of(supplier),
            "pending": invitations.pending_for(supplier),
            "my_role": (
                SupplierMembership.objects.filter(supplier=supplier, user=request.user)
                .values_list("role", flat=True)
                .first()
            ),
            "onboarding": AssistedOnboarding.objects.filter(supplier=supplier).first(),
        },
    )


def _membership(request, pk):
    return get_object_or_404(
        SupplierMembership.objects.select_related("supplier", "user").filter(
            supplier__in=_manageable(request.user)
        ),
        pk=pk,
    )


@login_required
@require_POST
def member_remove(request, pk):
    membership = _membership(request, pk)
    try:
        memberships.remove_member(membership, actor=request.user)
    except MembersError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s is no longer a member.") % {"name": membership.user})
    return redirect("sell:supplier-members", pk=membership.supplier_id)


@login_required
@require_POST
def member_make_owner(request, pk):
    membership = _membership(request, pk)
    try:
        memberships.transfer_ownership(membership.supplier, actor=request.user, to_membership=membership)
    except MembersError as exc:
        messages.error(request, exc.message)
        return redirect("sell:supplier-members", pk=membership.supplier_id)
    messages.success(request, _("%(name)s is now the owner; you are staff.") % {"name": membership.user})
    # As staff the members page is no longer theirs.
    return redirect("sell:dashboard")


@login_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(
        SupplierInvitation.objects.select_related("supplier").filter(supplier__in=_manageable(request.user)),
        pk=pk,
    )
    try:
        invitations.revoke(invitation, actor=request.user)
    except MembersError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("sell:supplier-members", pk=invitation.supplier_id)


# A refusal's HTTP status: an unknown link is not found; a link for someone else is forbidden; a used,
# withdrawn or expired one is gone.
_STATUS = {
    "unknown": 404,
    "wrong_email": 403,
    "email_unverified": 403,
    "used": 410,
    "revoked": 410,
    "expired": 410,
}


def invitation(request, token):
    """The emailed link. Anonymous: log in (or sign up, from the login page) and come back here."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = invitations.find(token)
    if (
        found is not None
        and found.state == SupplierInvitation.State.ACCEPTED
        and found.accepted_by_id == request.user.pk
    ):
        messages.info(
            request, _("You are already a member of %(supplier)s.") % {"supplier": found.supplier.name}
        )
        return redirect("sell:dashboard")
    refusal = invitations.why_unusable(found, request.user)
    if refusal is None and request.method == "POST":
        try:
            invitations.accept(token, user=request.user)
        except MembersError as exc:
            refusal = exc
        else:
            messages.success(request, _("Welcome to %(supplier)s.") % {"supplier": found.supplier.name})
            return redirect("sell:dashboard")
    context = {"invitation": found, "refusal": refusal}
    status = _STATUS.get(refusal.code, 403) if refusal else 200
    return render(request, "catalog/sell/members/invitation.html", context, status=status)


@login_required
def artisans(request):
    """A coordinator's artisans: the suppliers they manage, and the way to onboard another."""
    clusters = list(coordinators.clusters_of(request.user))
    suppliers = list(coordinators.managed_suppliers(request.user))
    if not clusters and not suppliers:
        raise Http404(_("You are not a cluster coordinator."))
    return render(
        request, "catalog/sell/members/artisans.html", {"clusters": clusters, "suppliers": suppliers}
    )


@login_required
def artisan_new(request):
    clusters = list(coordinators.clusters_of(request.user))
    if not clusters:
        raise Http404(_("You are not a cluster coordinator."))
    form = OnboardArtisanForm(request.POST or None, clusters=clusters)
    if request.method == "POST":
        if form.is_valid():
            business, artisan, application = form.parts()
            try:
                supplier = coordinators.onboard_artisan(
                    coordinator=request.user, business=business, artisan=artisan, application=application
                )
            except MembersError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is on the marketplace as a draft. Add their listings; a curator reviews "
                        "the application before anything is public."
                    )
                    % {"name": supplier.name},
                )
                return redirect("sell:artisans")
        messages.error(request, _("Please correct the marked fields; nothing you typed was lost."))
    return render(request, "catalog/sell/members/artisan_form.html", {"form": form})
