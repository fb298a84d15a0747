"""Locale formatting of money, numbers, percentages and dates, always with an explicit locale.

Each function takes the locale as an argument; the Jinja filters in ``render`` pass the
locale of the page being rendered. Words Babel does not know (seasons, "about", "more than")
come from the gettext catalog through the ``translate`` argument.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent
from markupsafe import Markup

from .dates import PartialDate
from .facts import Locator

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
QUALIFIED_RANGES = {
    "about": N_("about %(range)s"),
}
"""A qualified range reads differently from a qualified value (``de 14 à 15 Md $US environ``)."""
DATE_PHRASES = {
    "day": N_("on %(date)s"),
    "month": N_("in %(date)s"),
    "year": N_("in %(year)s"),  # its own message: German says "im April 2026" but "im Jahr 2026"
}
SEASON_PHRASES = {
    "spring": N_("in spring %(year)s"),
    "summer": N_("in summer %(year)s"),
    "autumn": N_("in autumn %(year)s"),
    "winter": N_("in winter %(year)s"),
}
DATE_QUALIFIERS = {
    "about": N_("around %(date)s"),
    "by": N_("by %(date)s"),
}
LOCATOR_PARTS = {
    "title": N_("title"),
    "subtitle": N_("subtitle"),
    "standfirst": N_("standfirst"),
    "dateline": N_("dateline"),
    "footer": N_("footer"),
    "intro": N_("introduction"),
}
SECTION = N_("section “%(heading)s”")
PARAGRAPH = N_("paragraph %(number)s")
LIST_ITEM = N_("list item %(number)s")
PLACE_DETAIL = N_("%(place)s, %(detail)s")

MINUS = "\u2212"
"""A true minus sign, for signed figures (``−7,01 $US``)."""


def format_money(amount: Decimal | int | float, currency: str, locale: str, signed: bool = False) -> str:
    """``14,3 Md $US`` / ``$14.3B`` for large amounts, ``703,38 $US`` / ``$703.38`` below a million;
    ``signed``: a change, ``+1,93 $US`` / ``−7,01 $US``."""
    amount = Decimal(str(amount))
    if abs(amount) >= COMPACT_FROM:
        # One decimal (14,3 Md), or two when they are exactly the amount (1,25 Md, not 1,2).
        exact = format_compact_currency(abs(amount), currency, locale=locale, fraction_digits=6)
        two = format_compact_currency(abs(amount), currency, locale=locale, fraction_digits=2)
        text = two if two == exact else format_compact_currency(abs(amount), currency, locale=locale, fraction_digits=1)
    else:
        whole = amount == amount.to_integral_value()
        text = format_currency(abs(amount), currency, locale=locale,
                               format=_whole_currency_pattern(locale) if whole else None,
                               currency_digits=not whole)
    return _sign(text, amount, signed)


def _sign(text: str, value: Decimal, signed: bool) -> str:
    """The formatted absolute value with its sign: a true minus, and a plus for a signed rise."""
    if value < 0:
        return MINUS + text
    return ("+" + text) if signed and value > 0 else text


def _whole_currency_pattern(locale: str) -> str:
    """The locale's currency pattern without decimals (``$900``, not ``$900.00``)."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.replace(".00", "").replace(",00", "")


def format_number(value: Decimal | int | float, locale: str, signed: bool = False) -> str:
    """``1 400`` / ``1,400``."""
    value = Decimal(str(value))
    return _sign(format_decimal(abs(value), locale=locale), value, signed)


def format_percentage(value: Decimal | int | float, locale: str, signed: bool = False) -> str:
    """A percentage given as 0-100: ``49 %`` / ``49%``; ``signed``: ``+1,05 %`` / ``−0,99 %``."""
    value = Decimal(str(value))
    text = format_percent(abs(value) / 100, locale=locale, format=_percent_pattern(value, locale))
    return _sign(text, value, signed)


def _percent_pattern(value: Decimal, locale: str) -> str | None:
    """Keep the decimals the value is written with, up to two (``14,5 %``, ``0,99 %``)."""
    decimals = min(2, max(0, -value.normalize().as_tuple().exponent))
    if not decimals:
        return None
    pattern = Locale.parse(locale).percent_formats[None].pattern
    return pattern.replace("0", "0." + "0" * decimals, 1) if "." not in pattern else pattern


