"""Per-category commission rates in the back office: Wagtail's generic list, add, edit and delete views,
saving and deleting through `orders.ledger.commissions` (which checks the rate, audits the change and
refuses anyone but an operator) instead of Wagtail's own model actions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView

from ..ledger.commissions import delete_category_commission, save_category_commission
from ..models import CategoryCommission


def percent_sign(rate):
    return f"{rate.percent} %"


class CommissionIndexView(IndexView):
    template_name = "orders/admin/commission_index.html"
    page_title = gettext_lazy("Commission per category")
    add_item_label = gettext_lazy("Add a rate")

    def get_base_queryset(self):
        # A category's name shows its parents ("Home › Rugs › Kilims"): two levels joined, no query per row.
        return CategoryCommission.objects.select_related("category__parent__parent")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["default_rate"] = settings.PLATFORM_COMMISSION_PERCENT
        return context


class SaveThroughService:
    """Replaces Wagtail's `save_instance` (its model "create"/"edit" action) with the service; a rate the
    service refuses is shown as a form error, like any other."""

    success_message = gettext_lazy("Commission for %(object)s saved.")

    def save_instance(self):
        # `self.object` is None when adding, the rate being changed when editing.
        return save_category_commission(
            category=self.form.cleaned_data["category"],
            percent=self.form.cleaned_data["percent"],
            actor=self.request.user,
            commission=self.object,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CommissionCreateView(SaveThroughService, CreateView):
    page_title = gettext_lazy("Add a commission rate")

    def get_success_message(self, instance):
        return self.success_message % {"object": instance.category}

    def get_success_buttons(self):
        return []


class CommissionEditView(SaveThroughService, EditView):
    def get_success_message(self):
        return self.success_message % {"object": self.object.category}

    def get_success_buttons(self):
        return []


class CommissionDeleteView(DeleteView):
    page_title = gettext_lazy("Delete a commission rate")

    @property
    def confirmation_message(self):
        return _(
            "Delete the rate for %(category)s? Releases in this category will no longer pay %(percent)s %%, "
            "but the parent category's rate or the default."
        ) % {"category": self.object.category, "percent": self.object.percent}

    def delete_action(self):
        delete_category_commission(self.object, self.request.user)

    def get_success_message(self):
        return _("Commission for %(category)s deleted; the parent's or the default rate applies.") % {
            "category": self.object.category
        }
