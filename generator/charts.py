"""The geometry of a briefing's visuals, computed from its data: the funding chart and the timeline.

Plain numbers and references to the facts and events they show; templates draw them
(``templates/pages/partials/funding-chart.html.j2``, ``timeline-axis.html.j2``) and format every
label for the page's language. Nothing here is random or dated, so the output is reproducible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .briefing import Briefing, Event
from .dates import PartialDate
from .facts import Status
from .profile import Round

_SEASON_MONTHS = {"spring": (2, 5), "summer": (5, 8), "autumn": (8, 11), "winter": (11, 14)}
"""Months (0-based, end exclusive) a season covers; winter runs into the next year."""


def month_span(value: PartialDate) -> tuple[float, float]:
    """The part of its year a date covers, in months from January (0 to 12, or 14 for a winter):
    a whole year, a season, a month, or a day (a sliver of its month)."""
    if value.precision == "year":
        return 0.0, 12.0
    if value.precision == "season":
        return tuple(float(m) for m in _SEASON_MONTHS[value.season])
    if value.precision == "month":
        return value.month - 1.0, float(value.month)
    start = value.month - 1 + (value.day - 1) / 31
    return start, start + 1 / 31


def _decimal_year(value: PartialDate) -> float:
    """The middle of the period a date stands for, as a year with a fraction."""
    start, end = month_span(value)
    return value.year + (start + end) / 24


# --- The funding chart -----------------------------------------------------------------------------

WIDTH, HEIGHT = 520, 300
LEFT, RIGHT, TOP, BOTTOM = 92, 16, 16, 36
"""The plot area's margins inside the SVG's viewBox, for the axes' labels."""


MIN_RANGE = 8.0
"""Half the height of the shortest range drawn, in SVG units (a mark is 10 tall): on a log scale,
14.3 to 14.8 billion is under one unit. The legend says a narrow range is drawn so."""


def drawn_range(top: float, bottom: float) -> tuple[float, float]:
    """The ends of a range bar for values at ``top`` and ``bottom``: the values themselves, or,
    when they are closer than the mark is tall, ``MIN_RANGE`` either side of their middle."""
    if top == bottom or bottom - top >= 2 * MIN_RANGE:
        return top, bottom
    middle = (top + bottom) / 2
    return round(middle - MIN_RANGE, 1), round(middle + MIN_RANGE, 1)


@dataclass(frozen=True)
class Mark:
    """One amount on the chart: a round's size or the valuation at that round."""

    round: Round
    fact: Any
    series: str
    """``raised`` or ``valuation``."""
    x: float
    y: float
    top: float
    """The top of the range drawn for it (the highest amount the sources give, or its estimate's
    upper bound), in SVG units; no nearer to ``bottom`` than the mark is tall (``drawn_range``)."""
    bottom: float
    """The bottom of that range (``top == bottom == y`` for a single value)."""
    hollow: bool
    """Not plainly reported (derived, estimated, projected): drawn hollow and dashed."""
    label_end: bool
    """Its label goes on the left of the mark (near the right edge)."""


@dataclass(frozen=True)
class Tick:
    position: float
    value: Any
    """An amount (y axis) or a year (x axis)."""


@dataclass(frozen=True)
class FundingChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    currency: str
    marks: list[Mark]
    amount_ticks: list[Tick]
    year_ticks: list[Tick]


def funding_chart(briefing: Briefing) -> FundingChart | None:
    """Amounts raised and valuations over time, on a log scale; None for a briefing without a dated
    round that has an amount."""
    entries = []
    for round_ in briefing.profile.rounds:
        if round_.date is None:
            continue
        for series, fact_id in (("raised", round_.amount), ("valuation", round_.valuation)):
            if fact_id:
                fact = briefing.fact(fact_id)
                low, high = briefing.conflict_span(fact_id) or (fact.value, fact.upper or fact.value)
                entries.append((round_, fact, series, _decimal_year(round_.date), low, high))
    if not entries:
        return None
    currency = entries[0][1].currency
    amounts = [float(amount) for entry in entries for amount in (entry[1].value, entry[4], entry[5])]
    low_power, high_power = math.floor(math.log10(min(amounts))), math.ceil(math.log10(max(amounts)))
    high_power = max(high_power, low_power + 1)
    first_year = min(math.floor(entry[3]) for entry in entries)
    last_year = max(math.floor(entry[3]) for entry in entries) + 1
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: float) -> float:
        return round(LEFT + (year - first_year) / (last_year - first_year) * plot_width, 1)

    def y(amount: Decimal | float) -> float:
        share = (math.log10(float(amount)) - low_power) / (high_power - low_power)
        return round(TOP + (1 - share) * plot_height, 1)

    marks = [Mark(round_, fact, series, x(year), y(fact.value), *drawn_range(y(high), y(low)),
                  hollow=fact.status is not Status.reported and fact.status is not Status.corrected,
                  label_end=x(year) > LEFT + plot_width * 0.8)
             for round_, fact, series, year, low, high in entries]
    amount_ticks = [Tick(y(10 ** power), Decimal(10) ** power) for power in range(low_power, high_power + 1)]
    step = max(1, math.ceil((last_year - first_year) / 8))
    year_ticks = [Tick(x(year), year) for year in range(first_year, last_year + 1, step)]
    return FundingChart(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, currency, marks, amount_ticks, year_ticks)


# --- The timeline ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineEntry:
    event: Event
    start: float
    """Where in its year the event's date begins, in twelfths (0 = January)."""
    end: float
    """Where it ends; a year spans 0-12, a season three months, a day a sliver."""


@dataclass(frozen=True)
class TimelineYear:
    year: int
    entries: list[TimelineEntry]
    quiet_since: int | None
    """The first of the years without an event just before this one, if there are any."""


def timeline_years(briefing: Briefing) -> list[TimelineYear]:
    """The briefing's events grouped by year, oldest first, each with the part of the year it
    covers; years without events are noted on the year after them."""
    years: dict[int, list[TimelineEntry]] = {}
    for event in briefing.timeline():
        start, end = month_span(event.date)
        years.setdefault(event.date.year, []).append(TimelineEntry(event, start, min(end, 12.0)))
    result, previous = [], None
    for year, entries in years.items():
        quiet = previous + 1 if previous is not None and year - previous > 1 else None
        result.append(TimelineYear(year, entries, quiet))
        previous = year
    return result
