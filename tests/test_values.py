"""Values as readers of each language read them: every fact kind, ranges and qualifiers, the
sources' spread under a conflict, places in a source, source labels, watchlist levels."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup
from pydantic import TypeAdapter

from generator.catalogs import read_catalogs
from generator.dates import PartialDate
from generator.facts import Fact, Source
from generator.problems import Problems
from generator.records import Localized
from generator.seeds import load_briefings
from generator.values import Formatter

ROOT = Path(__file__).resolve().parent.parent
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def formatters() -> dict[str, Formatter]:
    problems = Problems()
    catalogs = read_catalogs((ROOT / "locales",), ["fr", "en"], problems)
    assert not problems
    return {language: Formatter(language, catalog.translations) for language, catalog in catalogs.items()}


@pytest.fixture(scope="module")
def acme(fixture_seeds):
    problems = Problems()
    [briefing] = load_briefings(fixture_seeds, problems)
    assert not problems
    return briefing


def fact(**fields):
    """A fact of the given kind and value, with a label, a date and a citation."""
    return TypeAdapter(Fact).validate_python({
        "id": "x", "label": {"fr": "Libellé", "en": "Label"}, "as_of": "2025", "status": "reported",
        "citations": [{"source": "s", "where": "§1"}], **fields})


@pytest.mark.parametrize("fact_id, fr, en", [
    ("deal.amount", f"1,2{NBSP}Md{NBSP}$US", "$1.2B"),
    ("series-a.amount", f"12{NBSP}M{NBSP}$US", "$12M"),
    ("deal.amount-gazette", f"environ 1,5{NBSP}Md{NBSP}$US", "about $1.5B"),
    ("acme.revenue-2028", f"plus de 90{NBSP}M{NBSP}€", "more than €90M"),
    ("acme.employees", "environ 340", "about 340"),
    ("globex.stake", f"80{NBSP}%", "80%"),
    ("acme.founded", "2014", "2014"),
    ("acme.first-product", "automne 2016", "autumn 2016"),
    ("deal.announced", "mars 2026", "March 2026"),
    ("deal.closed", "15 septembre 2026", "September 15, 2026"),
    ("acme.founder", "Ada Moreau", "Ada Moreau"),
    ("deal.buyer", "Globex Corporation", "Globex Corporation"),
    ("globex.outlook", "Un achat cohérent pour Globex", "A sensible purchase for Globex"),
])
def test_each_kind_of_fact_in_each_language(acme, formatters, fact_id, fr, en):
    assert formatters["fr"].value(acme.fact(fact_id)) == fr
    assert formatters["en"].value(acme.fact(fact_id)) == en


@pytest.mark.parametrize("fields, fr, en", [
    ({"kind": "percentage", "value": 40, "upper": 50}, f"de 40 à 50{NBSP}%", "40% to 50%"),
    ({"kind": "money", "value": "14e9", "upper": "15e9", "currency": "USD"},
     f"de 14 à 15{NBSP}Md{NBSP}$US", "$14B to $15B"),
    ({"kind": "money", "value": "14e9", "upper": "15e9", "currency": "USD", "qualifier": "about"},
     f"de 14 à 15{NBSP}Md{NBSP}$US environ", "about $14B to $15B"),
    ({"kind": "count", "value": 1400, "qualifier": "at_least"}, f"au moins 1{NNBSP}400", "at least 1,400"),
    ({"kind": "money", "value": 900, "currency": "EUR", "qualifier": "up_to"},
     f"jusqu\u2019à 900{NBSP}€", "up to €900"),
    ({"kind": "money", "value": "-7.01", "currency": "USD", "change": True}, f"\u22127,01{NBSP}$US", "\u2212$7.01"),
    ({"kind": "percentage", "value": "1.05", "change": True}, f"+1,05{NBSP}%", "+1.05%"),
    ({"kind": "date", "value": "2016", "qualifier": "about"}, "vers 2016", "around 2016"),
    ({"kind": "date", "value": "2023-summer", "qualifier": "by"}, "été 2023 au plus tard", "by summer 2023"),
    ({"kind": "organisation", "value": {"fr": "L'Agence", "en": "The Agency"}}, "L\u2019Agence", "The Agency"),
])
def test_ranges_qualifiers_signs_and_translated_names(formatters, fields, fr, en):
    assert formatters["fr"].value(fact(**fields)) == fr
    assert formatters["en"].value(fact(**fields)) == en


def test_a_text_value_is_typeset_but_not_marked_up(acme, formatters):
    # Escaping is the pages' business (templating); the value itself is the text.
    assert formatters["fr"].value(acme.fact("acme.html-probe")) == \
        f'<script>alert(«{NBSP}x{NBSP}»)</script> & <b>gras</b>'
    assert formatters["en"].value(acme.fact("acme.html-probe")) == '<script>alert("x")</script> & <b>bold</b>'


def test_the_preferred_value_of_a_conflict_gives_the_sources_spread(acme, formatters):
    assert formatters["fr"].spread(acme, "deal.amount") == f"de 1,2 à 1,5{NBSP}Md{NBSP}$US"
    assert formatters["en"].spread(acme, "deal.amount") == "$1.2B to $1.5B"
    assert formatters["en"].spread(acme, "deal.amount-gazette") == ""  # not the preferred value
    assert formatters["en"].spread(acme, "globex.stake") == ""  # no conflict


@pytest.mark.parametrize("where, fr, en", [
    ("§4", "§ 4", "paragraph 4"),
    ("title", "titre", "title"),
    ("dateline", "lieu et date", "dateline"),
    ("item 3", "liste, point 3", "list item 3"),
    ("section « En coulisses », §1", f"section «{NBSP}En coulisses{NBSP}», § 1",
     "section “En coulisses”, paragraph 1"),
    ("intro, §3 ; section « En coulisses », item 2",
     f"introduction, § 3{NBSP}; section «{NBSP}En coulisses{NBSP}», liste, point 2",
     "introduction, paragraph 3; section “En coulisses”, list item 2"),
])
def test_places_in_a_source_in_each_language(formatters, where, fr, en):
    assert formatters["fr"].places(where) == fr
    assert formatters["en"].places(where) == en


def test_a_place_given_in_every_language_is_typeset(formatters):
    where = Localized.model_validate({"fr": "encadré : chiffres", "en": "box: figures"})
    assert (formatters["fr"].places(where), formatters["en"].places(where)) == (f"encadré{NBSP}: chiffres", "box: figures")


def test_a_source_is_labelled_by_its_author_or_its_short_title_and_its_date(acme, formatters):
    assert formatters["fr"].source_label(acme.source("gazette-article")) == Markup("Dupin, septembre 2026")
    assert formatters["en"].source_label(acme.source("globex-release")) == Markup(
        "<cite>Globex to acquire Acme Robotics</cite>, March 10, 2026")
    source = Source.model_validate({"id": "s", "title": "L'économie : tome 1", "short_title": "L'économie",
                                    "language": "fr", "published": "2025", "document": "s.txt"})
    assert formatters["en"].source_label(source) == Markup("<cite>L\u2019économie</cite>, 2025")
    marked = Source.model_validate({"id": "s", "title": "T", "author": "Jean <b>Fontaine</b>", "language": "fr",
                                    "published": "2025-07", "document": "s.txt"})
    assert formatters["fr"].source_label(marked) == Markup("&lt;b&gt;Fontaine&lt;/b&gt;, juillet 2025")


def test_watchlist_levels_with_their_rank_on_the_scale(formatters):
    assert [formatters["fr"].level(level) for level in ("low", "moderate", "elevated", "high", "unknown")] == [
        "1 sur 4, faible", "2 sur 4, modéré", "3 sur 4, élevé", "4 sur 4, très élevé", "indéterminé"]
    assert formatters["en"].level("elevated") == "3 of 4, elevated"
    assert formatters["en"].level("unknown") == "undetermined"


def test_quoted_facts_dates_with_their_preposition_and_labels(acme, formatters):
    fr, en = formatters["fr"], formatters["en"]
    text = Localized.model_validate({"fr": 'Globex paie {deal.amount} "cash" <b>', "en": 'Globex pays {deal.amount} <b>'})
    # A quotation given as plain text is escaped, for HTML and for Markdown (a bracket is a link's).
    assert fr.typeset(text, lambda fact_id: f"[{fact_id}]") == Markup(
        f"Globex paie &#91;deal.amount&#93; «{NBSP}cash{NBSP}» &lt;b&gt;")
    assert en.typeset(text, lambda fact_id: Markup(f"<i>{fact_id}</i>")) == \
        Markup("Globex pays <i>deal.amount</i> &lt;b&gt;")
    assert en.plain_text(Localized.model_validate({"fr": "", "en": "Price: {deal.amount}."}), acme) == "Price: $1.2B."
    assert (fr.when(PartialDate.parse("2025-09-15")), en.when(PartialDate.parse("2017-summer"))) == (
        "le 15 septembre 2025", "in summer 2017")
    assert (fr.colon("Source"), en.colon("Source")) == (f"Source{NBSP}:", "Source:")
    assert (fr.language_name("en"), en.language_name("fr")) == ("anglais", "French")


def test_plain_text_keeps_the_french_no_break_spaces(acme, formatters):
    text = Localized.model_validate({"fr": "Prix : {deal.amount}.", "en": "Price: {deal.amount}."})
    assert formatters["fr"].plain_text(text, acme) == f"Prix{NBSP}: 1,2{NBSP}Md{NBSP}$US."