def format_partial_date(value: PartialDate, locale: str, translate: Translate = _identity) -> str:
    """A date at its precision: ``15 septembre 2025``, ``septembre 2025``, ``été 2017``, ``2016``."""
    if value.precision == "day":
        return babel_format_date(date(value.year, value.month, value.day), format="long", locale=locale)
    if value.precision == "month":
        return format_skeleton("yMMMM", date(value.year, value.month, 1), locale=locale)
    if value.precision == "season":
        return translate(SEASON_NAMES[value.season]) % {"year": value.year}
    return str(value.year)


def format_date_phrase(value: PartialDate, locale: str, translate: Translate = _identity) -> str:
    """A date with the preposition its precision takes: ``le 15 septembre 2025``, ``en novembre
    2025``, ``à l’été 2017`` / ``on September 15, 2025``, ``in November 2025``, ``in summer 2017``."""
    if value.precision == "season":
        return translate(SEASON_PHRASES[value.season]) % {"year": value.year}
    text = format_partial_date(value, locale, translate)
    return translate(DATE_PHRASES[value.precision]) % {"date": text, "year": text}


def qualify_date(text: str, qualifier: str | None, translate: Translate = _identity) -> str:
    """``vers 2016`` / ``around 2016``, ``été 2023 au plus tard`` / ``by summer 2023``."""
    return translate(DATE_QUALIFIERS[qualifier]) % {"date": text} if qualifier else text


def format_locator(locator: Locator, translate: Translate = _identity) -> str:
    """One place in a document in the reader's language; a section heading stays as the source has it."""
    place = (translate(SECTION) % {"heading": locator.heading} if locator.heading
             else translate(LOCATOR_PARTS[locator.part]) if locator.part else "")
    detail = (translate(PARAGRAPH) % {"number": locator.paragraph} if locator.paragraph
              else translate(LIST_ITEM) % {"number": locator.item} if locator.item else "")
    if place and detail:
        return translate(PLACE_DETAIL) % {"place": place, "detail": detail}
    return place or detail


# --- French typography -----------------------------------------------------------------------

NBSP = "\u00a0"
"""The no-break space French puts before ``: ; ! ? %`` and inside ``« »`` (Babel's own, in ``49 %``)."""
_SPACES = "[ \u00a0\u202f]"
_BEFORE_PUNCTUATION = re.compile(rf"([^\s!?;:]){_SPACES}?([;:!?])(?=\s|$)", re.M)
_BEFORE_PERCENT = re.compile(rf"(\d){_SPACES}?%")
_AFTER_OPENING = re.compile(rf"«{_SPACES}*")
_BEFORE_CLOSING = re.compile(rf"{_SPACES}*»")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]+)"')
# In Markdown, a space is only made unbreakable where the editor typed one: inserting spaces
# could break markup (``---:`` in a table's alignment row).
_TYPED_BEFORE_PUNCTUATION = re.compile(r"([^\s!?;:]) ([;:!?])(?=\s|$)", re.M)
_TYPED_BEFORE_PERCENT = re.compile(r"(\d) %")
_TYPED_AFTER_OPENING = re.compile(r"« ")
_TYPED_BEFORE_CLOSING = re.compile(r" »")


def french_spacing(text: str) -> str:
    """No-break spaces before ``: ; ! ? %`` and inside ``« »``, added where missing; it only
    touches punctuation that ends a word (``https://`` and ``10:30`` keep theirs, ``!!!`` is
    left alone)."""
    text = _BEFORE_PUNCTUATION.sub(rf"\1{NBSP}\2", text)
    text = _BEFORE_PERCENT.sub(rf"\1{NBSP}%", text)
    text = _AFTER_OPENING.sub(f"«{NBSP}", text)
    return _BEFORE_CLOSING.sub(f"{NBSP}»", text)


def markdown_spacing(text: str, locale: str) -> str:
    """An editor's Markdown with the spaces typed before ``: ; ! ? %`` and inside ``« »`` made
    unbreakable (French); markup is left as it is, and no space is added."""
    if locale.split("_")[0] != "fr":
        return text
    text = _TYPED_BEFORE_PUNCTUATION.sub(rf"\1{NBSP}\2", text)
    text = _TYPED_BEFORE_PERCENT.sub(rf"\1{NBSP}%", text)
    text = _TYPED_AFTER_OPENING.sub(f"«{NBSP}", text)
    return _TYPED_BEFORE_CLOSING.sub(f"{NBSP}»", text)


