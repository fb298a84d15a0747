"""A fact's value, a date, a place in a source, as readers of one language read them.

This is the one place where a fact becomes text: the pages (through the Jinja filters of
``templating``), the data files and the PDF all format values here, with Babel and an explicit
locale (``formatting``), the language's typography, and the catalog's words.
"""

from __future__ import annotations

from typing import Callable

from babel import Locale
from babel.support import Translations
from markupsafe import Markup

from . import formatting
from .briefing import Briefing
from .dates import PartialDate
from .facts import NUMBER_KINDS, QUOTED_FACT, Source, parse_locators
from .formatting import N_
from .records import Localized

LIST_SEPARATOR = N_("; ")
"""Between citations and values in a list (French puts a space before the semicolon)."""

LEVELS = {
    "low": N_("low"),
    "moderate": N_("moderate"),
    "elevated": N_("elevated"),
    "high": N_("very high"),
    "unknown": N_("undetermined"),
}
"""Watchlist levels, as readers see them."""

LEVEL_SCALE = ("low", "moderate", "elevated", "high")
"""The watchlist's ordered scale, lowest first; ``unknown`` is off the scale."""

STATUS_NAMES = {
    "reported": N_("reported"),
    "estimate": N_("estimate"),
    "projection": N_("projection"),
    "derived": N_("derived"),
    "corrected": N_("corrected"),
    "opinion": N_("opinion"),
}
"""How a fact is known, as readers see it."""


class TypesetTranslations:
    """A language's catalog whose messages come out with that language's typography."""

    def __init__(self, translations: Translations, language: str):
        self.translations, self.language = translations, language
        self._typeset: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        typeset = self._typeset.get(message)  # a page asks for the same few words many times
        if typeset is None:
            typeset = self._typeset[message] = formatting.typography(self.translations.gettext(message), self.language)
        return typeset

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return formatting.typography(self.translations.ngettext(singular, plural, count), self.language)

    def pgettext(self, context: str, message: str) -> str:
        return formatting.typography(self.translations.pgettext(context, message), self.language)

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        return formatting.typography(self.translations.npgettext(context, singular, plural, count),
                                     self.language)


