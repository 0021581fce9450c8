from django import forms
from django.utils.translation import gettext_lazy as _

from .reading import MAX_TABLE_BYTES

MAX_PHOTOS_ZIP_BYTES = 200 * 1024 * 1024


class ImportForm(forms.Form):
    # Asked only of someone importing for several suppliers (a coordinator); otherwise it is their one.
    supplier = forms.TypedChoiceField(label=_("Supplier"), coerce=int, required=False, empty_value=None)
    table = forms.FileField(
        label=_("Listings file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    photos = forms.FileField(
        label=_("Photos (a ZIP file, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
        help_text=_("Name each photo in the “photos” column by its file name."),
    )

    def __init__(self, *args, suppliers, **kwargs):
        super().__init__(*args, **kwargs)
        self.suppliers = {supplier.pk: supplier for supplier in suppliers}
        self.fields["supplier"].choices = [(s.pk, s.name) for s in suppliers]
        if len(suppliers) == 1:
            del self.fields["supplier"]
        else:
            self.fields["supplier"].required = True

    def clean_table(self):
        table = self.cleaned_data["table"]
        if table.size > MAX_TABLE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; split it into smaller files.")
                % {"limit": MAX_TABLE_BYTES // (1024 * 1024)}
            )
        return table

    def clean_photos(self):
        photos = self.cleaned_data.get("photos")
        if photos and photos.size > MAX_PHOTOS_ZIP_BYTES:
            raise forms.ValidationError(
                _("The photos ZIP is larger than %(limit)s MB; split it.")
                % {"limit": MAX_PHOTOS_ZIP_BYTES // (1024 * 1024)}
            )
        return photos

    def clean(self):
        cleaned = super().clean()
        if "supplier" not in self.fields:
            cleaned["supplier"] = next(iter(self.suppliers.values()))
        elif cleaned.get("supplier") is not None:
            cleaned["supplier"] = self.suppliers[cleaned["supplier"]]
        return cleaned


class ApplyForm(forms.Form):
    all_or_nothing = forms.BooleanField(
        label=_("All or nothing: apply only if every row is valid"), required=False
    )
