"""Locale formatting: Babel with an explicit locale, and the catalog's words for what Babel lacks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.support import Translations

from generator.catalogs import read_catalogs
from generator.dates import PartialDate
from generator.formatting import (format_money, format_number, format_partial_date,
                                  format_percentage, join_range, qualify)
from generator.problems import Problems

NBSP, NNBSP = "\u00a0", "\u202f"


def plain(text: str) -> str:
    """Babel uses (narrow) no-break spaces in French; compare with ordinary spaces."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


@pytest.fixture(scope="module")
def catalogs() -> dict[str, Translations]:
    from pathlib import Path

    problems = Problems()
    read = read_catalogs((Path(__file__).resolve().parent.parent / "locales",), ["fr", "en"], problems)
    assert not problems, [str(p) for p in problems.items]
    return {language: catalog.translations for language, catalog in read.items()}


@pytest.mark.parametrize("amount, currency, fr, en", [
    (Decimal("14.3e9"), "USD", "14,3 Md $US", "$14.3B"),
    (Decimal("14.8e9"), "USD", "14,8 Md $US", "$14.8B"),
    (Decimal("4.5e6"), "USD", "4,5 M $US", "$4.5M"),
    (Decimal("1e9"), "USD", "1 Md $US", "$1B"),
    (Decimal("703.38"), "USD", "703,38 $US", "$703.38"),
    (Decimal("900"), "USD", "900 $US", "$900"),
    (Decimal("2.5e6"), "EUR", "2,5 M €", "€2.5M"),
    (Decimal("1.25e9"), "EUR", "1,25 Md €", "€1.25B"),    # two decimals when they are exact...
    (Decimal("14.2857e9"), "USD", "14,3 Md $US", "$14.3B"),  # ...one otherwise
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
    # A unit written after a space is given once, with the upper bound.
    assert plain(join_range(format_percentage(40, "fr"), format_percentage(50, "fr"), fr)) == "de 40 à 50 %"
    assert join_range(format_percentage(40, "en"), format_percentage(50, "en"), en) == "40% to 50%"
    fourteen, fifteen = format_money(Decimal("14e9"), "USD", "fr"), format_money(Decimal("15e9"), "USD", "fr")
    assert plain(join_range(fourteen, fifteen, fr, "about")) == "de 14 à 15 Md $US environ"
    assert join_range(format_money(Decimal("14e9"), "USD", "en"), format_money(Decimal("15e9"), "USD", "en"),
                      en, "about") == "about $14B to $15B"
    assert qualify("x", None, fr) == "x"


# --- French typography: one test per rule -----------------------------------------------------

from generator.formatting import (MINUS, french_typography, markdown_spacing,  # noqa: E402
                                  typography)


@pytest.mark.parametrize("mark", [":", ";", "!", "?"])
def test_french_puts_a_no_break_space_before_high_punctuation(mark):
    assert french_typography(f"Lecture {mark} forte") == f"Lecture{NBSP}{mark} forte"
    assert french_typography(f"Lecture{mark} forte") == f"Lecture{NBSP}{mark} forte"
    assert french_typography(f"fin{mark}") == f"fin{NBSP}{mark}"


def test_french_puts_a_no_break_space_before_percent():
    assert french_typography("49 % du capital, 14% des postes") == f"49{NBSP}% du capital, 14{NBSP}% des postes"


def test_french_puts_no_break_spaces_inside_guillemets():
    assert french_typography("la « Suisse » des données, «neutre»") == \
        f"la «{NBSP}Suisse{NBSP}» des données, «{NBSP}neutre{NBSP}»"


def test_french_quotes_with_guillemets_and_typographic_apostrophes():
    assert french_typography('l\'article écrit "Accel Ventures"') == \
        f"l\u2019article écrit «{NBSP}Accel Ventures{NBSP}»"


def test_signed_figures_have_a_true_minus_and_an_explicit_plus():
    assert format_money(Decimal("-7.01"), "USD", "fr", signed=True) == f"{MINUS}7,01{NBSP}$US"
    assert format_money(Decimal("1.93"), "USD", "fr", signed=True) == f"+1,93{NBSP}$US"
    assert format_money(Decimal("-7.01"), "USD", "en", signed=True) == f"{MINUS}$7.01"
    assert format_percentage(Decimal("-0.99"), "fr", signed=True) == f"{MINUS}0,99{NBSP}%"
    assert format_percentage(Decimal("1.05"), "en", signed=True) == "+1.05%"
    assert format_number(-3, "fr") == f"{MINUS}3"


def test_french_typography_leaves_addresses_times_and_numbers_alone():
    text = "voir https://example.org/a?b=1 à 10:30, soit 1:2"
    assert french_typography(text) == text


def test_typography_is_per_language():
    assert typography("Meta's 49% stake: \"big\"", "en") == "Meta's 49% stake: \"big\""
    assert typography("Meta : 49 %", "fr") == f"Meta{NBSP}: 49{NBSP}%"


def test_spacing_of_an_editors_markdown_leaves_its_markup_alone():
    markdown = ('**rapporté** : la source\n\n!!! note "Titre"\n\n| a | b |\n| :--- | ---: |\n\n'
                '[lien](https://example.org/?q=1) {{ fact("deal.amount") }} { #ancre }\n')
    spaced = markdown_spacing(markdown, "fr")
    assert spaced == markdown.replace("** : la", f"**{NBSP}: la")
    assert markdown_spacing(markdown, "en") == markdown
