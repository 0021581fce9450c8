from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.formfields import CountryField, SingleLineField
from marketplace.jobs.mail import queue_email
from marketplace.links import absolute_url
from marketplace.money import CURRENCY_CHOICES

from .models import User


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )


class BuyerSignupForm(forms.Form):
    full_name = SingleLineField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    company = SingleLineField(label=_("Company"), max_length=200)
    country = CountryField(label=_("Country"), widget=forms.Select(attrs={"autocomplete": "country"}))
    preferred_currency = forms.ChoiceField(
        label=_("Currency you think in"), choices=CURRENCY_CHOICES, initial="USD"
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    # No "this email has an account" error: sign-up must not tell anyone which addresses have accounts
    # (services.request_signup emails the address's owner instead).
    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                password_validation.validate_password(password, User(email=cleaned.get("email", "")))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class SupplierSignupForm(BuyerSignupForm):
    """An artisan's account: their name, email and password. The business's facts (phone included) come on
    the application that follows (catalog.onboarding), not here."""

    company = None
    country = None
    preferred_currency = None


class PasswordResetByEmailForm(PasswordResetForm):
    """Django's reset form; its email's link is absolute on SITE_URL (marketplace.links), not on whatever host
    the request named."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, *args, **kw
    ):
        """Queue the reset email (marketplace.jobs.mail: sent by a task, retried; sensitive, as its link
        opens the account) instead of sending it in the request."""
        context["reset_url"] = absolute_url(
            reverse("password_reset_confirm", args=[context["uid"], context["token"]])
        )
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        queue_email([to_email], subject, body, sensitive=True, from_email=from_email)


# --- The profile's forms: each section of /accounts/profile/ posts one of these to its own URL -------------
class ProfileDetailsForm(forms.ModelForm):
    full_name = SingleLineField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    country = CountryField(
        label=_("Country"), required=False, widget=forms.Select(attrs={"autocomplete": "country"})
    )

    class Meta:
        model = User
        fields = ["full_name", "country"]


class PreferredCurrencyForm(forms.Form):
    preferred_currency = forms.ChoiceField(label=_("Currency you think in"), choices=CURRENCY_CHOICES)


class ProfilePasswordForm(PasswordChangeForm):
    """Django's form, less its autofocus: on the profile it would jump a phone's screen (and keyboard) down to
    the password section on every visit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


class ChangeEmailForm(forms.Form):
    """A new address, and the current password: a session left open on a shared computer must not be enough
    to move the account (and its password resets) to someone else's inbox."""

    email = forms.EmailField(
        label=_("New email address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.user.email.lower():
            raise forms.ValidationError(_("This is already your email address."), code="same_email")
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Your password was entered incorrectly."), code="password_incorrect"
            )
        return password
