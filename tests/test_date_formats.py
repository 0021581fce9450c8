"""One date format on every page, email and document (marketplace/formats): "3 Dec 2026" and
"3 Dec 2026, 14:05", the Urdu pages the same with Urdu month names. Templates name the format
(`|date`, `|date:"DATETIME_FORMAT"`), so changing it here changes it everywhere."""

from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

MOMENT = datetime(2026, 12, 3, 14, 5)


@pytest.mark.parametrize("name", ["DATE_FORMAT", "SHORT_DATE_FORMAT"])
def test_a_date_is_day_month_year(name):
    with translation.override("en"):
        assert date_format(date(2026, 12, 3), name) == "3 Dec 2026"


@pytest.mark.parametrize("name", ["DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"])
def test_a_moment_is_the_date_and_a_24_hour_time(name):
    with translation.override("en"):
        assert date_format(MOMENT, name) == "3 Dec 2026, 14:05"


def test_urdu_pages_use_the_same_order_with_urdu_month_names():
    with translation.override("ur"):
        written = date_format(MOMENT, "DATETIME_FORMAT")

    assert written.startswith("3 ") and written.endswith(" 2026, 14:05")
    assert "Dec" not in written


def test_the_date_filter_without_a_pattern_writes_the_one_format():
    rendered = Template('{{ day|date }} · {{ moment|date:"DATETIME_FORMAT" }}').render(
        Context({"day": date(2027, 1, 4), "moment": MOMENT})
    )

    assert rendered == "4 Jan 2027 · 3 Dec 2026, 14:05"
