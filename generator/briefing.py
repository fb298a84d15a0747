"""A whole briefing: its metadata, sources and facts, conflicts, corrections, timeline and updates,
with its watchlist (``watchlist.py``) and profile (``profile.py``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import Field, PrivateAttr

from .dates import Date, PartialDate
from .facts import NUMBER_KINDS, Citation, DateQualifier, Fact, Place, Source
from .profile import Profile
from .records import Identifier, Localized, Record
from .watchlist import Indicator


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


UpdateKind = Literal["new", "revised", "correction"]


class Update(Record):
    """A change published in a briefing, told to readers on its "What changed" page and feed."""

    id: Identifier
    """Stable id: the entry's anchor and, with the site address, its feed id."""
    date: Date
    """When the change was published."""
    kind: UpdateKind
    """``new`` (a new fact or event), ``revised`` (a reading or a figure changed) or
    ``correction`` (an error, of a source or of ours, set right)."""
    summary: Localized
    """What changed, in a sentence or two."""
    facts: list[Identifier] = []
    """The facts it touches."""
    events: list[Identifier] = []
    """The events it touches."""


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
    updates: list[Update] = []
    """What changed since the briefing was first published."""

    def latest_updates(self) -> list[Update]:
        """The updates, latest first (in file order on the same date)."""
        return sorted(self.updates, key=lambda update: update.date.sort_key, reverse=True)

    # Lookups for templates and checks; built once after validation.
    _facts_by_id: dict[str, Any] = PrivateAttr(default_factory=dict)
    _sources_by_id: dict[str, Source] = PrivateAttr(default_factory=dict)
    _conflict_of: dict[str, Conflict] = PrivateAttr(default_factory=dict)
    _events_by_id: dict[str, Event] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any) -> None:
        self._facts_by_id = {fact.id: fact for fact in self.facts}
        self._sources_by_id = {source.id: source for source in self.sources}
        self._events_by_id = {event.id: event for event in self.events}
        self._conflict_of = {fact_id: conflict for conflict in self.conflicts
                             for fact_id in conflict.facts}

    @property
    def id(self) -> str:
        return self.briefing.id

    def fact(self, fact_id: str):
        """The fact with this id (KeyError if none)."""
        return self._facts_by_id[fact_id]

    def event(self, event_id: str) -> Event:
        """The event with this id (KeyError if none)."""
        return self._events_by_id[event_id]

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
        if conflict is None or self.fact(fact_id).kind not in NUMBER_KINDS:
            return None
        members = [self.fact(member) for member in conflict.facts]
        return (min(member.value for member in members),
                max(member.upper if member.upper is not None else member.value for member in members))

    def corrections_of(self, fact_id: str) -> list[Correction]:
        return [c for c in self.corrections if c.fact == fact_id]

    def last_review(self) -> PartialDate:
        """When the watchlist was last reviewed: the latest of its indicators' reviews."""
        return max((indicator.last_reviewed for indicator in self.watchlist), key=lambda day: day.sort_key)

    def overdue(self, today: date) -> list[Indicator]:
        """The indicators whose checkpoint is past on ``today``, oldest first."""
        late = [indicator for indicator in self.watchlist if indicator.overdue(today)]
        return sorted(late, key=lambda indicator: indicator.next_checkpoint.latest_day)

    def timeline(self) -> list[Event]:
        """Events in date order (ties keep file order)."""
        return sorted(self.events, key=lambda event: event.date.sort_key)

    def supported_by(self, source_id: str) -> list[Any]:
        """Facts citing a source, in file order."""
        return [f for f in self.facts if any(c.source == source_id for c in f.citations)]
