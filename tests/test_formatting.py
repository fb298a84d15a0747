"""Locale formatting: Babel with an explicit locale, and the catalog's words for what Babel lacks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.support import Translations

from generator.catalogs import compile_catalogs
from generator.facts import PartialDate
from generator.formatting import (format_money, format_number, format_partial_date,
                                  format_percentage, join_range, qualify)
from generator.problems import Problems

NBSP, NNBSP = "\u00a0", "\u202f"


def plain(text: str) -> str:
    """Babel uses (narrow) no-break spaces in French; compare with ordinary spaces."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory) -> dict[str, Translations]:
    from pathlib import Path

    problems = Problems()
    out = compile_catalogs(Path("locales"), ["fr", "en"], tmp_path_factory.mktemp("mo"), problems)
    assert not problems, [str(p) for p in problems.items]
    return out


@pytest.mark.parametrize("amount, currency, fr, en", [
    (Decimal("14.3e9"), "USD", "14,3 Md $US", "$14.3B"),
    (Decimal("14.8e9"), "USD", "14,8 Md $US", "$14.8B"),
    (Decimal("4.5e6"), "USD", "4,5 M $US", "$4.5M"),
    (Decimal("1e9"), "USD", "1 Md $US", "$1B"),
    (Decimal("703.38"), "USD", "703,38 $US", "$703.38"),
    (Decimal("900"), "USD", "900 $US", "$900"),
    (Decimal("2.5e6"), "EUR", "2,5 M €", "€2.5M"),
])
def test_money(amount, currency, fr, en):
    assert plain(format_money(amount, currency, "fr")) == fr
    assert format_money(amount, currency, "en") == en


def test_french_money_does_not_break_between_number_and_unit():
    assert format_money(Decimal("14.3e9"), "USD", "fr") == f"14,3{NBSP}Md{NBSP}$US"


@pytest.mark.parametrize("value, fr, en", [(49, "49 %", "49%"), (14, "14 %", "14%"),
                                           (Decimal("14.5"), "14,5 %", "14.5%"), (100, "100 %", "100%")])
def test_percentage(value, fr, en):
    assert plain(format_percentage(value, "fr")) == fr
    assert format_percentage(value, "en") == en


def test_numbers():
    assert plain(format_number(1400, "fr")) == "1 400"
    assert format_number(1400, "en") == "1,400"
    assert format_number(900, "fr") == "900"


@pytest.mark.parametrize("text, fr, en", [
    ("2025-09-15", "15 septembre 2025", "September 15, 2025"),
    ("2025-06", "juin 2025", "June 2025"),
    ("2017-summer", "été 2017", "summer 2017"),
    ("2024-winter", "hiver 2024", "winter 2024"),
    ("2016", "2016", "2016"),
])
def test_dates_read_naturally_at_every_precision(text, fr, en, catalogs):
    date = PartialDate.parse(text)
    assert format_partial_date(date, "fr", catalogs["fr"].gettext) == fr
    assert format_partial_date(date, "en", catalogs["en"].gettext) == en


def test_qualifiers_and_ranges_come_from_the_catalog(catalogs):
    fr, en = catalogs["fr"].gettext, catalogs["en"].gettext
    assert plain(qualify(format_money(Decimal("1e9"), "USD", "fr"), "about", fr)) == "environ 1 Md $US"
    assert qualify(format_money(Decimal("200e6"), "USD", "en"), "more_than", en) == "more than $200M"
    assert plain(join_range(format_percentage(40, "fr"), format_percentage(50, "fr"), fr)) == "de 40 % à 50 %"
    assert join_range(format_percentage(40, "en"), format_percentage(50, "en"), en) == "40% to 50%"
    assert qualify("x", None, fr) == "x"