class Formatter:
    """Values as text in one language."""

    def __init__(self, language: str, translations: Translations):
        self.language = language
        self.translations = TypesetTranslations(translations, language)
        self.gettext = self.translations.gettext
        self._made: dict[tuple, str] = {}

    def _once(self, key: tuple, make: Callable[[], str]) -> str:
        """``make()``, remembered under ``key`` for this formatter's life (one build): a page
        formats the same figures, dates and texts as its neighbours, and Babel is slow at it."""
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = make()
        return made

    def name(self, value: Localized | str) -> str:
        """A name or text that may be given once for all languages or in each."""
        return value.get(self.language) if isinstance(value, Localized) else str(value)

    def words(self, value: Localized | str) -> str:
        """A name or text in this language, with its typography (no-break spaces, « »)."""
        name = self.name(value)
        return self._once(("words", name), lambda: formatting.typography(name, self.language))

    def typeset(self, value: Localized | str | None, quote: Callable[[str], Markup | str]) -> Markup:
        """A text in this language, escaped and typeset; each ``{fact.id}`` it quotes is replaced
        by ``quote(fact_id)``."""
        if value is None:
            return Markup("")
        raw = self.words(value)
        parts, last = [], 0
        for match in QUOTED_FACT.finditer(raw):
            parts += [formatting.escape(raw[last:match.start()]), formatting.escape(quote(match[1]))]
            last = match.end()
        return Markup("").join(parts + [formatting.escape(raw[last:])])

    def plain_text(self, value: Localized | str | None, briefing: Briefing) -> str:
        """A text as plain words, each quoted fact replaced by its value (the PDF)."""
        if value is None:
            return ""
        return QUOTED_FACT.sub(lambda match: self.value(briefing.fact(match[1])), self.words(value))

    # Numbers are remembered by type and digits: 14.3 and 14.30 are equal, not the same figure.
    def money(self, amount, currency: str, signed: bool = False) -> str:
        return self._once(("money", type(amount), str(amount), currency, signed),
                          lambda: formatting.format_money(amount, currency, self.language, signed))

    def number(self, value, signed: bool = False) -> str:
        return self._once(("number", type(value), str(value), signed),
                          lambda: formatting.format_number(value, self.language, signed))

    def percent(self, value, signed: bool = False) -> str:
        return self._once(("percent", type(value), str(value), signed),
                          lambda: formatting.format_percentage(value, self.language, signed))

    def date(self, value: PartialDate | None, qualifier: str | None = None) -> str:
        if not value:
            return ""
        return self._once(("date", value, qualifier), lambda: formatting.qualify_date(
            formatting.format_partial_date(value, self.language, self.gettext), qualifier, self.gettext))

    def when(self, value: PartialDate) -> str:
        """A date with its preposition: ``le 15 septembre 2025``, ``en novembre 2025``."""
        return formatting.format_date_phrase(value, self.language, self.gettext)

    def language_name(self, code: str) -> str:
        """A language's name in this language: ``fr`` is ``français`` / ``French``."""
        return Locale.parse(code).get_display_name(self.language)

    def colon(self, label: str) -> str:
        """``Label:`` in English, ``Label :`` in French: the label followed by a colon."""
        return self.gettext("%(label)s:") % {"label": label}

    def sentence(self, text: str) -> str:
        """Text with its first letter capitalised (``été 2017`` starting a heading)."""
        return text[:1].upper() + text[1:]

    def amount(self, fact, number) -> str:
        """``number`` formatted as ``fact``'s values are (its currency, its sign)."""
        if fact.kind == "money":
            return self.money(number, fact.currency, fact.change)
        return self.percent(number, fact.change) if fact.kind == "percentage" else self.number(number, fact.change)

    def value(self, fact) -> str:
        """A fact's value formatted for this language, without provenance."""
        if fact.kind in NUMBER_KINDS:
            low = self.amount(fact, fact.value)
            if fact.upper is not None:
                return formatting.join_range(low, self.amount(fact, fact.upper), self.gettext, fact.qualifier)
            return formatting.qualify(low, fact.qualifier, self.gettext)
        if fact.kind == "date":
            return self.date(fact.value, fact.qualifier)
        return self.words(fact.value)

    def spread(self, briefing: Briefing, fact_id: str) -> str:
        """For the preferred value of a conflict, the range the sources give (``de 14 à 14,8 Md $US``)."""
        span = briefing.conflict_span(fact_id)
        if not span or span[0] == span[1] or briefing.conflict_of(fact_id).preferred != fact_id:
            return ""
        fact = briefing.fact(fact_id)
        return formatting.join_range(*(self.amount(fact, bound) for bound in span), self.gettext)

    def places(self, where: Localized | str) -> str:
        """Where in a source, in this language: ``section « En coulisses », § 1``."""
        if isinstance(where, Localized):
            return self.words(where)
        return self._once(("places", where), lambda: formatting.typography(self.gettext(LIST_SEPARATOR).join(
            formatting.format_locator(locator, self.gettext) for locator in parse_locators(where)), self.language))

    def source_label(self, source: Source, markup: bool = True) -> Markup | str:
        """A source's short label: its author's surname and the month (``Park, juillet 2025``),
        or, without an author, a short form of its title (``<cite>``, in ``markup``) and the month."""
        return self._once(("source_label", source.author, source.short_title, source.title, source.language,
                           source.published, markup), lambda: self._source_label(source, markup))

    def _source_label(self, source: Source, markup: bool) -> Markup | str:
        name = source.author.split()[-1] if source.author else formatting.typography(
            source.short_title or source.title, source.language)
        if not markup:
            return self.gettext("%(name)s, %(date)s") % {"name": name, "date": self.date(source.published)}
        name = Markup("<cite>%s</cite>") % formatting.escape(name) if not source.author else formatting.escape(name)
        return Markup(self.gettext("%(name)s, %(date)s")) % {"name": name, "date": self.date(source.published)}

    def level(self, level: str) -> str:
        """A watchlist level with its rank on the scale: ``3 sur 4, élevé``."""
        if level in LEVEL_SCALE:
            return self.gettext("%(rank)s of %(count)s, %(name)s") % {
                "rank": LEVEL_SCALE.index(level) + 1, "count": len(LEVEL_SCALE), "name": self.gettext(LEVELS[level])}
        return self.gettext(LEVELS[level])
