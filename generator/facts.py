"""The fact base's typed schema: sources, facts, conflicts, corrections, events, watchlist, profile.

These models are plain data with provenance. They know nothing about templates or formatting;
templates only read them. Every record remembers the file and line it came from so that later
checks (references, translations, dates) can name them in their messages.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, RootModel,
                      model_validator)

from .loading import LineDict, LineList

SEASONS = ("spring", "summer", "autumn", "winter")
"""Seasons a date may be given in, in calendar order (northern hemisphere)."""
_SEASON_START_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_DATE_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<season>spring|summer|autumn|winter)|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, season, month or day: ``2016``, ``2017-summer``, ``2025-06``, ``2025-09-15``."""

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None

    @property
    def precision(self) -> str:
        """``year``, ``season``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.season is not None:
            return "season"
        return "year"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates on a timeline: a month or season sorts at its start, a year at January."""
        month = self.month or _SEASON_START_MONTH.get(self.season or "", 1)
        return (self.year, month, self.day or 0)

    @property
    def latest_day(self) -> date:
        """The last day the date can stand for (to decide whether it is already past)."""
        if self.day is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.season is not None:
            end_month = (_SEASON_START_MONTH[self.season] + 2 - 1) % 12 + 1
            end_year = self.year + (1 if self.season == "winter" else 0)
            return date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        return date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.season:
            return f"{self.year}-{self.season}"
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a date written as text (or a bare year); raise ValueError with an editor's message."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int, date)):
            raise ValueError(f"expected a date such as 2025-09-15, 2025-06, 2017-summer or 2016, "
                             f"got {_describe(value)}")
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        match = _DATE_PATTERN.match(str(value).strip())
        if not match:
            raise ValueError(f"malformed date '{value}' (expected YYYY-MM-DD, YYYY-MM, "
                             f"YYYY-season with a season among {', '.join(SEASONS)}, or YYYY)")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"impossible date '{value}': there is no month {month}")
        if day is not None:
            try:
                date(year, month, day)
            except ValueError:
                raise ValueError(f"impossible date '{value}': "
                                 f"{calendar.month_name[month]} {year} has no day {day}") from None
        return cls(year, month, day, match["season"])


def _describe(value: Any) -> str:
    from .loading import type_name
    return type_name(value)


QUOTED_FACT = re.compile(r"\{([a-z0-9][a-z0-9._-]*)\}")
"""``{deal.amount}`` in a text quotes that fact: pages show its value with its provenance."""


def quoted_facts(text: str) -> list[str]:
    """The ids of the facts a text quotes, in order."""
    return QUOTED_FACT.findall(text)


def fact_anchor(fact_id: str) -> str:
    """A fact's permanent anchor on its briefing's sources page: ``deal.amount`` -> ``f-deal-amount``."""
    return "f-" + re.sub(r"[._]", "-", fact_id)


Date = Annotated[PartialDate, BeforeValidator(PartialDate.parse)]
"""A date of year, season, month or day precision, written as text in YAML."""

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
"""A stable id: lowercase letters, digits, dots, hyphens and underscores (``deal.amount``)."""


