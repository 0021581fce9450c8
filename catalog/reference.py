"""Reference data of the trade: regions, Incoterms 2020, units, supplier sizes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    PUNJAB = "punjab", _("Punjab")
    SINDH = "sindh", _("Sindh")
    KHYBER_PAKHTUNKHWA = "kp", _("Khyber Pakhtunkhwa")
    BALOCHISTAN = "balochistan", _("Balochistan")
    GILGIT_BALTISTAN = "gb", _("Gilgit-Baltistan")
    AZAD_KASHMIR = "ajk", _("Azad Jammu and Kashmir")
    ISLAMABAD = "ict", _("Islamabad Capital Territory")


class Incoterm(models.TextChoices):
    EXW = "EXW", "EXW – Ex Works"
    FCA = "FCA", "FCA – Free Carrier"
    CPT = "CPT", "CPT – Carriage Paid To"
    CIP = "CIP", "CIP – Carriage and Insurance Paid To"
    DAP = "DAP", "DAP – Delivered at Place"
    DPU = "DPU", "DPU – Delivered at Place Unloaded"
    DDP = "DDP", "DDP – Delivered Duty Paid"
    FAS = "FAS", "FAS – Free Alongside Ship"
    FOB = "FOB", "FOB – Free on Board"
    CFR = "CFR", "CFR – Cost and Freight"
    CIF = "CIF", "CIF – Cost, Insurance and Freight"


SEA_ONLY_INCOTERMS = {"FAS", "FOB", "CFR", "CIF"}


class Unit(models.TextChoices):
    PIECE = "piece", _("piece")
    PAIR = "pair", _("pair")
    SET = "set", _("set")
    DOZEN = "dozen", _("dozen")
    METRE = "metre", _("metre")
    SQUARE_METRE = "sqm", _("square metre")
    KILOGRAM = "kg", _("kilogram")
    CARAT = "carat", _("carat")


def unit_label(code: str) -> str:
    """A stored unit code as people read it ("square metre" for "sqm"); an unknown code as it is (an order
    line keeps the unit it was sold in, even one since retired)."""
    return str(Unit(code).label) if code in Unit.values else code


class SupplierSize(models.TextChoices):
    MICRO = "micro", _("Micro (1-9 people)")
    SMALL = "small", _("Small (10-49 people)")
    MEDIUM = "medium", _("Medium (50-249 people)")


# How many people work for a supplier of each size, as the labels above say (fewest, most).
SUPPLIER_SIZE_PEOPLE = {
    SupplierSize.MICRO: (1, 9),
    SupplierSize.SMALL: (10, 49),
    SupplierSize.MEDIUM: (50, 249),
}
