"""Facts and where they come from: sources, citations, places in a document, the fact kinds.

These models are plain data with provenance. They know nothing about templates or formatting;
templates only read them.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, Field

from .dates import Date
from .records import Identifier, Localized, Record

QUOTED_FACT = re.compile(r"\{([a-z0-9][a-z0-9._-]*)\}")
"""``{deal.amount}`` in a text quotes that fact: pages show its value with its provenance."""


def quoted_facts(text: str) -> list[str]:
    """The ids of the facts a text quotes, in order."""
    return QUOTED_FACT.findall(text)


def fact_anchor(fact_id: str) -> str:
    """A fact's permanent anchor on its briefing's sources page: ``deal.amount`` -> ``f-deal-amount``."""
    return "f-" + re.sub(r"[._]", "-", fact_id)


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
    url: Annotated[str, Field(pattern=r"^https?://[^\s<>\"']+$")] | None = None
    """The document's address, when known: ``http://`` or ``https://`` (never ``javascript:``)."""
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


class NumberFact(_FactBase):
    qualifier: Qualifier | None = None
    """Reads the value as approximate or a bound: about, more_than, less_than, at_least, up_to."""
    upper: Decimal | None = None
    """For a range (``40 to 50%``): the upper bound; ``value`` is then the lower bound."""
    change: Annotated[bool, Field(strict=True)] = False
    """The value is a move up or down (``-7.01`` on the day): shown with its sign, ``+`` or ``−``."""


class MoneyFact(NumberFact):
    """An amount of money."""

    kind: Literal["money"]
    value: Decimal
    """The amount, in units of ``currency`` (``14.3e9`` or ``14_300_000_000``)."""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    """ISO 4217 code (``USD``, ``EUR``)."""


class CountFact(NumberFact):
    """A number of things (employees, contractors)."""

    kind: Literal["count"]
    value: Annotated[int, Field(ge=0)]
    """The count."""


class PercentageFact(NumberFact):
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
FACT_MODELS: dict[str, type[Record]] = {
    typing.get_args(model.model_fields["kind"].annotation)[0]: model
    for model in typing.get_args(typing.get_args(Fact)[0])}
"""Each fact kind (``money``) and its model, read from the ``Fact`` union."""
FACT_KINDS = tuple(FACT_MODELS)
NUMBER_KINDS = tuple(kind for kind, model in FACT_MODELS.items() if issubclass(model, NumberFact))
"""The kinds whose value is a number (formatted, ranged and charted as one)."""
