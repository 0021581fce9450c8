"""Money: a Decimal amount with its ISO 4217 currency, never a float.

Amounts keep full precision through arithmetic; rounding happens only where `rounded()` is called
(prices shown or charged, ledger postings), half-up to the currency's minor unit.

An amount is always a finite number below MAX_AMOUNT: Money refuses NaN, Infinity and 1e999999 when it is
made, so no page, order or ledger posting ever holds one (it would fail later, where it is rounded or stored).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 currencies the marketplace trades in, with their minor-unit exponent.
CURRENCIES = {"USD": 2, "EUR": 2, "GBP": 2, "AED": 2, "PKR": 2}
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]

# Far above any price, order or balance (the widest amount field stores 14 whole digits), and low enough that
# rounding to a minor unit stays exact in Decimal's default 28-digit context.
MAX_AMOUNT = Decimal(10) ** 18

# The most one card payment may carry: Stripe takes at most eight digits of minor units in every currency we
# trade (99,999,999 = 999,999.99 USD). Orders above it are refused when they are created (orders.checkout).
MAX_CHARGE_MINOR_UNITS = 99_999_999


class CurrencyMismatch(ValueError):
    pass


def quantize(amount: Decimal, currency: str) -> Decimal:
    exponent = Decimal(1).scaleb(-CURRENCIES[currency])
    return Decimal(amount).quantize(exponent, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self):
        if isinstance(self.amount, float):
            raise TypeError("Money never takes a float; pass a Decimal or a string.")
        if self.currency not in CURRENCIES:
            raise ValueError(f"Unknown currency {self.currency!r}")
        amount = Decimal(self.amount)
        if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
            raise ValueError(f"Money needs a finite amount below {MAX_AMOUNT:,}, not {self.amount!r}")
        object.__setattr__(self, "amount", amount)

    @classmethod
    def zero(cls, currency: str) -> "Money":
        return cls(Decimal("0"), currency)

    def _check(self, other: "Money"):
        if not isinstance(other, Money):
            raise TypeError("Money arithmetic needs Money")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} and {other.currency} cannot be mixed")

    def __add__(self, other):
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other):
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor):
        if isinstance(factor, float):
            raise TypeError("Money never takes a float factor")
        return Money(self.amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __neg__(self):
        return Money(-self.amount, self.currency)

    def __lt__(self, other):
        self._check(other)
        return self.amount < other.amount

    def __le__(self, other):
        self._check(other)
        return self.amount <= other.amount

    def __gt__(self, other):
        self._check(other)
        return self.amount > other.amount

    def __ge__(self, other):
        self._check(other)
        return self.amount >= other.amount

    def rounded(self) -> "Money":
        return Money(quantize(self.amount, self.currency), self.currency)

    @property
    def minor_units(self) -> int:
        """The exact integer amount in minor units (cents, paisa); refuses amounts that need rounding."""
        scaled = self.amount.scaleb(CURRENCIES[self.currency])
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{self} has more precision than {self.currency} minor units")
        return int(scaled)

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> "Money":
        return cls(Decimal(int(units)).scaleb(-CURRENCIES[currency]), currency)

    @classmethod
    def max_charge(cls, currency: str) -> "Money":
        """The largest amount one card payment may carry in `currency` (999,999.99 USD)."""
        return cls.from_minor_units(MAX_CHARGE_MINOR_UNITS, currency)

    def __str__(self):
        return f"{quantize(self.amount, self.currency):,} {self.currency}"
