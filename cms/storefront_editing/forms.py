"""The plain forms of /sell/storefront/: story blocks, gallery, featured products.

Photos already in the draft are named by id in hidden fields; the forms accept only the ids the draft holds,
so no one can pull another supplier's photo into their page by editing the form.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.photos import validate_photo
from catalog.sell.forms import MultiplePhotoField
from marketplace.formfields import CountField, SingleLineField

from .services import MAX_FEATURED, GalleryItem, StoryPart

KIND_CHOICES = [
    ("paragraph", _("Paragraph")),
    ("heading", _("Heading")),
    ("quote", _("Quote from someone")),
    ("image", _("Photo")),
    ("fact", _("Fact in figures")),
]
PHOTO_ACCEPT = {"accept": "image/jpeg,image/png,image/webp"}


class StoryBlockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of block"), choices=KIND_CHOICES, initial="paragraph")
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 20}),  # stretched by the form; narrow at least
        help_text=_(
            "A paragraph, a heading, the words quoted, a figure (e.g. 38 women artisans) "
            "or, for a photo, what it shows."
        ),
    )
    attribution = SingleLineField(
        label=_("Who said it, or what the figure counts"), required=False, max_length=250
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        validators=[validate_photo],
        widget=forms.ClearableFileInput(attrs=PHOTO_ACCEPT),
    )
    # A row id from the page itself; anything else (a huge or negative number) is a form error, not a 500.
    photo_id = CountField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, photos=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.photos = photos or {}

    def clean(self):
        cleaned = super().clean()
        kind, text = cleaned.get("kind"), (cleaned.get("text") or "").strip()
        if kind == "image":
            if not cleaned.get("photo") and cleaned.get("photo_id") not in self.photos:
                self.add_error("photo", _("Choose a photo for this block."))
            if not text:
                self.add_error("text", _("Say what the photo shows, for people who cannot see it."))
        elif kind and not text:
            self.add_error("text", _("Write the text of this block, or tick “Remove this block”."))
        elif kind == "fact" and not (cleaned.get("attribution") or "").strip():
            self.add_error("attribution", _("Say what the figure counts."))
        return cleaned


class PositionedFormSet(forms.BaseFormSet):
    """Django names the ordering field "Order", which reads like a purchase order here: say what it is."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = _("Position (1 comes first)")


class BaseStoryFormSet(PositionedFormSet):
    def parts(self) -> list[StoryPart]:
        """The blocks in the chosen order, without those marked for removal."""
        parts = []
        for form in self.ordered_forms:
            data = form.cleaned_data
            part = StoryPart(data["kind"], data["text"].strip(), data["attribution"].strip())
            if data["kind"] == "image":
                if data.get("photo"):
                    part.upload = data["photo"]
                else:
                    part.photo = form.photos[data["photo_id"]]
            parts.append(part)
        return parts


StoryFormSet = forms.formset_factory(
    StoryBlockForm, formset=BaseStoryFormSet, extra=2, can_order=True, can_delete=True, max_num=60
)


class GalleryPhotoForm(forms.Form):
    photo_id = CountField(min_value=1, widget=forms.HiddenInput)
    caption = SingleLineField(label=_("Caption"), required=False, max_length=250)

    def __init__(self, *args, photos=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.photos = photos or {}

    def clean_photo_id(self):
        photo_id = self.cleaned_data["photo_id"]
        if photo_id not in self.photos:
            raise forms.ValidationError(_("This photo is not in your gallery."))
        return photo_id


class BaseGalleryFormSet(PositionedFormSet):
    def items(self) -> list[GalleryItem]:
        return [
            GalleryItem(form.photos[form.cleaned_data["photo_id"]], form.cleaned_data["caption"].strip())
            for form in self.ordered_forms
        ]


GalleryFormSet = forms.formset_factory(
    GalleryPhotoForm, formset=BaseGalleryFormSet, extra=0, can_order=True, can_delete=True, max_num=60
)


class StorefrontForm(forms.Form):
    new_photos = MultiplePhotoField(
        label=_("Add photos to the gallery"),
        required=False,
        help_text=_("JPEG, PNG or WebP. Location data is removed."),
    )
    featured = forms.ModelMultipleChoiceField(
        label=_("Featured products"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["featured"].queryset = products
        # Formatted here, in the request's language, not once at import.
        self.fields["featured"].help_text = gettext("Up to %(count)s of your published products.") % {
            "count": MAX_FEATURED
        }

    def clean_featured(self):
        featured = self.cleaned_data["featured"]
        if len(featured) > MAX_FEATURED:
            raise forms.ValidationError(
                gettext("Choose at most %(count)s products.") % {"count": MAX_FEATURED}, code="too_many"
            )
        return featured
