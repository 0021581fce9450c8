"""The dry run: every row of a listings file checked, with what is wrong in plain words and what would be
created, changed or left alone.

`check_table` reads nothing from the request and saves nothing: it is run for the dry run and again, on the
same stored files, when the person applies (so the rows applied are checked against the catalog as it is
then). Lookups are loaded once per file (categories, materials, the supplier's listings by SKU, each photo
checked once), so 5,000 rows cost a few queries, not thousands.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog.models import Category, Material, Product, hs_code_validator, normalize_hs_code, validate_tiers
from catalog.reference import Incoterm, Region, Unit
from marketplace.numbers import check_amount, check_count, check_quantity, validate_lead_time_days

from .columns import COLUMN_NAMES, LIST_SEPARATOR, MAX_TIERS, REQUIRED, tier_columns

MAX_CELL_CHARS = 10_000
SHOWN_VALUE_CHARS = 60
LIMITS = {"sku": 64, "title": 200, "customisation": 300}
YES, NO = {"yes", "y", "true", "1", "ہاں"}, {"no", "n", "false", "0", "", "نہیں"}

# The product fields an import sets, compared to tell "changed" from "left alone".
FIELDS = [
    "title", "description", "category_id", "origin_region", "hs_code", "moq", "unit", "lead_time_days",
    "monthly_capacity", "stock_on_hand", "sample_available", "sample_price", "incoterms", "customisation",
    "status",
]  # fmt: skip


@dataclass
class Issue:
    line: int
    column: str
    value: str
    message: str

    def as_dict(self):
        return {"line": self.line, "column": self.column, "value": self.value, "message": str(self.message)}


@dataclass
class PlannedRow:
    line: int
    sku: str
    title: str = ""
    action: str = "invalid"  # create, change, unchanged or invalid
    values: dict = field(default_factory=dict)
    tiers: list = field(default_factory=list)
    material_ids: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    # True when the named photos are to become the listing's photos (new listing, or different photos).
    replace_photos: bool = False
    product: Product | None = None


@dataclass
class Report:
    issues: list = field(default_factory=list)
    rows: list = field(default_factory=list)

    def counts(self):
        counts = {"create": 0, "change": 0, "unchanged": 0, "invalid": 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    def as_json(self):
        return {
            "issues": [issue.as_dict() for issue in self.issues],
            "rows": [{"line": r.line, "sku": r.sku, "title": r.title, "action": r.action} for r in self.rows],
            "counts": self.counts(),
        }


def shown(text: str) -> str:
    return text if len(text) <= SHOWN_VALUE_CHARS else text[:SHOWN_VALUE_CHARS] + "…"


def closest(word, candidates):
    found = difflib.get_close_matches(word.lower(), candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def check_header(header) -> list[Issue]:
    issues, seen = [], set()
    for name in header:
        if not name:
            continue
        if name in seen:
            issues.append(Issue(1, name, name, _("This column appears twice.")))
        elif name not in COLUMN_NAMES:
            guess = closest(name, COLUMN_NAMES)
            message = _("Unknown column.")
            if guess:
                message += " " + _("Did you mean “%(name)s”?") % {"name": guess}
            issues.append(Issue(1, name, name, message))
        seen.add(name)
    for name in REQUIRED:
        if name not in seen:
            issues.append(Issue(1, name, "", _("This column is missing; the template has every column.")))
    return issues


class _Lookups:
    """What rows are checked against, loaded once per file."""

    def __init__(self, supplier):
        self.categories, self.category_names = {}, []
        for category in Category.objects.only("id", "slug", "name", "path"):
            for key in (category.slug, category.path, category.name.lower()):
                self.categories.setdefault(key.lower(), category.pk)
            self.category_names.append(category.slug)
        self.materials = {}
        for material in Material.objects.only("id", "slug", "name"):
            self.materials[material.name.lower()] = material.pk
            self.materials[material.slug] = material.pk
        self.products = {
            product.sku: product
            for product in Product.objects.filter(supplier=supplier)
            .exclude(sku="")
            .prefetch_related("price_tiers", "materials", "images__photo")
        }
        self.regions = _choices(Region)
        self.units = _choices(Unit)


def _choices(choices):
    found = {}
    for value, label in choices.choices:
        found[value.lower()] = value
        found[str(label).lower()] = value
    return found


class _RowChecker:
    def __init__(self, positions, cells, line, issues):
        self.positions, self.cells, self.line, self.issues = positions, cells, line, issues
        self.bad_columns = set()

    def text(self, name) -> str:
        index = self.positions.get(name)
        if index is None or index >= len(self.cells):
            return ""
        cell = self.cells[index]
        if cell.formula:
            self.error(name, cell.text, _("This cell holds a formula; type the value itself."))
            self.bad_columns.add(name)
            return ""
        if len(cell.text) > MAX_CELL_CHARS:
            self.error(
                name,
                cell.text,
                _("This cell holds %(count)s characters; the limit is %(limit)s.")
                % {"count": f"{len(cell.text):,}", "limit": f"{MAX_CELL_CHARS:,}"},
            )
            self.bad_columns.add(name)
            return ""
        return cell.text

    def error(self, column, value, message):
        self.issues.append(Issue(self.line, column, shown(str(value)), message))

    def required(self, name):
        value = self.text(name)
        if not value and name not in self.bad_columns:
            self.error(name, value, _("This is required."))
        elif name in LIMITS and len(value) > LIMITS[name]:
            self.error(name, value, _("At most %(max)s characters.") % {"max": LIMITS[name]})
            return ""
        return value

    def whole_number(self, name, check, *, optional=False):
        value = self.text(name)
        if not value:
            if not optional and name not in self.bad_columns:
                self.error(name, value, _("This is required."))
            return None
        try:
            number = Decimal(value.replace(",", ""))
            if not number.is_finite() or number != number.to_integral_value():
                raise InvalidOperation
            # "1e999999999" is a whole number too: never build that int, any range check refuses it.
            return check(int(number) if number.adjusted() < 19 else 10**19)
        except (InvalidOperation, ValueError):
            self.error(name, value, _("Enter a whole number."))
        except ValidationError as error:
            self.error(name, value, " ".join(error.messages))
        return None

    def amount(self, name, minimum):
        value = self.text(name)
        if not value:
            return None
        try:
            return check_amount(value.replace(",", ""), minimum=minimum)
        except ValidationError as error:
            self.error(name, value, " ".join(error.messages))
        return None

    def choice(self, name, options, message):
        value = self.text(name)
        if not value:
            if name not in self.bad_columns:
                self.error(name, value, _("This is required."))
            return None
        found = options.get(value.lower())
        if found is None:
            self.error(name, value, message)
        return found


def _count_from_one(value):
    return check_count(value, minimum=1)


def check_table(supplier, table, photos=None, progress=None) -> Report:
    """The report of `table` (catalog.bulk.reading.Table) for `supplier`, with the photos ZIP `photos`
    (a PhotoArchive or None). `progress(rows_done)` is called every 250 rows (the page shows it)."""
    report = Report(issues=check_header(table.header))
    if report.issues:
        report.rows = [PlannedRow(line, "") for line, _cells in table.rows]
        return report
    positions = {name: index for index, name in enumerate(table.header) if name}
    lookups = _Lookups(supplier)
    first_line_of_sku = {}
    for done, (line, cells) in enumerate(table.rows, start=1):
        report.rows.append(
            _check_row(positions, cells, line, lookups, photos, first_line_of_sku, report.issues)
        )
        if progress and done % 250 == 0:
            progress(done)
    return report


def _check_row(positions, cells, line, lookups, photos, first_line_of_sku, issues) -> PlannedRow:
    errors_before = len(issues)
    # Each column is read once (formulas and huge cells are reported by that read), in the file's order.
    row = _RowChecker(positions, cells, line, issues)
    sku = row.required("sku")
    planned = PlannedRow(line, sku)
    if sku:
        if sku in first_line_of_sku:
            row.error(
                "sku", sku, _("This SKU is already on line %(line)s.") % {"line": first_line_of_sku[sku]}
            )
        else:
            first_line_of_sku[sku] = line
    values = {}
    values["title"] = planned.title = row.required("title")
    values["description"] = row.required("description")
    category_text = row.text("category")
    values["category_id"] = lookups.categories.get(category_text.lower()) if category_text else None
    if values["category_id"] is None and "category" not in row.bad_columns:
        if not category_text:
            row.error("category", "", _("This is required."))
        else:
            guess = closest(category_text, lookups.category_names)
            message = _("Unknown category.")
            if guess:
                message += " " + _("Did you mean “%(name)s”?") % {"name": guess}
            row.error("category", category_text, message)
    for name in _split(row.text("materials")):
        material_id = lookups.materials.get(name.lower())
        if material_id is None:
            guess = closest(name, list(lookups.materials))
            message = _("Unknown material “%(name)s”.") % {"name": name}
            if guess:
                message += " " + _("Did you mean “%(name)s”?") % {"name": guess}
            row.error("materials", name, message)
        elif material_id not in planned.material_ids:
            planned.material_ids.append(material_id)
    values["origin_region"] = row.choice(
        "origin_region",
        lookups.regions,
        _("Unknown region; use punjab, sindh, kp, balochistan, gb, ajk or ict."),
    )
    hs_code = normalize_hs_code(row.text("hs_code"))
    values["hs_code"] = hs_code
    if not hs_code:
        if "hs_code" not in row.bad_columns:
            row.error("hs_code", "", _("This is required."))
    else:
        try:
            hs_code_validator(hs_code)
        except ValidationError as error:
            row.error("hs_code", hs_code, " ".join(error.messages))
    values["moq"] = moq = row.whole_number("moq", check_quantity)
    values["unit"] = row.choice(
        "unit", lookups.units, _("Unknown unit; use piece, pair, set, dozen, metre, sqm, kg or carat.")
    )
    values["lead_time_days"] = row.whole_number("lead_time_days", _lead_time)
    values["monthly_capacity"] = row.whole_number("monthly_capacity", _count_from_one)
    values["stock_on_hand"] = row.whole_number("stock_on_hand", check_count, optional=True)
    sample_text = row.text("sample_available").lower()
    values["sample_available"] = sample_text in YES
    if sample_text not in YES | NO:
        row.error("sample_available", sample_text, _("Write yes or no."))
    values["sample_price"] = row.amount("sample_price", minimum=Decimal(0))
    if (
        values["sample_available"]
        and values["sample_price"] is None
        and "sample_price" not in row.bad_columns
    ):
        row.error("sample_price", "", _("Give the sample price, or write “no” under sample_available."))
    incoterms = [code.upper() for code in _split(row.text("incoterms"))]
    for code in incoterms:
        if code not in Incoterm.values:
            row.error("incoterms", code, _("“%(code)s” is not an Incoterms 2020 code.") % {"code": code})
    values["incoterms"] = list(dict.fromkeys(incoterms))
    values["customisation"] = row.text("customisation")
    if len(values["customisation"]) > LIMITS["customisation"]:
        row.error("customisation", values["customisation"], _("At most %(max)s characters.") % {"max": 300})
    status = row.text("status").lower()
    existing = lookups.products.get(sku) if sku else None
    if status in ("", "draft", "published"):
        values["status"] = status or (existing.status if existing else Product.Status.DRAFT)
    else:
        row.error("status", status, _("Write draft or published."))
    planned.tiers = _tiers(row, moq)
    planned.photos = _split(row.text("photos"))
    for name in planned.photos:
        if photos is None:
            row.error("photos", name, _("This row names photos but no photos ZIP was uploaded."))
        elif problem := photos.problem(name):
            row.error("photos", name, problem)
    if len(issues) > errors_before:
        return planned
    planned.values, planned.product = values, existing
    planned.replace_photos = bool(planned.photos) and (
        existing is None or not _same_photos(existing, planned.photos, photos)
    )
    if existing is None:
        planned.action = "create"
    elif not planned.replace_photos and _same(existing, values, planned):
        planned.action = "unchanged"
    else:
        planned.action = "change"
    return planned


def _lead_time(value):
    validate_lead_time_days(value)
    return value


def _tiers(row, moq):
    tiers, complete = [], True
    for number in range(1, MAX_TIERS + 1):
        quantity_column, price_column = tier_columns(number)
        quantity_text, price_text = row.text(quantity_column), row.text(price_column)
        if not quantity_text and not price_text:
            continue
        if not quantity_text or not price_text:
            missing = price_column if quantity_text else quantity_column
            row.error(missing, "", _("Fill in both the quantity and the price of a tier, or neither."))
            complete = False
            continue
        quantity = row.whole_number(quantity_column, check_quantity)
        price = row.amount(price_column, minimum=Decimal("0.01"))
        if quantity is None or price is None:
            complete = False
            continue
        tiers.append((quantity, price))
    if complete and moq is not None:
        for message in validate_tiers(moq, tiers):
            row.error("tier1_min_quantity", "", message)
    return sorted(tiers)


def _split(text):
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _same(product, values, planned) -> bool:
    for name in FIELDS:
        if getattr(product, name) != values[name]:
            return False
    if sorted(m.pk for m in product.materials.all()) != sorted(planned.material_ids):
        return False
    stored_tiers = sorted((tier.min_quantity, tier.unit_price) for tier in product.price_tiers.all())
    return stored_tiers == planned.tiers


def _same_photos(product, names, photos) -> bool:
    """Whether the listing's photos are already these files, in this order: compared by the hash of the
    cleaned file (`Photo.file_hash`), so the same file imported again is not stored twice."""
    stored = [
        image.photo.file_hash for image in sorted(product.images.all(), key=lambda i: (i.position, i.pk))
    ]
    if len(stored) != len(names):
        return False
    return stored == [photos.fingerprint(name) for name in names]
