"""/sell/leads/new/: capture a buyer's contact at the booth, on a phone, in under a minute; and the
confirmation with "Capture another".

The page works without JavaScript (a plain POST, errors beside the fields, what was typed kept). With it,
trade/lead_capture.js keeps a lead on the phone when the network fails and sends it when back online; the
hidden `client_key` makes every resend the same lead (orders.trade.leads.capture).
"""

import re
import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Event
from marketplace.formfields import (
    CountryField,
    MoneyAmountField,
    QuantityField,
    RowsChoiceField,
    SingleLineField,
)
from marketplace.money import CURRENCY_CHOICES
from marketplace.workflow import TransitionError

from ..leads.capture import (
    CONSENT_WORDING,
    capture_lead,
    default_event,
    may_capture_for,
    suppliers_for_capture,
)
from ..models import Lead

# The response header that tells the offline script its lead is saved (it resends until it sees it).
SAVED_HEADER = "X-Lead-Captured"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


class LeadCaptureForm(forms.Form):
    # Chosen before the form is shown (a curator, or a member of several suppliers, picks it first).
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=None, to_field_name="slug", widget=forms.HiddenInput
    )
    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False, empty_label=_("No event"))
    name = SingleLineField(label=_("Buyer's name"), max_length=150)
    company = SingleLineField(label=_("Company"), max_length=200, required=False)
    country = CountryField(label=_("Country"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = SingleLineField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    categories = RowsChoiceField(
        label=_("What they want"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    products_wanted = SingleLineField(label=_("Products"), max_length=300, required=False)
    quantity = QuantityField(label=_("Quantity"), required=False)
    target_price = MoneyAmountField(label=_("Target unit price"), required=False)
    target_currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES, required=False)
    timing = SingleLineField(
        label=_("When do they need it?"), max_length=120, required=False, help_text=_("For example: by March")
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent_given = forms.BooleanField(label=CONSENT_WORDING, required=False)
    client_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, suppliers, events, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = suppliers
        self.fields["event"].queryset = events
        self.fields["categories"].queryset = categories
        self.fields["email"].widget.attrs.update(autocomplete="off", inputmode="email")
        self.fields["name"].widget.attrs.update(autocomplete="off")

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.has_error("email"):
            raise ValidationError(_("Give the buyer's email or phone, so they can be contacted."))
        if data.get("target_price") is not None and not data.get("target_currency"):
            self.add_error("target_currency", _("Choose the currency of the target price."))
        return data


def _categories_for(supplier):
    """The supplier's own categories (a short list on a phone); the top-level ones if it has none."""
    own = Category.objects.filter(suppliers=supplier) if supplier else Category.objects.none()
    return own if own.exists() else Category.objects.filter(parent__isnull=True)


@login_required
def lead_new(request):
    suppliers = suppliers_for_capture(request.user).order_by("name")
    if not suppliers.exists():
        # A buyer, or a member who does not trade: nothing to capture for (404 as on the RFQ feed).
        raise Http404
    chosen = request.POST.get("supplier") or request.GET.get("supplier")
    supplier = suppliers.filter(slug=chosen).first() if chosen and SLUG.fullmatch(chosen) else None
    if chosen and not SLUG.fullmatch(chosen):
        raise Http404  # no slug (a NUL character must never reach the database)
    if chosen and supplier is None:
        raise Http404  # another supplier's, or no supplier at all: nothing to say about it
    if chosen is None and not request.user.is_curator:
        supplier = suppliers.first()  # a member of several suppliers changes it with ?supplier= (the chooser)
    events = Event.objects.filter(exhibitors__supplier=supplier) if supplier else Event.objects.none()
    initial = {"client_key": uuid.uuid4()}
    if supplier is not None:
        initial.update(supplier=supplier, event=default_event(supplier), target_currency=supplier.currency)
    form = LeadCaptureForm(
        request.POST or None,
        initial=initial,
        suppliers=suppliers,
        events=events.order_by("-starts_on"),
        categories=_categories_for(supplier).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            lead, _created = capture_lead(actor=request.user, **data)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("trade:lead-captured", lead.pk)
    context = {
        "form": form,
        "supplier": supplier,
        "one_supplier": suppliers.count() == 1,
        "saved_url_prefix": reverse("trade:lead-new"),
    }
    return render(request, "trade/sell_lead_new.html", context, status=400 if form.errors else 200)


@login_required
def lead_captured(request, pk):
    """The confirmation: only for those who may capture for the lead's supplier (404 for anyone else)."""
    lead = get_object_or_404(Lead.objects.select_related("supplier", "event"), pk=pk)
    if not may_capture_for(request.user, lead.supplier):
        raise Http404
    response = render(request, "trade/sell_lead_saved.html", {"lead": lead})
    response[SAVED_HEADER] = str(lead.client_key)
    return response