class Record(BaseModel):
    """Base of every model: unknown keys are errors, and the YAML position is kept."""

    model_config = ConfigDict(extra="forbid", frozen=False,
                              strict=False)
    _file: str = PrivateAttr("")
    _line: int = PrivateAttr(0)
    _key_lines: dict[str, int] = PrivateAttr(default_factory=dict)
    _key_files: dict[str, str] = PrivateAttr(default_factory=dict)
    _item_lines: dict[str, list[int]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_position(cls, data: Any, handler):
        record = handler(data)
        if isinstance(data, LineDict):
            record._file, record._line, record._key_lines = data.file, data.line, data.key_lines
            record._key_files = data.key_files
            record._item_lines = {key: value.item_lines for key, value in data.items()
                                  if isinstance(value, LineList)}
        return record

    def line_of(self, key: str | None = None, item: Any = None) -> int:
        """The line of ``key`` in this record's mapping (of ``item`` in its list), or of the record."""
        if not key:
            return self._line
        values, lines = getattr(self, key, None), self._item_lines.get(key)
        if item is not None and isinstance(values, list) and lines and item in values:
            return lines[values.index(item)]
        return self._key_lines.get(key, self._line)

    def file_of(self, key: str) -> str:
        """The file ``key`` was written in: a briefing's sections come from several files."""
        return self._key_files.get(key, self._file)

    @property
    def file(self) -> str:
        """The YAML file this record was read from."""
        return self._file


class Localized(RootModel[dict[str, str]]):
    """A text in every language of the briefing: ``{fr: "...", en: "..."}``."""

    _file: str = PrivateAttr("")
    _line: int = PrivateAttr(0)
    _key_lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_position(cls, data: Any, handler):
        text = handler(data)
        if isinstance(data, LineDict):
            text._file, text._line, text._key_lines = data.file, data.line, data.key_lines
        return text

    def line_of(self, language: str) -> int:
        """The line of one language's text, or of the whole mapping when it is not given."""
        return self._key_lines.get(language, self._line)

    def __getitem__(self, language: str) -> str:
        return self.root[language]

    def get(self, language: str, default: str = "") -> str:
        return self.root.get(language, default)


class Status(str, Enum):
    """How a fact is known."""

    reported = "reported"
    """Stated by a source."""
    estimate = "estimate"
    """Stated by a source as approximate or unconfirmed (``about``, ``reportedly``)."""
    projection = "projection"
    """A forecast about the future, stated by a source."""
    derived = "derived"
    """Not stated, but implied by other facts; ``derived_from`` and ``derivation`` say how."""
    corrected = "corrected"
    """A source states it wrongly; the value here is the correction (see ``corrections``)."""
    opinion = "opinion"
    """A view or a recommendation (an analyst's, an author's), reported as such: not a verifiable fact."""


Qualifier = Literal["about", "more_than", "less_than", "at_least", "up_to"]


LOCATOR_PARTS = ("title", "subtitle", "standfirst", "dateline", "footer", "intro")
"""Parts of a document a citation may name on their own; readers see them in their language."""
_LOCATOR = re.compile(
    r"^(?:(?P<part>title|subtitle|standfirst|dateline|footer|intro)|section «\s*(?P<heading>[^«»]+?)\s*»)?"
    r"(?:(?:,\s*|^)(?:§\s*(?P<paragraph>\d+)|item\s+(?P<item>\d+)))?$")


@dataclass(frozen=True)
class Locator:
    """One place in a document: a part (``intro``), a section heading, a paragraph, a list item."""

    part: str | None = None
    """One of ``LOCATOR_PARTS``, or None."""
    heading: str | None = None
    """A section's heading, exactly as the source writes it (readers look for it there)."""
    paragraph: int | None = None
    """The paragraph's number within the part or section (list items not counted)."""
    item: int | None = None
    """The item's number in the list of the part or section."""


def parse_locators(where: str) -> list[Locator]:
    """``intro, §3 ; section « En coulisses », item 2`` as locators; ValueError on any other form."""
    places = []
    for text in where.split(";"):
        match = _LOCATOR.match(text.strip())
        if not text.strip() or not match or not any(match.groupdict().values()):
            raise ValueError(
                f"unknown place '{text.strip()}' in '{where}': write one of {', '.join(LOCATOR_PARTS)}, "
                "'section « Heading »', each optionally followed by ', §N' (paragraph) or ', item N' "
                "(list item), or '§N' alone; separate several places with ' ; ', or give the place "
                "in every language ({fr: ..., en: ...})")
        places.append(Locator(match["part"], match["heading"],
                              int(match["paragraph"]) if match["paragraph"] else None,
                              int(match["item"]) if match["item"] else None))
    return places


def _check_locators(value: Any) -> Any:
    if isinstance(value, str):
        parse_locators(value)
    return value


Place = Union[Annotated[str, AfterValidator(_check_locators)], Localized]
"""Where in a source: locator words (``intro, §3``) or a text in every language."""


class Citation(Record):
    """Where a fact is supported: a source and a place in it."""

    source: Identifier
    """The id of a source in ``sources``."""
    where: Place
    """Where in the source, so a reader can find it: ``title``, ``intro, §3``,
    ``section « Heading », §2``, ``section « Heading », item 4`` (several joined by `` ; ``);
    readers see the words in their language and the heading as the source writes it. A place
    these words cannot describe is given in every language instead (``{fr: ..., en: ...}``)."""


class Source(Record):
    """A document the briefing's facts come from."""

    id: Identifier
    """Stable id used by citations."""
    title: str
    """The document's full title, in its own language (shown once, on the sources page)."""
    short_title: str | None = None
    """A short form of the title, for citations of a document without an author."""
    outlet: str | None = None
    """The publication, when the document names it."""
    author: str | None = None
    """The author, when given."""
    language: str
    """The document's language (BCP 47 code, ``fr``)."""
    published: Date
    """Publication date, or the best bound the text allows."""
    published_inferred: Localized | None = None
    """How the publication date was inferred when the document does not state it."""
    document: str
    """The seed file the briefing was built from (document reference)."""
    url: str | None = None
    """The document's address, when known."""
    note: Localized | None = None
    """What a reader should know about the document's reliability (who wrote it, how it was published)."""


class _FactBase(Record):
    id: Identifier
    """Stable id, used by templates and editors' pages (``{{ fact("deal.amount") }}``)."""
    label: Localized
    """What the figure is, in each language (``Amount invested by Meta``)."""
    as_of: Date
    """When the value held (the date or period it describes); for a projection, when it was made."""
    horizon: Date | None = None
    """For a projection: the date or period it is about (``2027``, ``2025-12``)."""
    status: Status
    """How the value is known: reported, estimate, projection, derived, corrected or opinion."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """One or more places in the sources that support the value."""
    derived_from: list[Identifier] = []
    """For a derived fact: the facts it is computed or inferred from."""
    derivation: Localized | None = None
    """For a derived fact: how it follows from ``derived_from``."""
    note: Localized | None = None
    """Context a reader needs to read the value right."""


class _NumberFact(_FactBase):
    qualifier: Qualifier | None = None
    """Reads the value as approximate or a bound: about, more_than, less_than, at_least, up_to."""
    upper: Decimal | None = None
    """For a range (``40 to 50%``): the upper bound; ``value`` is then the lower bound."""
    change: Annotated[bool, Field(strict=True)] = False
    """The value is a move up or down (``-7.01`` on the day): shown with its sign, ``+`` or ``−``."""


class MoneyFact(_NumberFact):
    """An amount of money."""

    kind: Literal["money"]
    value: Decimal
    """The amount, in units of ``currency`` (``14.3e9`` or ``14_300_000_000``)."""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    """ISO 4217 code (``USD``, ``EUR``)."""


class CountFact(_NumberFact):
    """A number of things (employees, contractors)."""

    kind: Literal["count"]
    value: Annotated[int, Field(ge=0)]
    """The count."""


class PercentageFact(_NumberFact):
    """A percentage, between 0 and 100."""

    kind: Literal["percentage"]
    value: Annotated[Decimal, Field(ge=-100, le=100)]
    """The percentage, 0 to 100 (``49`` for 49%); a change (``change: true``) may be negative."""
    upper: Annotated[Decimal, Field(ge=-100, le=100)] | None = None
    """For a range: the upper bound, 0 to 100."""


DateQualifier = Literal["about", "by"]
"""``about`` (``around 2016``) or ``by`` (``by summer 2023``: at the latest)."""


class DateFact(_FactBase):
    """A date, at the precision the sources allow."""

    kind: Literal["date"]
    value: Date
    """The date: ``2025-09-15``, ``2025-06``, ``2017-summer`` or ``2016``."""
    qualifier: DateQualifier | None = None
    """Reads the date as approximate (``about``) or as the latest it can be (``by``)."""


class PersonFact(_FactBase):
    """A person."""

    kind: Literal["person"]
    value: str
    """The person's name, correctly spelt."""


class OrganisationFact(_FactBase):
    """A company, agency or other organisation."""

    kind: Literal["organisation"]
    value: Union[str, Localized]
    """The organisation's name; in every language (``{fr: ..., en: ...}``) when it is translated."""


class TextFact(_FactBase):
    """A statement that is not a figure."""

    kind: Literal["text"]
    value: Localized
    """The statement, in each language."""


Fact = Annotated[
    Union[MoneyFact, CountFact, PercentageFact, DateFact, PersonFact, OrganisationFact, TextFact],
    Field(discriminator="kind"),
]
FACT_KINDS = ("money", "count", "percentage", "date", "person", "organisation", "text")


class Conflict(Record):
    """Sources disagree on one figure: each value stays a fact with its own citation."""

    id: Identifier
    """Stable id."""
    topic: Localized
    """What the disagreement is about."""
    facts: Annotated[list[Identifier], Field(min_length=2)]
    """The competing facts, one per value."""
    preferred: Identifier
    """The fact pages show first; one of ``facts``."""
    reason: Localized
    """Why ``preferred`` is preferred."""


class Correction(Record):
    """A source states something wrongly; the briefing says so instead of silently fixing it."""

    id: Identifier
    """Stable id."""
    source: Identifier
    """The source that contains the error."""
    where: Place
    """Where in the source (the same words as a citation's ``where``)."""
    says: str
    """What the source says (the erroneous words only)."""
    correct: Union[str, Localized]
    """What is right; in every language (``{fr: ..., en: ...}``) when it is not a name."""
    fact: Identifier | None = None
    """The fact that carries the corrected value, if any."""
    reason: Localized
    """Why the source is wrong, and how the correction was established."""


class Event(Record):
    """A dated event on the timeline."""

    id: Identifier
    """Stable id (also the event's anchor on the timeline page)."""
    date: Date
    """When it happened, at the precision the sources allow."""
    date_qualifier: DateQualifier | None = None
    """Reads the date as approximate (``about``) or as the latest it can be (``by``)."""
    title: Localized
    """A short title."""
    summary: Localized
    """What happened, in our own words."""
    facts: list[Identifier] = []
    """Facts involved (amounts, people), shown with the event."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """Where the sources report it."""


Level = Literal["low", "moderate", "elevated", "high", "unknown"]


class Indicator(Record):
    """One indicator of the watchlist."""

    id: Identifier
    """Stable id (also the anchor on the watchlist page)."""
    name: Localized
    """The indicator's name."""
    why: Localized
    """Why it matters."""
    signals: Localized
    """What signal would move it."""
    level: Level
    """Current level: low, moderate, elevated, high, or unknown."""
    reading: Localized
    """The current reading, in a sentence or two."""
    last_reviewed: Date
    """When the reading was last reviewed."""
    next_checkpoint: Date
    """When to look at it again; ``briefing check`` warns once it is past."""
    evidence: Annotated[list[Identifier], Field(min_length=1)]
    """Facts the reading rests on."""

    def overdue(self, today: date) -> bool:
        """Whether the checkpoint is past on ``today`` (the last day it stands for is before it)."""
        return self.next_checkpoint.latest_day < today


class Leader(Record):
    """A person in the company's leadership, then or now."""

    person: Identifier
    """A fact of kind ``person``."""
    role: Localized
    """The role held."""
    period: Localized
    """When (``from founding to June 2025``)."""
    current: Annotated[bool, Field(strict=True)]
    """Whether the person holds the role as of the briefing: ``true`` or ``false`` only
    (``yes``/``no`` are text in our YAML, and strict mode refuses to read them as booleans)."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """Where the sources say so."""


class Round(Record):
    """A funding round."""

    id: Identifier
    """Stable id."""
    name: Localized
    """The round's name (``Series A``)."""
    date: Date | None = None
    """When it closed."""
    amount: Identifier | None = None
    """A money fact: the round's size (the funding chart plots it)."""
    valuation: Identifier | None = None
    """A money fact: the company's valuation at the round (the funding chart plots it too)."""
    lead: list[str] = []
    """Lead investors."""
    investors: list[str] = []
    """Other participants named by the sources."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """Where the sources say so."""


class Item(Record):
    """A product line, contract, partnership, acquisition or stake in the profile."""

    name: Union[str, Localized]
    """Its name (a product, a counterpart, a company); in every language when it is translated."""
    description: Localized
    """What it is, in our own words."""
    date: Date | None = None
    """When, if the sources say."""
    customers: list[Union[str, Localized]] = []
    """For a product line: customers the sources name (a name, or a name per language)."""
    facts: list[Identifier] = []
    """Facts it involves (amounts, shares)."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """Where the sources say so."""


class Profile(Record):
    """The company profile."""

    name: str
    """The company's name."""
    summary: Localized
    """What the company does, in a paragraph."""
    founded: Identifier
    """A date fact: when the company was founded."""
    figures: list[Identifier]
    """Key facts about its size: headcount, revenue, valuation."""
    leadership: list[Leader]
    """Leaders then and now."""
    ownership: list[Item] = []
    """Notable stakes in the company."""
    rounds: list[Round] = []
    """Funding rounds, in order."""
    products: list[Item] = []
    """Product lines and their customers."""
    contracts: list[Item] = []
    """Government and international contracts."""
    partnerships: list[Item] = []
    """Partnerships."""
    acquisitions: list[Item] = []
    """Acquisitions."""


class Section(Record):
    """A section of the home page: a short text and the figures it rests on."""

    id: Identifier
    """Stable id (also the section's anchor)."""
    title: Localized
    """The section's heading."""
    text: Localized
    """A paragraph in our own words; ``{fact.id}`` quotes a fact."""
    facts: list[Identifier] = []
    """Further figures, listed under the text (the ones it does not quote)."""


class BriefingMeta(Record):
    """The briefing's own metadata."""

    id: Identifier
    """The briefing's id (its folder name under ``seeds/``)."""
    title: Localized
    """The briefing's title."""
    description: Localized
    """One sentence describing it (the home page's meta description)."""
    subject: str
    """The company the briefing is about."""
    as_of: Date
    """The date of the latest source."""
    languages: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]], Field(min_length=1)]
    """Languages the briefing is published in; the first is the site's default (at ``/``)."""
    summary: Localized | None = None
    """The home page's opening paragraph, four to six sentences: what happened, how much, why it
    matters and what to watch. ``{deal.amount}`` quotes a fact, with its provenance, in any text."""
    key_figures: list[Identifier]
    """Facts shown at a glance on the home page."""
    sections: list[Section] = []
    """Further sections of the home page, after the key figures (a market reaction, an outlook)."""


