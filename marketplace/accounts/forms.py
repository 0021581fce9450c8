from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from marketplace.money import CURRENCY_CHOICES

from .models import BuyerCompany, User


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )


class BuyerSignupForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    company = forms.CharField(label=_("Company"), max_length=200)
    country = forms.RegexField(
        label=_("Country (2-letter code)"),
        regex=r"^[A-Za-z]{2}$",
        max_length=2,
        error_messages={"invalid": _("Use the two-letter country code, e.g. DE, US, AE.")},
    )
    preferred_currency = forms.ChoiceField(
        label=_("Currency you think in"), choices=CURRENCY_CHOICES, initial="USD"
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email exists already. Log in instead."))
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                password_validation.validate_password(password, User(email=cleaned.get("email", "")))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned

    def save(self):
        data = self.cleaned_data
        company = BuyerCompany.objects.create(name=data["company"], country=data["country"].upper())
        return User.objects.create_user(
            email=data["email"],
            password=data["password"],
            full_name=data["full_name"],
            country=data["country"].upper(),
            preferred_currency=data["preferred_currency"],
            buyer_company=company,
        )
