"""The visuals' geometry comes from the data: rounds and valuations on a log scale, dates as spans."""

from __future__ import annotations

from pathlib import Path

from generator.charts import funding_chart, month_span, timeline_years
from generator.dates import PartialDate
from generator.problems import Problems
from generator.seeds import load_briefings

ROOT = Path(__file__).resolve().parent.parent


def briefing(seeds: Path):
    problems = Problems()
    (loaded,) = load_briefings(seeds, problems)
    assert not problems.errors
    return loaded


def test_the_funding_chart_plots_each_dated_round_and_valuation_on_a_log_scale():
    chart = funding_chart(briefing(ROOT / "seeds"))
    marks = {mark.fact.id: mark for mark in chart.marks}
    assert set(marks) == {"series_a.amount", "series_f.amount", "series_f.valuation", "deal.amount", "deal.valuation"}
    assert [tick.value for tick in chart.amount_ticks] == [10 ** power for power in range(6, 12)]
    # Ten times more is always the same distance up: 1 Md $US sits three decades above 1 M $US.
    ticks = {tick.value: tick.position for tick in chart.amount_ticks}
    assert marks["series_f.amount"].y == ticks[10 ** 9]
    assert round(ticks[10 ** 6] - ticks[10 ** 9], 1) == round(3 * (ticks[10 ** 6] - ticks[10 ** 7]), 1)
    # Time runs left to right; a round is placed in the middle of the period its date stands for.
    assert marks["series_a.amount"].x < marks["series_f.amount"].x < marks["deal.amount"].x
    assert marks["series_f.amount"].x == marks["series_f.valuation"].x


def test_derived_and_estimated_values_are_hollow_and_conflicts_are_ranges():
    marks = {mark.fact.id: mark for mark in funding_chart(briefing(ROOT / "seeds")).marks}
    assert marks["series_f.valuation"].hollow and marks["deal.valuation"].hollow
    assert not marks["deal.amount"].hollow and not marks["series_a.amount"].hollow
    # The sources give 14 to 14.8 billion for the deal: a range around the preferred 14.3.
    deal = marks["deal.amount"]
    assert deal.top < deal.y < deal.bottom
    assert marks["series_f.valuation"].top < marks["series_f.valuation"].bottom  # its own 14-15 range
    assert marks["series_a.amount"].top == marks["series_a.amount"].y == marks["series_a.amount"].bottom


def test_another_briefing_gets_its_own_chart_and_one_without_rounds_none(seeds_in):
    acme = funding_chart(briefing(ROOT / "tests" / "fixtures" / "seeds"))
    assert [mark.fact.id for mark in acme.marks] == ["series-a.amount", "deal.amount"]
    assert acme.marks[1].top < acme.marks[1].bottom  # the takeover price is under conflict
    assert funding_chart(briefing(seeds_in())) is None


def test_a_date_covers_the_part_of_its_year_it_stands_for():
    assert month_span(PartialDate.parse("2016")) == (0.0, 12.0)
    assert month_span(PartialDate.parse("2017-summer")) == (5.0, 8.0)
    assert month_span(PartialDate.parse("2025-06")) == (5.0, 6.0)
    start, end = month_span(PartialDate.parse("2025-09-15"))
    assert 8 < start < end < 9 and end - start < 0.1


def test_the_timeline_groups_events_by_year_and_notes_the_quiet_years():
    years = timeline_years(briefing(ROOT / "seeds"))
    assert [year.year for year in years] == [2016, 2017, 2021, 2023, 2024, 2025]
    assert {year.year: year.quiet_since for year in years}[2021] == 2018
    assert {year.year: year.quiet_since for year in years}[2023] == 2022
    assert sum(len(year.entries) for year in years) == 16


def test_a_range_is_drawn_at_its_values_or_as_tall_as_its_mark_when_narrower():
    from generator.charts import MIN_RANGE, drawn_range

    assert drawn_range(50.0, 150.0) == (50.0, 150.0)  # a wide range: its own values, nothing added
    assert drawn_range(80.0, 80.0) == (80.0, 80.0)  # one value: no bar
    assert drawn_range(100.0, 101.0) == (100.5 - MIN_RANGE, 100.5 + MIN_RANGE)  # centred on its values
    deal = {mark.fact.id: mark for mark in funding_chart(briefing(ROOT / "seeds")).marks}["deal.amount"]
    # 14.3 to 14.8 billion is under one unit on the real chart: drawn as tall as the mark, around it.
    assert abs(deal.bottom - deal.top - 2 * MIN_RANGE) <= 0.11 and deal.top < deal.y < deal.bottom
