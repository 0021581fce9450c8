"""Payout batches in the back office: the batches, creating one per currency, a batch's page with its CSV per
rail, and settling it (item by item, all at once by hand, or from the provider's settlement file)."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..ledger import payouts
from ..ledger.forms import PayoutBatchForm, SettlementUploadForm
from ..ledger.models import Rail
from ..models import PayoutBatch, PayoutItem


class PayoutBatchIndexView(IndexView):
    add_item_label = gettext_lazy("Create a payout batch")

    def get_base_queryset(self):
        return PayoutBatch.objects.select_related("created_by").annotate(supplier_count=Count("items"))


class CreatePayoutBatchView(WagtailAdminTemplateMixin, FormView):
    """A batch of every supplier whose balance in the currency reaches the payout threshold."""

    form_class = PayoutBatchForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = gettext_lazy("Create a payout batch")
    header_icon = "upload"
    index_url_name = None
    add_url_name = None
    inspect_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse(self.add_url_name),
            submit_button_label=_("Create the batch"),
            submit_button_active_label=_("Creating…"),
        )
        return context

    def form_valid(self, form):
        batch = payouts.create_payout_batch(currency=form.cleaned_data["currency"], actor=self.request.user)
        if batch is None:
            messages.info(self.request, _("No supplier with payout details is above the payout threshold."))
            return redirect(self.index_url_name)
        messages.success(self.request, _("%(batch)s created.") % {"batch": batch})
        return redirect(self.inspect_url_name, pk=batch.pk)


class PayoutBatchView(WagtailAdminTemplateMixin, TemplateView):
    """A batch's page: its payouts, a CSV per rail for the bank or wallet provider, and the ways to settle."""

    template_name = "orders/admin/payout_batch.html"
    header_icon = "upload"
    index_url_name = None
    inspect_url_name = None

    def get(self, request, pk):
        return self.render_page(get_object_or_404(PayoutBatch, pk=pk))

    def render_page(self, batch, *, upload=None):
        self.batch = batch
        items = list(batch.items.select_related("supplier").order_by("pk"))
        used = {item.rail for item in items}
        context = self.get_context_data(
            batch=batch,
            items=items,
            rails=[(value, label) for value, label in Rail.choices if value in used],
            upload=upload or SettlementUploadForm(),
        )
        return self.render_to_response(context)

    def get_page_title(self):
        return str(self.batch)

    def get_page_subtitle(self):
        return self.batch.get_state_display()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext_lazy("Payout batches")},
            {"url": "", "label": self.get_page_title()},
        ]


class SettlementFileView(PayoutBatchView):
    """Settle the payouts the provider's settlement CSV reports paid; a bad file is a form error on the
    batch's page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        batch = get_object_or_404(PayoutBatch, pk=pk)
        upload = SettlementUploadForm(request.POST, request.FILES)
        if upload.is_valid():
            try:
                changed = payouts.settle_from_file(batch, upload.cleaned_data["file"], request.user)
            except payouts.SettlementFileError as error:
                upload.add_error("file", str(error))
            else:
                messages.success(request, _("%(n)s payout(s) marked paid.") % {"n": changed})
                return redirect(self.inspect_url_name, pk=batch.pk)
        return self.render_page(batch, upload=upload)


class SettleBatchView(View):
    """Mark every payout of the batch paid by hand (idempotent: 0 the second time)."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        batch = get_object_or_404(PayoutBatch, pk=pk)
        changed = payouts.settle_batch(batch, request.user)
        messages.success(request, _("%(n)s payout(s) marked paid.") % {"n": changed})
        return redirect(self.inspect_url_name, pk=batch.pk)


class SettleItemView(View):
    """Mark one payout of the batch paid by hand."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk, item_pk):
        item = get_object_or_404(PayoutItem.objects.select_related("batch", "supplier"), pk=item_pk, batch=pk)
        if payouts.settle_item(item, request.user):
            messages.success(request, _("%(reference)s marked paid.") % {"reference": item.reference})
        else:
            messages.info(request, _("%(reference)s was already paid.") % {"reference": item.reference})
        return redirect(self.inspect_url_name, pk=pk)


class PayoutCSVView(View):
    """The file the bank or wallet provider takes for one rail of the batch."""

    def get(self, request, pk, rail):
        batch = get_object_or_404(PayoutBatch, pk=pk)
        if rail not in Rail.values:
            raise Http404
        response = HttpResponse(payouts.export_csv(batch, rail), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="payout-{batch.pk}-{rail}.csv"'
        return response
