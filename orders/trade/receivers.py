"""Where the trade app hears of things it links to leads (services.lead_linkage), without the services that do
them knowing of leads: an account's proven email (marketplace.accounts.signals), a new lead, a new inquiry
thread, a new quote, an order that became paid.

Every receiver only schedules its work for after the commit (robust: an error is logged, never raised into
the sign-up, the quote or Stripe's webhook that caused it): the linking reads what was committed, and a
rolled-back inquiry links nothing. The work is idempotent, so a signal fired twice links once.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save

from marketplace.accounts.signals import email_verified
from orders.models import Order

from .models import Lead, Quote, Thread
from .services import lead_linkage


def _after_commit(work, *args):
    transaction.on_commit(partial(work, *args), robust=True)


def _email_verified(sender, user, **kwargs):
    # Sent after the commit already; linking runs in its own transactions.
    lead_linkage.link_buyer(user)


def _lead_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.email:
        _after_commit(_link_new_lead, instance.pk)


def _link_new_lead(pk):
    lead = Lead.objects.filter(pk=pk, buyer__isnull=True).first()
    if lead is not None:
        lead_linkage.link_new_lead(lead)


def _thread_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _after_commit(
            _with_leads_of, instance.buyer_id, instance.supplier_id, lead_linkage.link_thread, instance
        )


def _quote_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _after_commit(_link_quote, instance.pk)


def _link_quote(pk):
    quote = Quote.objects.select_related("rfq").filter(pk=pk).first()
    if quote is not None:
        _with_leads_of(quote.rfq.buyer_id, quote.supplier_id, lead_linkage.link_quote, quote)


def _order_saved(sender, instance, created, raw=False, **kwargs):
    # Every transition saves the order; the one that matters is the move to "paid" (later states of an order
    # already linked add nothing, and a lead linked later finds its paid orders in sync_lead).
    if not raw and instance.state == Order.State.PAID:
        _after_commit(_link_order, instance.pk)


def _link_order(pk):
    order = Order.objects.filter(pk=pk).first()
    if order is not None and Lead.objects.filter(buyer_id=order.buyer_id).exists():
        lead_linkage.link_order(order)


def _with_leads_of(buyer_id, supplier_id, work, obj):
    """Run `work(obj)` only when the buyer has a lead with the supplier: one cheap query for the many
    inquiries and quotes that concern no lead."""
    if Lead.objects.filter(buyer_id=buyer_id, supplier_id=supplier_id).exists():
        work(obj)


def connect():
    """Called once, by the app's ready()."""
    email_verified.connect(_email_verified, dispatch_uid="trade-leads-email-verified")
    post_save.connect(_lead_saved, sender=Lead, dispatch_uid="trade-leads-new-lead")
    post_save.connect(_thread_saved, sender=Thread, dispatch_uid="trade-leads-new-thread")
    post_save.connect(_quote_saved, sender=Quote, dispatch_uid="trade-leads-new-quote")
    post_save.connect(_order_saved, sender=Order, dispatch_uid="trade-leads-paid-order")
