"""Reading an uploaded listings file, CSV or XLSX, told apart by content (never by name), within limits.

Everything a person can upload is bounded before it is believed: the file's size, the number of rows, and
for XLSX (a ZIP of XML) the sizes and compression ratio its ZIP directory declares, checked before
openpyxl inflates anything (`catalog.bulk.photos.check_archive`). Cells are read as text with a flag for
formulas (XLSX formula cells; CSV cells starting with "="): the import takes values, never formulas. A
CSV cell our export neutralised ("'=…", see marketplace.csv_export) is read back without its apostrophe.
Unreadable files raise `UnreadableFile` with a message for people: the page shows it, never a 500.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from marketplace.csv_export import FORMULA_STARTS

from .photos import ArchiveRefused, check_archive

MAX_ROWS = 5000
MAX_TABLE_BYTES = 25 * 1024 * 1024
# An XLSX is XML in a ZIP: its parts compress well (20-50x), far less than a bomb's thousands.
MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_XLSX_RATIO = 200

# A CSV cell may be as large as the file; the validation, not the reader, says "this cell is too long".
csv.field_size_limit(MAX_TABLE_BYTES)


class UnreadableFile(Exception):
    """The file as a whole cannot be read; `message` says why, in plain words."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cell:
    text: str
    formula: bool = False


@dataclass
class Table:
    format: str  # "csv" or "xlsx"
    header: list[str]
    rows: list[tuple[int, list[Cell]]]  # (line as the spreadsheet numbers it, cells)


def sniff_format(head: bytes) -> str | None:
    """ "xlsx", "csv" or None, from the first bytes: a ZIP is taken for XLSX (openpyxl then says whether it
    is one), text without NUL bytes that decodes as UTF-8 for CSV."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the end of `head` is fine; a real invalid byte before it is not.
        if error.start < len(head) - 3:
            return None
    return "csv"


def read_table(fileobj) -> Table:
    """The header and rows of an uploaded CSV or XLSX (UnreadableFile otherwise)."""
    fileobj.seek(0)
    data = fileobj.read(MAX_TABLE_BYTES + 1)
    if len(data) > MAX_TABLE_BYTES:
        raise UnreadableFile(
            _("The file is larger than %(limit)s MB; split it into smaller files.")
            % {"limit": MAX_TABLE_BYTES // (1024 * 1024)}
        )
    kind = sniff_format(data[:4096])
    if kind == "xlsx":
        return _read_xlsx(data)
    if kind == "csv":
        return _read_csv(data)
    raise UnreadableFile(_("This file is not a CSV or XLSX file. Save your sheet as CSV (UTF-8) or XLSX."))


def _too_many_rows():
    return UnreadableFile(
        _("The file has more than %(max)s products; split it into files of up to %(max)s.")
        % {"max": f"{MAX_ROWS:,}"}
    )


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("This CSV file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        rows = []
        for number, record in enumerate(reader, start=2):
            if not any(value.strip() for value in record):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            rows.append((number, [_csv_cell(value) for value in record]))
    except csv.Error as error:
        raise UnreadableFile(_("This CSV file is damaged (%(error)s).") % {"error": error}) from error
    if not any(header):
        raise UnreadableFile(_("The file is empty: the first row must name the columns."))
    return Table("csv", header, rows)


def _csv_cell(value: str) -> Cell:
    value = value.strip()
    if value.startswith("'") and value[1:].lstrip(" ").startswith(FORMULA_STARTS):
        # Written so by our export (marketplace.csv_export.safe_cell): the apostrophe only says "text".
        return Cell(value[1:])
    return Cell(value, formula=value.startswith("="))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # installed with Wagtail; imported here, only when an XLSX comes

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, max_total=MAX_XLSX_INFLATED_BYTES, max_ratio=MAX_XLSX_RATIO)
    except ArchiveRefused as error:
        raise UnreadableFile(error.message) from error
    except zipfile.BadZipFile as error:
        raise UnreadableFile(_("This file is not a CSV or XLSX file.")) from error
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a ZIP that is not a workbook
        raise UnreadableFile(
            _("This file is not an XLSX workbook we can read. Save it from your spreadsheet as XLSX or CSV.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows()
        header = [_xlsx_cell(cell).text.lower() for cell in next(lines, ())]
        rows = []
        for number, line in enumerate(lines, start=2):
            cells = [_xlsx_cell(cell) for cell in line]
            if not any(cell.text for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            rows.append((number, cells))
    finally:
        workbook.close()
    if not any(header):
        raise UnreadableFile(_("The file is empty: the first row must name the columns."))
    return Table("xlsx", header, rows)


def _xlsx_cell(cell) -> Cell:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return Cell(str(value), formula=True)
    return Cell(_as_text(value))


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # 12.5 typed in a cell comes as a float: its shortest decimal form, never binary noise.
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    return str(value).strip()


def count_rows(fileobj) -> int:
    """About how many rows the file has, cheaply, to choose between this request and a task: an XLSX's
    declared dimension, a CSV's lines. 0 for a file that is neither (its dry run fails at once)."""
    fileobj.seek(0)
    head = fileobj.read(4096)
    fileobj.seek(0)
    kind = sniff_format(head)
    if kind == "csv":
        return max(sum(1 for _line in fileobj) - 1, 0)
    if kind == "xlsx":
        from openpyxl import load_workbook

        try:
            with zipfile.ZipFile(fileobj) as archive:
                check_archive(archive, max_total=MAX_XLSX_INFLATED_BYTES, max_ratio=MAX_XLSX_RATIO)
            fileobj.seek(0)
            workbook = load_workbook(fileobj, read_only=True, data_only=False)
            try:
                return max((workbook.worksheets[0].max_row or 1) - 1, 0)
            finally:
                workbook.close()
        except Exception:  # unreadable: the dry run says why, in this request
            return 0
    return 0
