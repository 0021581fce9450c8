"""The buyer's currency: which currency a visitor sees prices in, how a price is shown in it, and the one
way every amount is written on every page and in every email.

Which currency (`chosen_currency`): `?currency=XXX` on any URL (a currency we trade in; anything else is
ignored), else the `currency` cookie, else the signed-in user's preferred currency, else USD. A valid
`?currency=` is remembered: `CurrencyMiddleware` sets the cookie on the response and stores it as the
signed-in user's preferred currency. The middleware puts a `BuyerCurrency` on the request
(`request.buyer_currency`, chosen only when something reads it) and the context processor hands it to
templates as `buyer_currency`, with what the header's chooser needs.

Showing a price (`BuyerCurrency.show`): the amount in the buyer's currency at the latest stored rate on or
before today (marketplace.exchange), rounded to its minor unit, with the supplier's own price beside it when
the currencies differ. Without a rate for either currency the page shows the supplier's price alone and says
the conversion is unavailable: never a made-up rate. What is charged is always the order's own currency;
conversions are for reading only.

Writing an amount (`format_money`): digits grouped and decimal separator as the active language writes them
(Django's l10n; Urdu's formats, which Django lacks, are in marketplace/formats), as many decimals as the
currency's minor unit, then the ISO code: "1,992.00 PKR". Codes, not symbols: "$" is several currencies, and
a code reads the same in English and in Urdu.
"""

from datetime import date
from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _

from marketplace.exchange.services import Rate, RateMissing, convert_at, rates_on
from marketplace.money import CURRENCIES, Money, quantize

DEFAULT_CURRENCY = "USD"
COOKIE_NAME = "currency"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def format_money(money: Money | None, *, exact: bool = False) -> str:
    """`money` written for people in the active language, rounded half-up to its minor unit; "" for None.

    `exact` keeps the decimals an amount has beyond the minor unit ("0.3333 USD" rather than "0.33 USD"): for
    a unit price on an export document, which a customs officer multiplies by the quantity."""
    if money is None:
        return ""
    places = CURRENCIES[money.currency]
    amount = quantize(money.amount, money.currency)
    if exact and amount != money.amount:
        amount = money.amount.normalize()
        places = -amount.as_tuple().exponent
    number = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{number} {money.currency}"


def valid_currency(code) -> str | None:
    """`code` in upper case when it is a currency we trade in, else None (never an error: it comes from URLs
    and cookies)."""
    code = (code or "").strip().upper() if isinstance(code, str) else ""
    return code if code in CURRENCIES else None


def chosen_currency(request) -> str:
    """The visitor's currency: ?currency=, else the cookie, else the signed-in user's preference, else USD."""
    chosen = valid_currency(request.GET.get("currency")) or valid_currency(request.COOKIES.get(COOKIE_NAME))
    if chosen:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return valid_currency(user.preferred_currency) or DEFAULT_CURRENCY
    return DEFAULT_CURRENCY


def remember_preferred_currency(user, code: str) -> None:
    """Store `code` as `user`'s preferred currency (one UPDATE, only when it changes)."""
    if user.preferred_currency != code:
        get_user_model().objects.filter(pk=user.pk).update(preferred_currency=code)
        user.preferred_currency = code


class Shown(NamedTuple):
    """A price as a buyer sees it: `own` (the supplier's, or the order's, currency), `buyer` (in the buyer's
    currency, None when no rate converts it), both rounded; `rate_date`: the older of the two rates' days."""

    own: Money
    buyer: Money | None
    rate_date: date | None

    @property
    def converted(self) -> bool:
        return self.buyer is not None and self.buyer.currency != self.own.currency

    def __str__(self):
        if self.buyer is None:
            return _("%(own)s (conversion unavailable)") % {"own": format_money(self.own)}
        if not self.converted:
            return format_money(self.own)
        return _("%(buyer)s (%(own)s)") % {"buyer": format_money(self.buyer), "own": format_money(self.own)}


class BuyerCurrency:
    """The currency one visitor reads prices in, with the day's rates (loaded once, on first use)."""

    def __init__(self, code: str, on: date | None = None):
        self.code = valid_currency(code) or DEFAULT_CURRENCY
        self.on = on

    def __str__(self):
        return self.code

    def __repr__(self):
        return f"BuyerCurrency({self.code!r})"

    @cached_property
    def rates(self) -> dict[str, Rate]:
        return rates_on(self.on)

    def show(self, money: Money) -> Shown:
        """`money` as this buyer sees it (see the module docstring). No query when the currencies agree."""
        own = money.rounded()
        if money.currency == self.code:
            return Shown(own, own, None)
        try:
            buyer = convert_at(money, self.code, self.rates).rounded()
        except RateMissing:
            return Shown(own, None, None)
        return Shown(own, buyer, min(self.rates[money.currency].on_date, self.rates[self.code].on_date))

    def version_for(self, currency: str) -> tuple:
        """What a cached fragment showing `currency` prices to this buyer depends on: part of its key, so a
        fragment rendered for one currency, or at another rate, is never served for another."""
        if currency == self.code:
            return (self.code,)
        return (self.code, self.rates.get(currency), self.rates.get(self.code))


# --- Request side ----------------------------------------------------------------------------------------
class CurrencyMiddleware:
    """Puts `request.buyer_currency` on every request and remembers a valid `?currency=` (cookie, profile).

    Place after AuthenticationMiddleware. A request without `?currency=` costs nothing until a price is shown.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = valid_currency(request.GET.get("currency"))
        request.buyer_currency = SimpleLazyObject(lambda: BuyerCurrency(chosen_currency(request)))
        user = getattr(request, "user", None)
        if asked and user is not None and user.is_authenticated:
            remember_preferred_currency(user, asked)
        response = self.get_response(request)
        if request.buyer_currency._wrapped is not empty:
            # The page showed prices in the cookie's currency: a shared cache must not serve it to others.
            patch_vary_headers(response, ("Cookie",))
        if asked and request.COOKIES.get(COOKIE_NAME) != asked:
            remember_on_response(response, asked)
        return response


def remember_on_response(response, code: str) -> None:
    """Set the currency cookie on `response`: the visitor's next pages show prices in `code` (the header's
    chooser and the profile's currency form both do this)."""
    response.set_cookie(
        COOKIE_NAME,
        code,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )


def for_request(request) -> BuyerCurrency:
    """The visitor's BuyerCurrency: the middleware's, or chosen now for a request that did not pass through
    it (a RequestFactory's, Wagtail's preview of a page)."""
    current = getattr(request, "buyer_currency", None)
    return current if current is not None else BuyerCurrency(chosen_currency(request))


def form_currency(request) -> str:
    """The currency a buyer's form starts in (an RFQ's, a capacity request's target price): the one the site
    shows this visitor prices in (`chosen_currency`), so the price they just read and the price they ask for
    are in the same currency. One rule for every such form; the buyer can still pick another. A supplier's
    quote starts in the supplier's own currency instead: it is their price, not the buyer's."""
    return for_request(request).code


def buyer_currency(request):
    """Context processor: `buyer_currency` and, for the header's chooser, the codes and the query to keep."""
    return {
        "buyer_currency": for_request(request),
        "currency_codes": list(CURRENCIES),
        "currency_keep_query": [
            (key, value) for key, values in request.GET.lists() if key != "currency" for value in values
        ],
    }
