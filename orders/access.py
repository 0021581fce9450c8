"""Who may see and act on an order: one rule for pages, the back office, services and (later) the API.

Services call the `require_*` checks (they raise TransitionError, which views turn into a message); views
fetch through `visible_order` and friends (a 404 for anyone else: we never confirm that an order exists).
"""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from catalog.models import Supplier
from marketplace.workflow import TransitionError

from .models import Fulfilment, Order, OrderLine


def require_operator(actor):
    """Refuse anyone outside the Operators group (superusers count as operators)."""
    if not getattr(actor, "is_operator", False):
        raise TransitionError(_("Only operators may do this."), code="not_operator")


def require_buyer(order, actor):
    if order.buyer_id != getattr(actor, "pk", None):
        raise TransitionError(_("This is not your order."), code="not_yours")


def require_member(fulfilment, actor):
    """Refuse anyone who is not a member of the supplier whose part of the order this is."""
    if not fulfilment.supplier.has_member(actor):
        raise TransitionError(_("This order is not for your business."), code="not_yours")


def visible_orders(user):
    """The orders `user` may open: as their buyer, a member of one of their suppliers, or an operator."""
    if not user.is_authenticated:
        return Order.objects.none()
    if user.is_operator:
        return Order.objects.all()
    return Order.objects.filter(
        Q(buyer=user) | Q(fulfilments__supplier__in=Supplier.objects.for_member(user))
    ).distinct()


def visible_order(user, pk):
    """The order `pk` with its lines, parts and disputes if `user` may see it (`visible_orders`); else 404."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        visible_orders(user)
        .select_related("buyer")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product")),
            Prefetch(
                "fulfilments",
                queryset=Fulfilment.objects.select_related("supplier").prefetch_related("lines"),
            ),
            "disputes",
        ),
        pk=pk,
    )


def members_fulfilment(user, pk):
    """A supplier's part of an order, if `user` is a member of that supplier; else 404."""
    return get_object_or_404(
        Fulfilment.objects.select_related("order", "supplier").filter(
            supplier__in=Supplier.objects.for_member(user)
        ),
        pk=pk,
    )


def buyers_order(user, pk):
    """The order `pk` (as `visible_order` fetches it) if `user` bought it; else 404, also to its suppliers."""
    order = visible_order(user, pk)
    if order.buyer_id != user.pk:
        raise Http404
    return order


def members_suppliers(user):
    """The suppliers `user` is a member of, by name; 404 for someone who is a member of none."""
    suppliers = list(Supplier.objects.for_member(user).order_by("name"))
    if not suppliers:
        raise Http404
    return suppliers
