"""Dates known to the year, season, month or day, as the sources give them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator

from .problems import type_name

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
                             f"got {type_name(value)}")
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



Date = Annotated[PartialDate, BeforeValidator(PartialDate.parse)]
"""A date of year, season, month or day precision, written as text in YAML."""
