"""Who sees which advance: a lender's officers only their lender's (404 for the others: we never confirm that
an advance exists), a supplier's members their supplier's."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from catalog.models import Supplier

from .models import Advance, Lender


def officers_lenders(user):
    """The lenders `user` is an officer of; 404 for someone who is an officer of none."""
    lenders = (
        list(Lender.objects.filter(officers__user=user).order_by("name")) if user.is_authenticated else []
    )
    if not lenders:
        raise Http404
    return lenders


def officers_advance(user, pk):
    """Advance `pk` if `user` is an officer of its lender; else 404."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Advance.objects.select_related("lender", "supplier", "order").filter(lender__officers__user=user),
        pk=pk,
    )


def members_advance(user, pk):
    """Advance `pk` if `user` is a member of its supplier; else 404."""
    return get_object_or_404(
        Advance.objects.select_related("lender", "order").filter(
            supplier__in=Supplier.objects.for_member(user)
        ),
        pk=pk,
    )
