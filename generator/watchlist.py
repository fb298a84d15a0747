"""A briefing's watchlist: its indicators, each with its level, reading and checkpoint, and the
reviews it had before."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from .dates import Date
from .records import Identifier, Localized, Record

WATCHLIST_SIZE = 5
"""A briefing's watchlist has exactly this many indicators."""


Level = Literal["low", "moderate", "elevated", "high", "unknown"]


class Review(Record):
    """An earlier review of an indicator: what it read then."""

    reviewed: Date
    """When it was reviewed; before the indicator's ``last_reviewed``."""
    level: Level
    """The level it was given then."""
    reading: Localized
    """The reading of that review."""
    evidence: list[Identifier] = []
    """Facts that reading rested on."""


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
    history: list[Review] = []
    """Earlier reviews. A new review moves the current level, reading and ``last_reviewed`` here."""

    def earlier_reviews(self) -> list[Review]:
        """The earlier reviews, latest first."""
        return sorted(self.history, key=lambda review: review.reviewed.sort_key, reverse=True)

    def level_since(self) -> Date:
        """Since when the level has been what it is: the first of the latest reviews that gave it."""
        since = self.last_reviewed
        for review in self.earlier_reviews():
            if review.level != self.level:
                break
            since = review.reviewed
        return since

    def former_levels(self) -> list[Review]:
        """The earlier reviews that gave another level than the one after them, latest first."""
        reviews, after, changes = self.earlier_reviews(), self.level, []
        for review in reviews:
            if review.level != after:
                changes.append(review)
            after = review.level
        return changes

    def overdue(self, today: date) -> bool:
        """Whether the checkpoint is past on ``today`` (the last day it stands for is before it)."""
        return self.next_checkpoint.latest_day < today
