"""Lenders and their officers in the Wagtail admin ("Lenders" menu): curators and operators add partner
institutions, set their limit, fee and currencies, and name the people who decide on their advances.

Advances themselves are never edited here: they change only through orders.financing.services (the officers'
pages at /lend/, the supplier's at /sell/). Registered from orders/wagtail_hooks.py.
"""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy

from marketplace.formfields import PercentField, SingleLineField
from marketplace.money import CURRENCY_CHOICES

from .models import Lender, LenderOfficer


class CuratorsAndOperatorsPolicy(BasePermissionPolicy):
    """Curators (who run the programme's partnerships) and operators (who pay lenders) manage lenders and
    officers; nobody else may do anything with them in the admin."""

    def user_has_permission(self, user, action):
        allowed = getattr(user, "is_curator", False) or getattr(user, "is_operator", False)
        return action in {"view", "add", "change", "delete"} and allowed

    def users_with_any_permission(self, actions):
        # Wagtail asks this only to notify moderators of pages; nobody is notified about lenders.
        return get_user_model().objects.none()


class LenderForm(WagtailAdminModelForm):
    currencies = forms.MultipleChoiceField(
        label=_("currencies lent in"), choices=CURRENCY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    # The model's bounds, checked beside the field (a model validator alone answers after the form's checks).
    max_advance_percent = PercentField(
        label=_("maximum advance (% of escrow)"), min_value=Decimal("1"), max_value=Decimal("100")
    )
    fee_percent = PercentField(
        label=_("flat fee (% of the advance)"), initial=Decimal("0"), max_value=Decimal("25")
    )

    class Meta:
        model = Lender
        field_classes = {"name": SingleLineField}
        fields = [
            "name",
            "slug",
            "kind",
            "max_advance_percent",
            "fee_percent",
            "currencies",
            "contact_email",
            "description",
            "is_active",
        ]


class OfficerForm(WagtailAdminModelForm):
    """The officer is named by their account's email address: a select of every account would not do."""

    email = forms.EmailField(label=_("Officer's email address"), help_text=_("The account must exist."))

    class Meta:
        model = LenderOfficer
        fields = ["lender"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.officer = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if self.officer is None:
            raise forms.ValidationError(_("No active account has this email address."))
        return email

    def clean(self):
        data = super().clean()
        user, lender = getattr(self, "officer", None), data.get("lender")
        taken = LenderOfficer.objects.filter(user=user, lender=lender).exclude(pk=self.instance.pk)
        if user is not None and lender is not None and taken.exists():
            raise forms.ValidationError(_("This person is already an officer of this lender."))
        return data

    def save(self, commit=True):
        self.instance.user = self.officer
        return super().save(commit)


class FinancingViewSet(ModelViewSet):
    """No copy, history or usage views: lenders have no pages to track and the audit trail of advances is
    marketplace.audit's. Overrides ModelViewSet's documented hooks (Wagtail 8.0);
    tests/orders/test_financing_admin.py fails if they stop applying."""

    copy_view_enabled = False
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(history_url_name=None, usage_url_name=None, **kwargs)

    def get_urlpatterns(self):
        unrouted = {"history", "history_results", "usage"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in unrouted]

    def get_permissions_to_register(self):
        return Permission.objects.none()


class LenderViewSet(FinancingViewSet):
    model = Lender
    name = "lenders"
    icon = "site"
    menu_label = _("Lenders")
    list_display = ["name", "kind", "max_advance_percent", "fee_percent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]

    def get_form_class(self, for_update=False):
        return LenderForm


class LenderOfficerViewSet(FinancingViewSet):
    model = LenderOfficer
    name = "lender_officers"
    icon = "user"
    menu_label = _("Lender officers")
    list_display = ["user", "lender", "created_at"]
    list_filter = ["lender"]
    search_fields = ["user__email", "user__full_name"]

    def get_form_class(self, for_update=False):
        return OfficerForm


class FinancingGroup(ModelViewSetGroup):
    menu_label = _("Lenders")
    menu_icon = "site"
    menu_order = 320
    items = (LenderViewSet, LenderOfficerViewSet)
