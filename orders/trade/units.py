"""Quantities written with their unit, plural and all ("600 pieces", "1 dozen"), in the visitor's language.

Unit labels (catalog.reference.Unit) are singular names for choosers; a number beside one needs the plural
form its language gives that number, so each unit has its own ngettext pair here."""

from django.utils.formats import number_format
from django.utils.translation import ngettext

FORMS = {
    "piece": lambda n: ngettext("%(n)s piece", "%(n)s pieces", n),
    "pair": lambda n: ngettext("%(n)s pair", "%(n)s pairs", n),
    "set": lambda n: ngettext("%(n)s set", "%(n)s sets", n),
    "dozen": lambda n: ngettext("%(n)s dozen", "%(n)s dozen", n),
    "metre": lambda n: ngettext("%(n)s metre", "%(n)s metres", n),
    "sqm": lambda n: ngettext("%(n)s square metre", "%(n)s square metres", n),
    "kg": lambda n: ngettext("%(n)s kilogram", "%(n)s kilograms", n),
    "carat": lambda n: ngettext("%(n)s carat", "%(n)s carats", n),
}


def quantity_with_unit(quantity, unit) -> str:
    """'2,000 pieces' for (2000, "piece"); an unknown unit is written after the number as it is stored."""
    if quantity is None:
        return ""
    shown = number_format(quantity, force_grouping=True)
    form = FORMS.get(unit)
    return form(quantity) % {"n": shown} if form else f"{shown} {unit}"


def days(count) -> str:
    """'50 days', '1 day': a lead time is never a bare number."""
    return ngettext("%(n)s day", "%(n)s days", count) % {"n": number_format(count, force_grouping=True)}