def french_typography(text: str) -> str:
    """French typography on plain text: quotations in ``« »``, typographic apostrophes, and
    :func:`french_spacing`. Never for markup (attributes, URLs), only for text values."""
    text = _STRAIGHT_QUOTES.sub(r"« \1 »", text)
    return french_spacing(text.replace("'", "\u2019"))


TYPOGRAPHY: dict[str, Callable[[str], str]] = {"fr": french_typography}
"""Typography per language, for text values; a language without rules keeps its text as written."""


_MARKDOWN_SYNTAX = str.maketrans({**{character: f"&#{ord(character)};" for character in "[]{}|*`\\\"'"},
                                  "&": "&amp;", "<": "&lt;", ">": "&gt;"})
"""What Markdown (with ``attr_list`` and ``tables``) would read as syntax in a text from the data:
a link or image (``[x](javascript:...)``), an attribute list (``{ onclick=... }``), a table cell's
end, emphasis, code, an escape; and, by position, ``#`` and ``_`` (``_EDGES``). Written as
character references (with HTML's ``& < > " '``), they read the same in the page."""


_EDGES = re.compile(r"(?<=\n)[ \t]*#+|#+[ \t]*$|(?<!\w)_+|_+(?!\w)", re.M)
"""Syntax by position: a ``#`` that starts a line of a text (a heading) or ends one (a heading's
closing ``#``, which ``C#`` would lose), a ``_`` at a word's edge (emphasis). Inside a line or a
word (``#3``, a colour, ``snake_case``) they are not syntax."""


def escape(text: Any) -> Markup:
    """A text from the data as it may reach a page: HTML-escaped, and with the characters Markdown
    reads as syntax written as character references, so that it comes out as the same text in
    Markdown and in HTML alike. ``Markup`` (made by the generator) is left as it is."""
    if isinstance(text, Markup):
        return text
    escaped = str(text).translate(_MARKDOWN_SYNTAX)  # HTML's characters and Markdown's, in one pass
    if "#" in escaped or "_" in escaped:
        escaped = _EDGES.sub(lambda edge: edge.group().replace("#", "&#35;").replace("_", "&#95;"), escaped)
    return Markup(escaped)


def typography(text: str, locale: str) -> str:
    """``text`` with the typography of ``locale`` (French: :func:`french_typography`)."""
    rules = TYPOGRAPHY.get(locale.split("_")[0])
    return rules(text) if rules else text


def markup_typography(html: str, locale: str) -> str:
    """``typography`` for a line of HTML (a site's copyright notice): in its text, not its tags."""
    tags = iter(re.findall(r"<[^>]*>", html))
    return re.sub("\ue000", lambda _: next(tags), typography(re.sub(r"<[^>]*>", "\ue000", html), locale))


def qualify(text: str, qualifier: str | None, translate: Translate = _identity) -> str:
    """``environ 1 Md $US`` / ``about $1B``; the text itself when there is no qualifier."""
    return translate(QUALIFIERS[qualifier]) % {"value": text} if qualifier else text


def join_range(low: str, high: str, translate: Translate = _identity, qualifier: str | None = None) -> str:
    """``de 40 à 50 %`` / ``40% to 50%``: a unit written after a space is given once, with the
    upper bound (``de 14 à 15 Md $US``); ``qualifier``: ``de 14 à 15 Md $US environ``."""
    unit = _shared_unit(low, high)
    text = translate(RANGE) % {"low": low[: len(low) - len(unit)] if unit else low, "high": high}
    if qualifier in QUALIFIED_RANGES:
        return translate(QUALIFIED_RANGES[qualifier]) % {"range": text}
    return qualify(text, qualifier, translate)


def _shared_unit(low: str, high: str) -> str:
    """The unit both bounds end with, when it follows the number after a space (`` Md $US``)."""
    for index, character in enumerate(low):
        if character in " \u00a0\u202f" and not any(c.isdigit() for c in low[index:]) \
                and high.endswith(low[index:]):
            return low[index:]
    return ""
