"""Importing an event's badge scans: the organiser's CSV of the visitors each exhibitor scanned at its booth.

The file is UTF-8 CSV with a header row; columns in any order, names in any case (BADGE_COLUMNS documents
them). Each row is one visitor scanned by one exhibitor, named by its supplier slug or its booth at this
event. Every row gets a line in the report:

- created: a new lead of that supplier at this event;
- merged: the same email at the same supplier at this event already has a lead (from an earlier import,
  a booth capture or an earlier row of this file): its blank fields are filled from the row, nothing typed
  before is overwritten;
- refused: with the reason (no name, an exhibitor this event does not have, an email, country, quantity or
  price that does not read), and nothing saved.

Rows are saved one by one (a refused row does not undo the others), so the report says what is in the
database. Only curators import.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from catalog.models import Category
from marketplace.money import CURRENCIES
from marketplace.numbers import check_amount, check_quantity
from marketplace.text import fold_whitespace, is_country_code
from marketplace.workflow import TransitionError, record

from ..models import Lead

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024

# (column, what it holds): the import page shows this list.
BADGE_COLUMNS = [
    ("name", gettext_lazy("The visitor's name (required).")),
    ("company", gettext_lazy("Their company.")),
    ("country", gettext_lazy("Country: a two-letter code (DE) or its English name.")),
    ("email", gettext_lazy("Email address: rows with the same email at the same exhibitor are merged.")),
    ("phone", gettext_lazy("Phone number.")),
    ("interest", gettext_lazy("What they are interested in (products).")),
    ("categories", gettext_lazy("Category slugs, separated by ; (unknown ones are ignored).")),
    ("quantity", gettext_lazy("Quantity they asked about (a whole number).")),
    ("target_price", gettext_lazy("Target unit price.")),
    ("currency", gettext_lazy("Currency of the target price: USD, EUR, GBP, AED or PKR.")),
    ("timing", gettext_lazy("When they need it.")),
    ("notes", gettext_lazy("Notes.")),
    ("supplier", gettext_lazy("The exhibitor's supplier slug; or give booth.")),
    ("booth", gettext_lazy("The exhibitor's booth at this event, when supplier is empty.")),
    ("consent", gettext_lazy("yes if the visitor agreed to be contacted by the exhibitor, else no.")),
    ("consent_wording", gettext_lazy("The wording they agreed to (the registration's, if empty).")),
]
HEADER_ALIASES = {"supplier_slug": "supplier", "products": "interest", "price": "target_price"}

# Stored as the consent's wording when the file does not carry its own.
REGISTRATION_CONSENT = (
    "Agreed at event registration that exhibitors whose booth scans the badge may contact them."
)
YES = {"yes", "y", "true", "1", "ja", "oui", "ہاں"}
NO = {"", "no", "n", "false", "0", "nein", "non", "نہیں"}


class Outcome:
    CREATED = "created"
    MERGED = "merged"
    REFUSED = "refused"


@dataclass
class RowResult:
    line: int  # the file's line number (the header is line 1)
    outcome: str
    reason: str = ""
    lead: Lead | None = None
    name: str = ""


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    error: str = ""  # the whole file refused (not CSV, no name column, too large)

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def created(self):
        return self.count(Outcome.CREATED)

    @property
    def merged(self):
        return self.count(Outcome.MERGED)

    @property
    def refused(self):
        return self.count(Outcome.REFUSED)


class RowRefused(Exception):
    pass


def import_badge_scans(*, event, data: bytes, curator) -> ImportReport:
    """Reads `data` (the CSV's bytes) into leads of `event`'s exhibitors and returns the row-level report.

    Running the same file twice creates nothing new the second time: every row with an email merges into
    the lead the first run made (rows without an email cannot be recognised and are created again, which
    the report's "created" count shows).
    """
    if not getattr(curator, "is_curator", False):
        raise TransitionError(_("Only curators import badge scans."), code="not_curator")
    report = ImportReport()
    rows, report.error = _read(data)
    if report.error:
        return report
    exhibitors = list(event.exhibitors.select_related("supplier"))
    by_slug = {e.supplier.slug.lower(): e.supplier for e in exhibitors}
    by_booth = {e.booth.strip().lower(): e.supplier for e in exhibitors if e.booth.strip()}
    categories = {c.slug: c for c in Category.objects.all()}
    for line, row in rows:
        try:
            supplier, values, wanted_categories = _parse(row, by_slug, by_booth, categories)
            with transaction.atomic():
                lead, outcome = _save(event, supplier, values, wanted_categories, curator)
        except RowRefused as refusal:
            report.rows.append(RowResult(line, Outcome.REFUSED, str(refusal), name=row.get("name", "")))
        else:
            report.rows.append(RowResult(line, outcome, lead=lead, name=lead.name))
    return report


def _read(data):
    """The rows as (line number, {column: text}) and an error for the whole file ("" when readable)."""
    if len(data) > MAX_BYTES:
        return [], _("The file is larger than 5 MB: split it.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], _("The file is not UTF-8 text: save it as “CSV UTF-8” and upload it again.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header:
            return [], _("The file is empty.")
        columns = [_column(name) for name in header]
        if "name" not in columns:
            return [], _("The first row must name the columns, one of them “name”.")
        rows = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(rows) == MAX_ROWS:
                return [], _("The file has more than %(n)s rows: split it.") % {"n": MAX_ROWS}
            rows.append((reader.line_num, dict(zip(columns, (v.strip() for v in values), strict=False))))
    except csv.Error as exc:
        return [], _("The file is not valid CSV: %(error)s") % {"error": exc}
    return rows, ""


def _column(name):
    name = "_".join(name.strip().lower().split())
    return HEADER_ALIASES.get(name, name)


def _line(row, column, limit):
    return fold_whitespace(row.get(column) or "")[:limit]


def _parse(row, by_slug, by_booth, categories):
    """(supplier, lead values, categories) of one row, or RowRefused with the reason."""
    name = _line(row, "name", 150)
    if not name:
        raise RowRefused(_("No name."))
    slug, booth = _line(row, "supplier", 200).lower(), _line(row, "booth", 40).lower()
    supplier = by_slug.get(slug) if slug else by_booth.get(booth)
    if supplier is None:
        if slug:
            raise RowRefused(_("“%(s)s” does not exhibit at this event.") % {"s": row.get("supplier")})
        if booth:
            raise RowRefused(_("No exhibitor has booth “%(b)s” at this event.") % {"b": row.get("booth")})
        raise RowRefused(_("The row names no exhibitor (supplier or booth)."))
    email = _line(row, "email", 254).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise RowRefused(_("“%(e)s” is not an email address.") % {"e": email}) from None
    values = {
        "name": name,
        "company": _line(row, "company", 200),
        "email": email,
        "phone": _line(row, "phone", 30),
        "country": _country(_line(row, "country", 100)),
        "products_wanted": _line(row, "interest", 300),
        "timing": _line(row, "timing", 120),
        "notes": (row.get("notes") or "").strip()[:2000],
        "quantity": _number(row, "quantity", check_quantity, _("The quantity")),
        "target_price": _number(row, "target_price", check_amount, _("The target price")),
        "target_currency": _currency(_line(row, "currency", 3).upper()),
    }
    if values["target_price"] is not None and not values["target_currency"]:
        raise RowRefused(_("A target price needs its currency."))
    consent = _line(row, "consent", 10).lower()
    if consent not in YES | NO:
        raise RowRefused(_("Consent must be yes or no, not “%(c)s”.") % {"c": row.get("consent")})
    if consent in YES:
        wording = (row.get("consent_wording") or "").strip()[:1000] or REGISTRATION_CONSENT
        values.update(consent_given=True, consent_text=wording, consent_at=timezone.now())
    wanted = [categories[s] for s in _line(row, "categories", 500).split(";") if s.strip() in categories]
    return supplier, values, wanted


def _country(text):
    if not text:
        return ""
    code = countries.alpha2(text) or countries.by_name(text)
    if not is_country_code(code):
        raise RowRefused(_("“%(c)s” is not a country.") % {"c": text})
    return code


def _currency(code):
    if code and code not in CURRENCIES:
        raise RowRefused(_("“%(c)s” is not a currency we take (USD, EUR, GBP, AED, PKR).") % {"c": code})
    return code


def _number(row, column, check, what):
    text = _line(row, column, 40).replace(",", "")
    if not text:
        return None
    try:
        return check(int(text) if check is check_quantity else text)
    except (ValueError, ValidationError):
        raise RowRefused(
            _("%(what)s “%(v)s” does not read as a number in range.") % {"what": what, "v": text}
        ) from None


def _save(event, supplier, values, categories, curator):
    """Creates the lead, or merges into the one with the same email at this supplier and event."""
    existing = None
    if values["email"]:
        existing = (
            Lead.objects.select_for_update()
            .filter(event=event, supplier=supplier, email__iexact=values["email"])
            .order_by("created_at", "pk")
            .first()
        )
    if existing is None:
        lead = Lead.objects.create(
            event=event,
            supplier=supplier,
            source=Lead.Source.BADGE_SCAN,
            captured_by=curator,
            stage_changed_at=timezone.now(),
            **values,
        )
        lead.categories.set(categories)
        record(lead, "", Lead.Stage.NEW, curator, note="badge-scan import", field="stage")
        return lead, Outcome.CREATED
    filled = [
        name
        for name, value in values.items()
        if value not in (None, "", False) and getattr(existing, name) in (None, "", False)
    ]
    if "consent_given" in filled:
        filled += [name for name in ("consent_text", "consent_at") if name not in filled]
    for name in filled:
        setattr(existing, name, values[name])
    if filled:
        existing.save(update_fields=[*filled, "updated_at"])
    if categories and not existing.categories.exists():
        existing.categories.set(categories)
    return existing, Outcome.MERGED
