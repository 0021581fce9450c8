"""Which export documents a user may download, for the order pages and the API: `documents_for`.

Orders' own documents are listed here; an app above orders (orders.trade, for a quote's proforma invoice)
registers how to list its objects' documents with `register_source`, in its AppConfig.ready(), so this module
never imports it.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Order
from .shipment import COMMERCIAL_INVOICE, PACKING_LIST, is_shipped


class DocumentLink(NamedTuple):
    kind: str
    title: str
    url: str
    # The shipped part (fulfilment) a commercial invoice or packing list is of; None for a quote's document.
    part: int | None = None


_sources: dict[type, Callable] = {}


def register_source(model: type, lister: Callable) -> None:
    """`lister(obj, user)` lists the documents of a `model` instance that `user` may download."""
    if model in _sources:
        raise ValueError(f"Export documents of {model.__name__} are already listed by {_sources[model]}.")
    _sources[model] = lister


def documents_for(obj, user) -> list[DocumentLink]:
    """The documents of an order (or of an object a higher app registered) that `user` may download, each as
    (kind, title, url): the same rule as the downloads themselves."""
    if isinstance(obj, Order):
        return order_documents(obj, user)
    lister = _sources.get(type(obj))
    if lister is None:
        raise TypeError(f"No export documents for {type(obj).__name__}.")
    return lister(obj, user)


def order_documents(order, user) -> list[DocumentLink]:
    """A commercial invoice and a packing list per shipped part of `order`: every part for its buyer, its
    own parts for a supplier's member, nothing for anyone else. Uses the order's prefetched parts when it has
    them; one query for the user's memberships."""
    if not getattr(user, "is_authenticated", False):
        return []
    if order.buyer_id == user.pk:
        allowed = None
    else:
        allowed = set(user.memberships.values_list("supplier_id", flat=True))
    links = []
    for fulfilment in order.fulfilments.all():
        if not is_shipped(fulfilment) or (allowed is not None and fulfilment.supplier_id not in allowed):
            continue
        seller = fulfilment.supplier.name
        for kind, title in (
            (COMMERCIAL_INVOICE, _("Commercial invoice CI-%(order)s-%(part)s (%(seller)s)")),
            (PACKING_LIST, _("Packing list PL-%(order)s-%(part)s (%(seller)s)")),
        ):
            links.append(
                DocumentLink(
                    kind,
                    title % {"order": order.pk, "part": fulfilment.pk, "seller": seller},
                    reverse("orders:document", args=[order.pk, kind, fulfilment.pk]),
                    fulfilment.pk,
                )
            )
    return links
