"""Currency conversion for display and comparison, from the stored dated rate table.

The rate used is the latest one on or before the given date. USD is the pivot: the table stores how many
units of each currency one USD buys. Results are not rounded: callers round where they show or charge.
"""

import csv
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from marketplace.money import CURRENCIES, Money

from .models import ExchangeRate

_CACHE_SECONDS = 300
_VERSION_KEY = "fx:version"


def _key(*parts) -> str:
    """A cache key of the rates as stored now: every saved or deleted rate moves the version
    (`forget_cached_rates`), so no process keeps converting at a replaced rate for the cache's 5 minutes."""
    version = cache.get_or_set(_VERSION_KEY, 1, None)
    return ":".join(("fx", str(version), *parts))


def forget_cached_rates() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:  # not set (yet, or evicted): any new value is a new version
        cache.set(_VERSION_KEY, time.time_ns(), None)


class RateMissing(LookupError):
    pass


def rate_per_usd(currency: str, on: date | None = None) -> Decimal:
    if currency == "USD":
        return Decimal(1)
    on = on or timezone.localdate()
    key = _key(currency, on.isoformat())
    rate = cache.get(key)
    if rate is None:
        row = ExchangeRate.objects.filter(currency=currency, on_date__lte=on).order_by("-on_date").first()
        if row is None:
            raise RateMissing(f"No exchange rate for {currency} on or before {on}")
        rate = row.per_usd
        cache.set(key, rate, _CACHE_SECONDS)
    return rate


@dataclass(frozen=True)
class Rate:
    """One row of the table as used on a day: units of `currency` per USD, and the day it was stored for."""

    currency: str
    per_usd: Decimal
    on_date: date


def rates_on(on: date | None = None) -> dict[str, Rate]:
    """The latest rate on or before `on` (today by default) of every currency that has one, USD included
    (1, dated `on`). One query, then cached like `rate_per_usd`; a currency without a row is absent."""
    on = on or timezone.localdate()
    key = _key("all", on.isoformat())
    rates = cache.get(key)
    if rates is None:
        latest = ExchangeRate.objects.filter(currency=OuterRef("currency"), on_date__lte=on)
        latest_day = Subquery(latest.order_by("-on_date").values("on_date")[:1])
        rows = ExchangeRate.objects.filter(on_date=latest_day)
        rates = {row.currency: Rate(row.currency, row.per_usd, row.on_date) for row in rows}
        rates["USD"] = Rate("USD", Decimal(1), on)
        cache.set(key, rates, _CACHE_SECONDS)
    return rates


def convert_at(money: Money, to_currency: str, rates: dict[str, Rate]) -> Money:
    """`money` in `to_currency` at `rates` (from `rates_on`); RateMissing when either currency has none."""
    if money.currency == to_currency:
        return money
    missing = [code for code in (money.currency, to_currency) if code not in rates]
    if missing:
        raise RateMissing(f"No exchange rate for {', '.join(missing)}")
    usd = money.amount / rates[money.currency].per_usd
    return Money(usd * rates[to_currency].per_usd, to_currency)


def convert(money: Money, to_currency: str, on: date | None = None) -> Money:
    """`money` in `to_currency` at the stored rate of `on` (today by default). Unrounded."""
    if money.currency == to_currency:
        return money
    usd = money.amount / rate_per_usd(money.currency, on)
    return Money(usd * rate_per_usd(to_currency, on), to_currency)


class RateFileError(ValueError):
    pass


def load_rates(path, source="") -> int:
    """Load a CSV with columns date,currency,per_usd; replaces the rows of the same currency and day.

    The whole file loads or none of it (one transaction). Returns the number of rows loaded.
    """
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            try:
                on = date.fromisoformat(row["date"].strip())
                currency = row["currency"].strip().upper()
                per_usd = Decimal(row["per_usd"].strip())
            except (KeyError, ValueError, InvalidOperation, AttributeError) as exc:
                raise RateFileError(f"line {line_no}: expected date,currency,per_usd ({exc})") from exc
            if currency not in CURRENCIES or per_usd <= 0:
                raise RateFileError(f"line {line_no}: unknown currency or non-positive rate")
            rows.append((on, currency, per_usd))
    with transaction.atomic():
        for on, currency, per_usd in rows:
            ExchangeRate.objects.update_or_create(
                currency=currency, on_date=on, defaults={"per_usd": per_usd, "source": source}
            )
    return len(rows)
