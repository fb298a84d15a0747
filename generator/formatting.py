"""Locale formatting of money, numbers, percentages and dates, always with an explicit locale.

Each function takes the locale as an argument; the Jinja filters in ``render`` pass the
locale of the page being rendered. Words Babel does not know (seasons, "about", "more than")
come from the gettext catalog through the ``translate`` argument.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent

from .facts import PartialDate

Translate = Callable[[str], str]
"""gettext for the page's language."""

COMPACT_FROM = Decimal(1_000_000)
"""Amounts from this size up are written compactly (``14,3 Md $US``, ``$14.3B``)."""


def _identity(message: str) -> str:
    return message


def N_(message: str) -> str:  # noqa: N802 - the name gettext extractors look for
    """Marks a message for extraction; the translation happens where it is used."""
    return message


def pgettext_noop(context: str, message: str) -> str:
    """Marks a message with a context (``slug``) for extraction."""
    return message


# Messages used below, marked for the catalog extractor.
SEASON_NAMES = {
    "spring": N_("spring %(year)s"),
    "summer": N_("summer %(year)s"),
    "autumn": N_("autumn %(year)s"),
    "winter": N_("winter %(year)s"),
}
QUALIFIERS = {
    "about": N_("about %(value)s"),
    "more_than": N_("more than %(value)s"),
    "less_than": N_("less than %(value)s"),
    "at_least": N_("at least %(value)s"),
    "up_to": N_("up to %(value)s"),
}
RANGE = N_("%(low)s to %(high)s")


def format_money(amount: Decimal | int | float, currency: str, locale: str) -> str:
    """``14,3 Md $US`` / ``$14.3B`` for large amounts, ``703,38 $US`` / ``$703.38`` below a million."""
    amount = Decimal(str(amount))
    if abs(amount) >= COMPACT_FROM:
        return format_compact_currency(amount, currency, locale=locale, fraction_digits=1)
    whole = amount == amount.to_integral_value()
    return format_currency(amount, currency, locale=locale,
                           format=_whole_currency_pattern(locale) if whole else None,
                           currency_digits=not whole)


def _whole_currency_pattern(locale: str) -> str:
    """The locale's currency pattern without decimals (``$900``, not ``$900.00``)."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.replace(".00", "").replace(",00", "")


def format_number(value: Decimal | int | float, locale: str) -> str:
    """``1 400`` / ``1,400``."""
    return format_decimal(value, locale=locale)


def format_percentage(value: Decimal | int | float, locale: str) -> str:
    """A percentage given as 0-100: ``49 %`` / ``49%``."""
    return format_percent(Decimal(str(value)) / 100, locale=locale, format=_percent_pattern(value, locale))


def _percent_pattern(value: Decimal | int | float, locale: str) -> str | None:
    """Keep one decimal when the value has one (``14,5 %``); none otherwise."""
    if Decimal(str(value)) == Decimal(str(value)).to_integral_value():
        return None
    pattern = Locale.parse(locale).percent_formats[None].pattern
    return pattern.replace("0", "0.0", 1) if "." not in pattern else pattern


def format_partial_date(value: PartialDate, locale: str, translate: Translate = _identity) -> str:
    """A date at its precision: ``15 septembre 2025``, ``septembre 2025``, ``été 2017``, ``2016``."""
    if value.precision == "day":
        return babel_format_date(date(value.year, value.month, value.day), format="long", locale=locale)
    if value.precision == "month":
        return format_skeleton("yMMMM", date(value.year, value.month, 1), locale=locale)
    if value.precision == "season":
        return translate(SEASON_NAMES[value.season]) % {"year": value.year}
    return str(value.year)


def qualify(text: str, qualifier: str | None, translate: Translate = _identity) -> str:
    """``environ 1 Md $US`` / ``about $1B``; the text itself when there is no qualifier."""
    return translate(QUALIFIERS[qualifier]) % {"value": text} if qualifier else text


def join_range(low: str, high: str, translate: Translate = _identity) -> str:
    """``40 % à 50 %`` / ``40% to 50%``."""
    return translate(RANGE) % {"low": low, "high": high}
