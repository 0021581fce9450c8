"""Human words in the curators' admin lists and pages where Wagtail would print a Python value.

Wagtail prints a model's booleans and empty values as they are ("False", "None") on an inspect page, and its
BooleanColumn gives a red cross (and "False" to screen readers) to every listing that is simply not hidden.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import InspectView


def hidden_column():
    """The product list's moderation column: "Hidden" or "Not hidden", sortable like the field."""
    return Column(
        "hidden_by_curator",
        label=_("Hidden"),
        accessor=lambda product: _("Hidden") if product.hidden_by_curator else _("Not hidden"),
        sort_key="hidden_by_curator",
    )


class HumanInspectView(InspectView):
    """Wagtail's snippet inspect page, saying Yes/No for booleans and "—" for an empty value.

    Replaces only `get_field_display_value`'s last step (InspectView, wagtail/admin/views/generic/models.py);
    tests/catalog/test_admin_labels.py fails if Wagtail's page prints "False" again.
    """

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is True:
            return _("Yes")
        if value is False:
            return _("No")
        if value is None or value == "":
            return "—"
        return value
