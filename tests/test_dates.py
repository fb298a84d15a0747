"""Partial dates: known to the year, season, month or day, as the sources give them."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from generator.dates import Date, PartialDate


@pytest.mark.parametrize("text, fields, precision", [
    ("2016", (2016, None, None, None), "year"),
    ("2017-summer", (2017, None, None, "summer"), "season"),
    ("2025-06", (2025, 6, None, None), "month"),
    ("2025-09-15", (2025, 9, 15, None), "day"),
])
def test_each_precision_parses_and_prints_as_written(text, fields, precision):
    parsed = PartialDate.parse(text)
    assert (parsed.year, parsed.month, parsed.day, parsed.season) == fields
    assert parsed.precision == precision
    assert str(parsed) == text


def test_a_bare_year_a_date_and_surrounding_spaces_are_accepted():
    assert PartialDate.parse(2016) == PartialDate(2016)
    assert PartialDate.parse(date(2025, 1, 2)) == PartialDate(2025, 1, 2)
    assert PartialDate.parse(" 2025-06 ") == PartialDate(2025, 6)
    already = PartialDate(2024, season="winter")
    assert PartialDate.parse(already) is already


@pytest.mark.parametrize("value, message", [
    ("2025-13", "impossible date '2025-13': there is no month 13"),
    ("2025-00", "impossible date '2025-00': there is no month 0"),
    ("2025-02-30", "impossible date '2025-02-30': February 2025 has no day 30"),
    ("2023-02-29", "impossible date '2023-02-29': February 2023 has no day 29"),
    ("2025-fall", "malformed date '2025-fall' (expected YYYY-MM-DD, YYYY-MM, YYYY-season with a season "
                  "among spring, summer, autumn, winter, or YYYY)"),
    ("25-06", "malformed date '25-06' (expected YYYY-MM-DD, YYYY-MM, YYYY-season with a season "
              "among spring, summer, autumn, winter, or YYYY)"),
    (True, "expected a date such as 2025-09-15, 2025-06, 2017-summer or 2016, got a boolean (true)"),
    (None, "expected a date such as 2025-09-15, 2025-06, 2017-summer or 2016, got nothing (null)"),
    (3.5, "expected a date such as 2025-09-15, 2025-06, 2017-summer or 2016, got a number (3.5)"),
])
def test_impossible_and_malformed_dates_are_explained(value, message):
    with pytest.raises(ValueError) as raised:
        PartialDate.parse(value)
    assert str(raised.value) == message


@pytest.mark.parametrize("text, last", [
    ("2025", date(2025, 12, 31)),
    ("2024-02", date(2024, 2, 29)),
    ("2025-02", date(2025, 2, 28)),
    ("2025-09-15", date(2025, 9, 15)),
    ("2025-spring", date(2025, 5, 31)),
    ("2025-summer", date(2025, 8, 31)),
    ("2025-autumn", date(2025, 11, 30)),
    ("2024-winter", date(2025, 2, 28)),  # December 2024 to February 2025
    ("2027-winter", date(2028, 2, 29)),  # ... and February of a leap year
])
def test_the_latest_day_a_date_can_stand_for(text, last):
    assert PartialDate.parse(text).latest_day == last


def test_dates_sort_at_the_start_of_what_they_stand_for():
    texts = ["2025-09-15", "2025", "2024-winter", "2025-06-01", "2025-summer", "2024-12-31", "2025-autumn"]
    ordered = sorted(texts, key=lambda text: PartialDate.parse(text).sort_key)
    assert ordered == ["2024-winter", "2024-12-31", "2025", "2025-summer", "2025-06-01", "2025-autumn", "2025-09-15"]
    # A month and the season starting with it tie; a year ties with its January.
    assert PartialDate.parse("2025-06").sort_key == PartialDate.parse("2025-summer").sort_key == (2025, 6, 0)
    assert PartialDate.parse("2025").sort_key == PartialDate.parse("2025-01").sort_key == (2025, 1, 0)


def test_the_date_type_reads_text_in_a_model_and_reports_the_editors_message():
    class Dated(BaseModel):
        when: Date

    assert Dated.model_validate({"when": "2017-summer"}).when == PartialDate(2017, season="summer")
    with pytest.raises(ValidationError) as raised:
        Dated.model_validate({"when": "2025-13"})
    assert raised.value.errors()[0]["ctx"]["error"].args[0] == "impossible date '2025-13': there is no month 13"
