from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NOTE_MAX_LENGTH, REPLY_MAX_LENGTH


class AskForReviewForm(forms.Form):
    note = forms.CharField(
        label=_("What did you change?"),
        help_text=_("A short note for the curator, for example: “I replaced the photos with my own.”"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_MAX_LENGTH,
    )


class KeepHiddenForm(forms.Form):
    reply = forms.CharField(
        label=_("What still needs to change"),
        help_text=_("The artisan sees this on the listing's page."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REPLY_MAX_LENGTH,
    )


class UnhideForm(forms.Form):
    """Showing a listing again needs no words; a note, if given, goes to the artisan with the decision."""

    note = forms.CharField(
        label=_("A note for the artisan (optional)"),
        help_text=_("Sent by email with the news that the listing is visible again."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REPLY_MAX_LENGTH,
        required=False,
    )
