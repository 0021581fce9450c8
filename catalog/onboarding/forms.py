"""The forms of /sell/join/ (the application, the answer to a curator's question) and of the curators'
decisions in the admin (catalog.application_admin)."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import (
    ApplicationDocument,
    Category,
    Cluster,
    SupplierApplication,
    VerificationEvidence,
    VerificationLevel,
)
from catalog.reference import Region, SupplierSize
from marketplace.formfields import RowsChoiceField, SingleLineField

PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{6,28}$")


class ApplicationForm(forms.Form):
    name = SingleLineField(label=_("Business name"), max_length=200)
    clusters = RowsChoiceField(
        label=_("Your cluster"),
        queryset=Cluster.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick every cluster you belong to, if any."),
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *Region.choices])
    city = SingleLineField(label=_("City, town or village"), max_length=100)
    phone = SingleLineField(
        label=_("Phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
        help_text=_("A number curators can call, e.g. +92 300 1234567."),
    )
    size = forms.ChoiceField(label=_("How many people work with you"), choices=SupplierSize.choices)
    women_led = forms.BooleanField(label=_("The business is led by a woman"), required=False)
    women_led_by = SingleLineField(
        label=_("Who leads it"), max_length=200, required=False, help_text=_("Her name and role.")
    )
    years_active = forms.IntegerField(
        label=_("Years in business"), min_value=0, max_value=200, required=False
    )
    categories = RowsChoiceField(
        label=_("What you make"),
        queryset=Category.objects.select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    what_they_make = forms.CharField(
        label=_("Tell us about your products"),
        max_length=3000,
        # A narrow intrinsic width (cols): the field still fills the form, but a fieldset, as wide as its
        # widest content, no longer pushes a 360 px phone's page sideways (Django's default is 40 columns).
        widget=forms.Textarea(attrs={"rows": 4, "cols": 20}),
        help_text=_("Materials, techniques, how much you can make in a month."),
    )
    export_experience = forms.ChoiceField(
        label=_("Export experience"), choices=SupplierApplication.ExportExperience.choices
    )
    export_experience_notes = forms.CharField(
        label=_("About your exports"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 20}),
        help_text=_("Countries, buyers or fairs, if any."),
    )
    document = forms.FileField(
        label=_("Add a document"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
        help_text=_("Optional: business registration or a certificate, as a PDF or a photo."),
    )
    document_kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=ApplicationDocument.Kind.choices,
        initial=ApplicationDocument.Kind.REGISTRATION,
        required=False,
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if not PHONE.match(phone):
            raise forms.ValidationError(_("Write the phone number with digits, e.g. +92 300 1234567."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("women_led") and not cleaned.get("women_led_by"):
            self.add_error("women_led_by", _("Say who leads the business."))
        return cleaned

    @staticmethod
    def initial_from(application):
        """The form's values for an application saved earlier."""
        supplier = application.supplier
        return {
            "name": supplier.name,
            "clusters": list(supplier.clusters.all()),
            "region": supplier.region,
            "city": supplier.city,
            "phone": application.phone or supplier.phone,
            "size": supplier.size,
            "women_led": supplier.women_led,
            "women_led_by": supplier.women_led_by,
            "years_active": application.years_active,
            "categories": list(supplier.categories.all()),
            "what_they_make": application.what_they_make,
            "export_experience": application.export_experience,
            "export_experience_notes": application.export_experience_notes,
        }


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4, "cols": 20})
    )


# --- The curators' decisions -------------------------------------------------------------------------------
class ApproveForm(forms.Form):
    level = forms.ModelChoiceField(label=_("Verification level"), queryset=VerificationLevel.objects.all())
    method = forms.ChoiceField(label=_("How it was verified"), choices=VerificationEvidence.Method.choices)
    checked_on = forms.DateField(
        label=_("Checked on"),
        initial=timezone.localdate,
        # ISO: the only value a browser's date input reads, whatever the site's date format.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    visited_by = SingleLineField(label=_("Visited by"), max_length=200, required=False)
    observed = forms.CharField(
        label=_("What was seen"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The documents read, the workshop seen: the record behind the level."),
    )

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method")
        Method = VerificationEvidence.Method
        if method in (Method.DOCUMENTS_CHECKED, Method.SITE_VISITED) and not cleaned.get("observed"):
            self.add_error("observed", _("Say what was checked or seen."))
        if method == Method.SITE_VISITED and not cleaned.get("visited_by"):
            self.add_error("visited_by", _("Say who visited."))
        checked_on = cleaned.get("checked_on")
        if checked_on and checked_on > timezone.localdate():
            self.add_error("checked_on", _("A check cannot be in the future."))
        return cleaned


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Question for the applicant"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant reads this; they may apply again after 30 days."),
    )