WATCHLIST_SIZE = 5
"""A briefing's watchlist has exactly this many indicators."""


class Briefing(Record):
    """A whole briefing: everything in one folder of ``seeds/``."""

    briefing: BriefingMeta
    """Title, as-of date, languages."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """The documents cited."""
    facts: list[Fact]
    """Every fact and figure."""
    conflicts: list[Conflict] = []
    """Where sources disagree."""
    corrections: list[Correction] = []
    """Errors in the sources, and their corrections."""
    events: list[Event] = []
    """The timeline."""
    watchlist: list[Indicator]
    """The indicators to watch."""
    profile: Profile
    """The company profile."""

    # Lookups for templates and checks; built once after validation.
    _facts_by_id: dict[str, Any] = PrivateAttr(default_factory=dict)
    _sources_by_id: dict[str, Source] = PrivateAttr(default_factory=dict)
    _conflict_of: dict[str, Conflict] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any) -> None:
        self._facts_by_id = {fact.id: fact for fact in self.facts}
        self._sources_by_id = {source.id: source for source in self.sources}
        self._conflict_of = {fact_id: conflict for conflict in self.conflicts
                             for fact_id in conflict.facts}

    @property
    def id(self) -> str:
        return self.briefing.id

    def fact(self, fact_id: str):
        """The fact with this id (KeyError if none)."""
        return self._facts_by_id[fact_id]

    def has_fact(self, fact_id: str) -> bool:
        return fact_id in self._facts_by_id

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def conflict_of(self, fact_id: str) -> Conflict | None:
        """The conflict a fact takes part in, if any."""
        return self._conflict_of.get(fact_id)

    def conflict_span(self, fact_id: str) -> tuple[Decimal, Decimal] | None:
        """For a number under conflict: the lowest and highest values the sources give."""
        conflict = self.conflict_of(fact_id)
        if conflict is None or self.fact(fact_id).kind not in ("money", "count", "percentage"):
            return None
        members = [self.fact(member) for member in conflict.facts]
        return (min(member.value for member in members),
                max(member.upper if member.upper is not None else member.value for member in members))

    def corrections_of(self, fact_id: str) -> list[Correction]:
        return [c for c in self.corrections if c.fact == fact_id]

    def last_review(self) -> PartialDate:
        """When the watchlist was last reviewed: the latest of its indicators' reviews."""
        return max((indicator.last_reviewed for indicator in self.watchlist), key=lambda day: day.sort_key)

    def timeline(self) -> list[Event]:
        """Events in date order (ties keep file order)."""
        return sorted(self.events, key=lambda event: event.date.sort_key)

    def supported_by(self, source_id: str) -> list[Any]:
        """Facts citing a source, in file order."""
        return [f for f in self.facts if any(c.source == source_id for c in f.citations)]
