"""The members pages' forms: invite someone, and onboard an artisan (the business facts of the join form,
the artisan's consent and payment, what the curators read in the application)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import AssistedOnboarding, SupplierApplication, SupplierMembership
from catalog.reference import Region, SupplierSize
from marketplace.formfields import SingleLineField

Role = SupplierMembership.Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.STAFF, _("Staff: listings, inquiries, quotes and orders")),
            (Role.OWNER, _("Owner: everything")),
        ],
        initial=Role.STAFF,
        widget=forms.RadioSelect,
    )


class OnboardArtisanForm(forms.Form):
    # The business, as the join form asks it.
    name = SingleLineField(label=_("Business name"), max_length=200)
    cluster = forms.ChoiceField(label=_("Cluster"))
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    city = SingleLineField(label=_("City or village"), max_length=100, required=False)
    phone = SingleLineField(label=_("Business phone"), max_length=30)
    size = forms.ChoiceField(label=_("Size"), choices=SupplierSize.choices, initial=SupplierSize.MICRO)
    women_led = forms.BooleanField(label=_("Women-led"), required=False)
    women_led_by = SingleLineField(label=_("Who leads it"), max_length=200, required=False)
    what_they_make = forms.CharField(
        label=_("What they make"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    export_experience = forms.ChoiceField(
        label=_("Export experience"),
        choices=SupplierApplication.ExportExperience.choices,
        initial=SupplierApplication.ExportExperience.NONE,
    )
    # The artisan.
    artisan_name = SingleLineField(label=_("Artisan's name"), max_length=200)
    artisan_phone = SingleLineField(label=_("Artisan's phone"), max_length=30)
    consent_given_on = forms.DateField(
        label=_("Consent given on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    consent_how = SingleLineField(
        label=_("How the artisan gave consent"),
        max_length=300,
        help_text=_("For example: signed form kept at the association's office, voice note, thumbprint."),
    )
    paid_by = forms.ChoiceField(label=_("How they are paid"), choices=AssistedOnboarding.PaidBy.choices)
    payment_details = SingleLineField(
        label=_("Payment details"),
        max_length=300,
        required=False,
        help_text=_("Account or wallet number, or whom the organisation pays."),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices by id from the coordinator's own clusters: another cluster's id is simply not a choice.
        self.clusters = {str(cluster.pk): cluster for cluster in clusters}
        self.fields["cluster"].choices = [(pk, cluster.name) for pk, cluster in self.clusters.items()]

    def clean_consent_given_on(self):
        day = self.cleaned_data["consent_given_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Consent cannot be given in the future."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("women_led") and not data.get("women_led_by"):
            self.add_error("women_led_by", _("Say who leads it."))
        return data

    def parts(self) -> tuple[dict, dict, dict]:
        """(business, artisan, application) as `coordinators.onboard_artisan` takes them."""
        d = self.cleaned_data
        business = {
            key: d[key] for key in ("name", "region", "city", "phone", "size", "women_led", "women_led_by")
        }
        business["cluster"] = self.clusters[d["cluster"]]
        artisan = {
            key: d[key]
            for key in (
                "artisan_name",
                "artisan_phone",
                "consent_given_on",
                "consent_how",
                "paid_by",
                "payment_details",
            )
        }
        application = {"what_they_make": d["what_they_make"], "export_experience": d["export_experience"]}
        return business, artisan, application
