"""Validation: each bad input gets one exact message, ``path:line: field: message``.

Every test writes the minimal valid briefing of ``conftest.py`` (one file per section) and
breaks one thing in it; line numbers refer to the file the test rewrites.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from conftest import FIXTURE_SEEDS, MINIMAL
from generator.facts import FACT_KINDS, PartialDate, Status
from generator.validation import load_briefings

MONEY_FACT_KEYS = ("as_of, change, citations, currency, derivation, derived_from, horizon, id, kind, "
                   "label, note, qualifier, status, upper, value")


def problems_of(seeds: Path, today: date | None = None) -> list[str]:
    """Every problem found, as printed: ``path:line: field: message``."""
    _, problems = load_briefings(seeds, today)
    return [str(problem) for problem in problems.sorted()]


def edit(name: str, old: str, new: str) -> str:
    """The minimal briefing's file ``name`` with ``old`` replaced once by ``new``."""
    text = textwrap.dedent(MINIMAL[name])
    assert text.count(old) == 1, f"{old!r} is not in {name}.yaml exactly once"
    return text.replace(old, new)


def with_fact(fact: str) -> str:
    """facts.yaml with one more fact (written at column 0), starting at line 27."""
    return textwrap.dedent(MINIMAL["facts"]) + textwrap.indent(textwrap.dedent(fact), "  ")


def test_the_minimal_briefing_is_valid(seeds_in):
    briefings, problems = load_briefings(seeds_in())
    assert problems.items == []
    assert [briefing.id for briefing in briefings] == ["mini"]
    assert with_fact("- id: x\n").splitlines()[26] == "  - id: x"  # with_fact's line 27


# --- YAML syntax and files ------------------------------------------------------------------

def test_syntax_error_is_the_only_problem_reported_for_its_briefing(seeds_in):
    # The 'facts' section is in the broken file: it must not also be reported as missing,
    # nor must the facts it defines be reported as unknown where they are referred to.
    seeds = seeds_in(facts=edit("facts", "    kind: money\n", "    kind: [money\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:4: (yaml): YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 3)",
    ]


def test_shape_errors_of_other_files_are_still_reported_next_to_a_syntax_error(seeds_in):
    seeds = seeds_in(facts="facts: [\n", events=edit("events", "date: 2025-06-01", "date: 2025-13"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:3: events[raise].date: impossible date '2025-13': there is no month 13",
        "seeds/mini/facts.yaml:2: (yaml): YAML syntax error: expected the node content, but found "
        "'<stream end>' (while parsing a flow node)",
    ]


def test_empty_file(seeds_in):
    assert problems_of(seeds_in(facts="")) == [
        "seeds/mini/facts.yaml:1: (file): the file is empty; expected a mapping of sections "
        "(for example 'facts:' followed by a list)",
    ]


def test_file_not_in_utf8(seeds_in):
    latin1 = edit("events", "Levée", "Levée").encode("latin-1")
    assert problems_of(seeds_in(events=latin1)) == [
        "seeds/mini/events.yaml:4: (file): not valid UTF-8 (byte 0xE9 at offset 62); save the file as UTF-8",
    ]


def test_key_given_twice(seeds_in):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    currency: USD\n    currency: EUR\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].currency: key 'currency' is given twice in "
        "the same mapping (first at line 6)",
    ]


def test_unknown_section(seeds_in):
    seeds = seeds_in(events=edit("events", "events:", "event:"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:1: event: unknown section 'event' (expected one of: briefing, "
        "profile, sources, facts, conflicts, corrections, events, watchlist); did you mean 'events'?",
    ]


def test_missing_section(seeds_in):
    assert problems_of(seeds_in(watchlist=None)) == [
        "seeds/mini/briefing.yaml:1: watchlist: required section 'watchlist' is missing "
        "(add it to one of the briefing's YAML files)",
    ]


def test_section_that_is_not_a_list(seeds_in):
    assert problems_of(seeds_in(events="\nevents:\n")) == [
        "seeds/mini/events.yaml:2: events: expected a list, got nothing (null)",
    ]


def test_briefing_folder_without_yaml(seeds_in, tmp_path):
    seeds = seeds_in()
    (tmp_path / "seeds" / "other").mkdir()
    assert problems_of(seeds) == ["seeds/other:1: (folder): no YAML file in this briefing folder"]


# --- Shape: keys, types, values -------------------------------------------------------------

def test_unknown_key_suggests_the_key_it_misspells_and_nothing_else(seeds_in):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    curency: USD\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:6: facts[deal.amount].curency: unknown key 'curency' (expected one "
        f"of: {MONEY_FACT_KEYS}); did you mean 'currency'?",
    ]


def test_unknown_key_in_a_citation(seeds_in):
    seeds = seeds_in(facts=edit("facts", '{source: release, where: "§1"}', '{source: release, were: "§1"}'))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:10: facts[deal.amount].citations[0].were: unknown key 'were' "
        "(expected one of: source, where); did you mean 'where'?",
    ]


def test_unknown_key_without_a_close_match_still_reports_the_missing_field(seeds_in):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    money: USD\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: 'currency' is required for a money value",
        "seeds/mini/facts.yaml:6: facts[deal.amount].money: unknown key 'money' "
        f"(expected one of: {MONEY_FACT_KEYS})",
    ]


def test_missing_required_field(seeds_in):
    seeds = seeds_in(facts=edit("facts", "    label: {fr: Montant levé, en: Amount raised}\n", ""))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: required field 'label' is missing",
    ]


def test_money_without_currency(seeds_in):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", ""))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: 'currency' is required for a money value",
    ]


def test_currency_that_is_not_a_code(seeds_in):
    assert problems_of(seeds_in(facts=edit("facts", "currency: USD", "currency: dollars"))) == [
        "seeds/mini/facts.yaml:6: facts[deal.amount].currency: currency must be an ISO 4217 code "
        "such as USD or EUR, got text ('dollars')",
    ]


def test_unknown_currency(seeds_in):
    assert problems_of(seeds_in(facts=edit("facts", "currency: USD", "currency: XYZ"))) == [
        "seeds/mini/facts.yaml:6: facts[deal.amount].currency: unknown currency 'XYZ' "
        "(expected an ISO 4217 code such as USD)",
    ]


def test_missing_kind(seeds_in):
    assert problems_of(seeds_in(facts=edit("facts", "    kind: money\n", ""))) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: required field 'kind' is missing "
        f"(one of: {', '.join(FACT_KINDS)})",
    ]


def test_unknown_kind(seeds_in):
    assert problems_of(seeds_in(facts=edit("facts", "kind: money", "kind: cash"))) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: unknown kind 'cash' "
        f"(expected one of: {', '.join(FACT_KINDS)})",
    ]


def test_wrong_type_of_value(seeds_in):
    assert problems_of(seeds_in(facts=edit("facts", "value: 10e6", "value: ten million"))) == [
        "seeds/mini/facts.yaml:5: facts[deal.amount].value: expected a number, got text ('ten million')",
    ]


def test_text_where_a_mapping_of_languages_is_expected(seeds_in):
    seeds = seeds_in(facts=edit("facts", "label: {fr: Montant levé, en: Amount raised}", "label: Amount raised"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:4: facts[deal.amount].label: expected a mapping, got text ('Amount raised')",
    ]


def test_text_where_a_list_is_expected(seeds_in):
    seeds = seeds_in(facts=edit("facts", '    citations:\n      - {source: release, where: "§1"}\n',
                                "    citations: release\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:9: facts[deal.amount].citations: expected a list, got text ('release')",
    ]


def test_empty_list_of_citations(seeds_in):
    seeds = seeds_in(facts=edit("facts", '    citations:\n      - {source: release, where: "§1"}\n',
                                "    citations: []\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:9: facts[deal.amount].citations: expected at least 1 item(s), got 0",
    ]


def test_list_item_that_is_not_a_mapping(seeds_in):
    assert problems_of(seeds_in(facts=with_fact("- deal.amount\n"))) == [
        "seeds/mini/facts.yaml:27: facts[3]: expected a mapping, got text ('deal.amount')",
    ]


def test_unknown_status(seeds_in):
    seeds = seeds_in(facts=edit("facts", "USD\n    as_of: 2025-06\n    status: reported",
                                "USD\n    as_of: 2025-06\n    status: rumour"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:8: facts[deal.amount].status: expected one of 'reported', "
        "'estimate', 'projection', 'derived', 'corrected' or 'opinion', got text ('rumour')",
    ]


def test_unknown_qualifier(seeds_in):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    currency: USD\n    qualifier: roughly\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].qualifier: expected one of 'about', "
        "'more_than', 'less_than', 'at_least' or 'up_to', got text ('roughly')",
    ]


def test_invalid_id(seeds_in):
    assert problems_of(seeds_in(facts=edit("facts", "id: deal.amount", "id: Deal Amount"))) == [
        "seeds/mini/facts.yaml:2: facts[Deal Amount].id: text ('Deal Amount') is not a valid id "
        "(use lowercase letters, digits, '.', '-', '_')",
    ]


def test_malformed_date(seeds_in):
    seeds = seeds_in(facts=edit("facts", "USD\n    as_of: 2025-06", "USD\n    as_of: June 2025"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].as_of: malformed date 'June 2025' (expected "
        "YYYY-MM-DD, YYYY-MM, YYYY-season with a season among spring, summer, autumn, winter, or YYYY)",
    ]


def test_impossible_day(seeds_in):
    assert problems_of(seeds_in(events=edit("events", "date: 2025-06-01", "date: 2025-02-30"))) == [
        "seeds/mini/events.yaml:3: events[raise].date: impossible date '2025-02-30': "
        "February 2025 has no day 30",
    ]


def test_impossible_month(seeds_in):
    seeds = seeds_in(facts=edit("facts", "USD\n    as_of: 2025-06", "USD\n    as_of: 2025-13"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].as_of: impossible date '2025-13': there is no month 13",
    ]


def test_percentage_out_of_range(seeds_in):
    seeds = seeds_in(facts=with_fact("""\
        - id: stake
          kind: percentage
          label: {fr: Part, en: Stake}
          value: 120
          as_of: 2025
          status: reported
          citations: [{source: release, where: "§3"}]
        """))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:30: facts[stake].value: a percentage must be between 0 and 100, got 120",
    ]


def test_percentage_range_with_its_upper_bound_out_of_range(seeds_in):
    seeds = seeds_in(facts=with_fact("""\
        - id: stake
          kind: percentage
          label: {fr: Part, en: Stake}
          value: 40
          upper: 140
          as_of: 2025
          status: reported
          citations: [{source: release, where: "§3"}]
        """))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:31: facts[stake].upper: a percentage must be between 0 and 100, got 140",
    ]


def test_upper_bound_below_the_value(seeds_in):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    currency: USD\n    upper: 5e6\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].upper: the upper bound 5000000 is below the value 10000000",
    ]


def test_count_that_is_not_whole(seeds_in):
    seeds = seeds_in(facts=with_fact("""\
        - id: staff
          kind: count
          label: {fr: Salariés, en: Staff}
          value: 3.5
          as_of: 2025
          status: estimate
          citations: [{source: release, where: "§3"}]
        """))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:30: facts[staff].value: expected a whole number, got a number (3.5)",
    ]


def test_negative_count(seeds_in):
    seeds = seeds_in(facts=with_fact("""\
        - id: staff
          kind: count
          label: {fr: Salariés, en: Staff}
          value: -3
          as_of: 2025
          status: estimate
          citations: [{source: release, where: "§3"}]
        """))
    assert problems_of(seeds) == ["seeds/mini/facts.yaml:30: facts[staff].value: must be at least 0, got -3"]


# --- YAML 1.1 surprises -------------------------------------------------------------------

def test_boolean_field_given_yes(seeds_in):
    assert problems_of(seeds_in(profile=edit("profile", "current: true", "current: yes"))) == [
        "seeds/mini/profile.yaml:10: profile.leadership[founder].current: expected true or false, "
        "got text ('yes') (YAML 1.1 words yes/no/on/off are read as text here)",
    ]


def test_boolean_field_given_a_number(seeds_in):
    assert problems_of(seeds_in(profile=edit("profile", "current: true", "current: 1"))) == [
        "seeds/mini/profile.yaml:10: profile.leadership[founder].current: expected true or false, "
        "got a number (1)",
    ]


def test_a_person_named_no_stays_a_name(seeds_in):
    briefings, problems = load_briefings(seeds_in(facts=edit("facts", "value: Sam Example", "value: No")))
    assert problems.items == []
    assert briefings[0].fact("founder").value == "No"


def test_key_on_is_an_unknown_key_not_a_boolean(seeds_in):
    # An editor writes 'on:' for the date of an event; YAML 1.1 would have read the key as True.
    seeds = seeds_in(events=edit("events", "    date: 2025-06-01\n", "    on: 2025-06-01\n"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:2: events[raise]: required field 'date' is missing",
        "seeds/mini/events.yaml:3: events[raise].on: unknown key 'on' (expected one of: citations, "
        "date, date_qualifier, facts, id, summary, title)",
    ]


def test_unquoted_dates_become_partial_dates_not_datetimes(seeds_in):
    briefings, problems = load_briefings(seeds_in())
    assert problems.items == []
    briefing = briefings[0]
    assert briefing.events[0].date == PartialDate(2025, 6, 1)
    assert briefing.fact("deal.amount").as_of == PartialDate(2025, 6)
    assert briefing.fact("founded").value == PartialDate(2016)
    assert briefing.sources[0].published.precision == "day"


def test_date_with_a_time_is_malformed(seeds_in):
    assert problems_of(seeds_in(events=edit("events", "date: 2025-06-01", "date: 2025-06-01 10:30:00"))) == [
        "seeds/mini/events.yaml:3: events[raise].date: malformed date '2025-06-01 10:30:00' (expected "
        "YYYY-MM-DD, YYYY-MM, YYYY-season with a season among spring, summer, autumn, winter, or YYYY)",
    ]


# --- Consistency: ids and references ------------------------------------------------------

def test_duplicate_id_names_the_first_definition(seeds_in):
    seeds = seeds_in(facts=edit("facts", "id: founded", "id: deal.amount"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:11: facts[deal.amount].id: duplicate id 'deal.amount' "
        "(first defined at seeds/mini/facts.yaml:2)",
        "seeds/mini/profile.yaml:4: profile.founded: unknown fact 'founded'; did you mean 'founder'?",
    ]


def test_duplicate_id_across_files(seeds_in):
    seeds = seeds_in(more_facts="""\
        facts:
          - id: founder
            kind: person
            label: {fr: Fondatrice, en: Founder}
            value: Kim Example
            as_of: 2025
            status: reported
            citations: [{source: release, where: "§3"}]
        """)
    assert problems_of(seeds) == [
        "seeds/mini/more_facts.yaml:2: facts[founder].id: duplicate id 'founder' "
        "(first defined at seeds/mini/facts.yaml:19)",
    ]


def test_citation_of_an_unknown_source(seeds_in):
    seeds = seeds_in(facts=edit("facts", '{source: release, where: "§1"}', '{source: relase, where: "§1"}'))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:10: facts[deal.amount].citations: unknown source 'relase'; did you mean 'release'?",
    ]


def test_event_refers_to_an_unknown_fact(seeds_in):
    assert problems_of(seeds_in(events=edit("events", "facts: [deal.amount]", "facts: [deal.amout]"))) == [
        "seeds/mini/events.yaml:6: events[raise].facts: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
    ]


def test_an_unknown_fact_in_a_block_list_is_reported_at_its_own_line(seeds_in):
    seeds = seeds_in(events=edit("events", "facts: [deal.amount]", "facts:\n      - deal.amount\n      - deal.amout"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:8: events[raise].facts: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
    ]


def test_watchlist_evidence_refers_to_an_unknown_fact(seeds_in):
    seeds = seeds_in(watchlist=MINIMAL["watchlist"].replace("evidence: [deal.amount]", "evidence: [revenue]", 1))
    assert problems_of(seeds) == [
        "seeds/mini/watchlist.yaml:10: watchlist[first].evidence: unknown fact 'revenue'",
    ]


def test_key_figure_refers_to_an_unknown_fact(seeds_in):
    seeds = seeds_in(briefing=edit("briefing", "key_figures: [deal.amount]", "key_figures: [deal.amount, deal.amout]"))
    assert problems_of(seeds) == [
        "seeds/mini/briefing.yaml:8: briefing.key_figures: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
    ]


def test_profile_refers_to_a_fact_of_the_wrong_kind(seeds_in):
    assert problems_of(seeds_in(profile=edit("profile", "founded: founded", "founded: founder"))) == [
        "seeds/mini/profile.yaml:4: profile.founded: fact 'founder' is a person, expected a date",
    ]


CONFLICT = """\
    conflicts:
      - id: amount
        topic: {fr: Le montant, en: The amount}
        facts: [deal.amount, deal.amount-rumour]
        preferred: deal.amount
        reason: {fr: Source primaire., en: Primary source.}
    """
RUMOURED_AMOUNT = """\
    - id: deal.amount-rumour
      kind: money
      label: {fr: Montant selon la rumeur, en: Rumoured amount}
      value: 12e6
      currency: USD
      as_of: 2025-06
      status: estimate
      citations: [{source: release, where: "§4"}]
    """


def test_a_valid_conflict(seeds_in):
    assert problems_of(seeds_in(conflicts=CONFLICT, facts=with_fact(RUMOURED_AMOUNT))) == []


def test_conflict_refers_to_an_unknown_fact(seeds_in):
    assert problems_of(seeds_in(conflicts=CONFLICT)) == [
        "seeds/mini/conflicts.yaml:4: conflicts[amount].facts: unknown fact 'deal.amount-rumour'; "
        "did you mean 'deal.amount'?",
    ]


def test_conflict_whose_preferred_fact_is_not_among_its_facts(seeds_in):
    seeds = seeds_in(conflicts=CONFLICT.replace("preferred: deal.amount", "preferred: founder"),
                     facts=with_fact(RUMOURED_AMOUNT))
    assert problems_of(seeds) == [
        "seeds/mini/conflicts.yaml:5: conflicts[amount].preferred: 'founder' is not one of this "
        "conflict's facts (deal.amount, deal.amount-rumour)",
    ]


def test_conflicting_facts_of_different_kinds(seeds_in):
    seeds = seeds_in(conflicts=CONFLICT.replace("deal.amount-rumour]", "founded]"))
    assert problems_of(seeds) == [
        "seeds/mini/conflicts.yaml:4: conflicts[amount].facts: conflicting facts must be of one "
        "kind, got date, money",
    ]


DERIVED = """\
    - id: founder.share
      kind: percentage
      label: {fr: Part du fondateur, en: Founder's share}
      value: 60
      as_of: 2025
      status: derived
      citations: [{source: release, where: "§3"}]
    """


def test_derived_fact_without_derived_from(seeds_in):
    assert problems_of(seeds_in(facts=with_fact(DERIVED))) == [
        "seeds/mini/facts.yaml:32: facts[founder.share].status: a derived fact needs 'derived_from' "
        "(the facts it follows from) and 'derivation' (how)",
    ]


def test_derived_fact_from_an_unknown_fact(seeds_in):
    seeds = seeds_in(facts=with_fact(textwrap.dedent(DERIVED) + "  derived_from: [investor.share]\n"
                                     "  derivation: {fr: 100 moins 40., en: 100 less 40.}\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:34: facts[founder.share].derived_from: unknown fact 'investor.share'",
    ]


CORRECTED = """\
    - id: ceo
      kind: person
      label: {fr: Directrice générale, en: Chief executive}
      value: Ann Smith
      as_of: 2025
      status: corrected
      citations: [{source: release, where: "§5"}]
    """
CORRECTION = """\
    corrections:
      - id: ceo-name
        source: release
        where: "§5"
        says: Ann Smyth
        correct: Ann Smith
        fact: ceo
        reason: {fr: Faute de frappe., en: A typo.}
    """


def test_corrected_fact_without_its_correction(seeds_in):
    assert problems_of(seeds_in(facts=with_fact(CORRECTED))) == [
        "seeds/mini/facts.yaml:32: facts[ceo].status: a corrected fact needs an entry in "
        "'corrections' whose 'fact' is this id",
    ]


def test_corrected_fact_with_its_correction(seeds_in):
    assert problems_of(seeds_in(facts=with_fact(CORRECTED), corrections=CORRECTION)) == []


def test_correction_of_an_unknown_source_and_fact(seeds_in):
    seeds = seeds_in(corrections=CORRECTION.replace("source: release", "source: blog"))
    assert problems_of(seeds) == [
        "seeds/mini/corrections.yaml:3: corrections[ceo-name].source: unknown source 'blog'",
        "seeds/mini/corrections.yaml:7: corrections[ceo-name].fact: unknown fact 'ceo'",
    ]


# --- Consistency: languages -----------------------------------------------------------------

def test_text_missing_its_english_version(seeds_in):
    seeds = seeds_in(facts=edit("facts", "label: {fr: Montant levé, en: Amount raised}", "label: {fr: Montant levé}"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:4: facts[deal.amount].label: missing the English text ('en')",
    ]


def test_text_missing_its_french_version_is_reported_at_its_key(seeds_in):
    seeds = seeds_in(events=edit("events", "    summary: {fr: Mini Corp lève des fonds., en: Mini Corp raises money.}\n",
                                 "    summary:\n      en: Mini Corp raises money.\n"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:5: events[raise].summary: missing the French text ('fr')",
    ]


def test_empty_french_text_is_reported_at_its_line(seeds_in):
    seeds = seeds_in(events=edit("events", "    summary: {fr: Mini Corp lève des fonds., en: Mini Corp raises money.}\n",
                                 "    summary:\n      en: Mini Corp raises money.\n      fr: ' '\n"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:7: events[raise].summary.fr: the French text ('fr') is empty",
    ]


def test_text_in_a_language_the_briefing_does_not_have(seeds_in):
    seeds = seeds_in(events=edit("events", "title: {fr: Levée, en: Raise}", "title: {fr: Levée, en: Raise, de: Kapital}"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:4: events[raise].title.de: 'de' is not a language of this briefing (fr, en)",
    ]


# --- Consistency: watchlist -----------------------------------------------------------------

def _watchlist(*names: str) -> str:
    indicators = MINIMAL["watchlist"].split("  - id: ")[1:]
    by_name = {indicator.split("\n", 1)[0]: indicator for indicator in indicators}
    return "watchlist:\n" + "".join("  - id: " + by_name[name] for name in names)


def test_watchlist_of_four_indicators(seeds_in):
    seeds = seeds_in(watchlist=_watchlist("first", "second", "third", "fourth"))
    assert problems_of(seeds) == ["seeds/mini/watchlist.yaml:1: watchlist: expected exactly 5 indicators, got 4"]


def test_watchlist_of_six_indicators(seeds_in):
    six = _watchlist("first", "second", "third", "fourth", "fifth") + _watchlist("fifth").replace(
        "watchlist:\n", "").replace("id: fifth", "id: sixth")
    assert problems_of(seeds_in(watchlist=six)) == [
        "seeds/mini/watchlist.yaml:1: watchlist: expected exactly 5 indicators, got 6",
    ]


def test_past_checkpoint_is_a_warning(seeds_in):
    _, problems = load_briefings(seeds_in(), today=date(2030, 2, 1))
    assert problems.errors == []
    assert [str(warning) for warning in problems.warnings] == [
        "seeds/mini/watchlist.yaml:9: watchlist[first].next_checkpoint: warning: checkpoint 2030-01 "
        "is past (today is 2030-02-01): review the reading, then set 'last_reviewed' and a new "
        "'next_checkpoint'",
    ]


def test_checkpoint_month_is_not_past_before_its_last_day(seeds_in):
    assert problems_of(seeds_in(), today=date(2030, 1, 31)) == []


# --- Every problem at once; briefings split over files ------------------------------------

def test_every_problem_of_a_file_is_reported_at_once(seeds_in):
    facts = edit("facts", "    currency: USD\n", "")
    facts = facts.replace("    value: 2016\n", "    value: 2016-02-30\n")
    facts = facts.replace("    value: Sam Example\n", "    value: Sam Example\n    age: 40\n")
    assert problems_of(seeds_in(facts=facts)) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: 'currency' is required for a money value",
        "seeds/mini/facts.yaml:13: facts[founded].value: impossible date '2016-02-30': "
        "February 2016 has no day 30",
        "seeds/mini/facts.yaml:22: facts[founder].age: unknown key 'age' (expected one of: as_of, "
        "citations, derivation, derived_from, horizon, id, kind, label, note, status, value)",
    ]


def test_every_problem_of_every_file_is_reported_at_once(seeds_in):
    seeds = seeds_in(
        events=edit("events", "facts: [deal.amount]", "facts: [deal.amout]"),
        watchlist=MINIMAL["watchlist"].replace("evidence: [deal.amount]", "evidence: [revenue]", 1),
        briefing=edit("briefing", "key_figures: [deal.amount]", "key_figures: [staff]"),
    )
    assert problems_of(seeds) == [
        "seeds/mini/briefing.yaml:8: briefing.key_figures: unknown fact 'staff'",
        "seeds/mini/events.yaml:6: events[raise].facts: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
        "seeds/mini/watchlist.yaml:10: watchlist[first].evidence: unknown fact 'revenue'",
    ]


def test_briefing_split_over_two_files_merges_its_lists(seeds_in):
    seeds = seeds_in(
        watchlist=_watchlist("first", "second", "third"),
        more_watchlist=_watchlist("fourth", "fifth"),
        more_facts="facts:\n" + textwrap.indent(textwrap.dedent(RUMOURED_AMOUNT), "  "),
    )
    briefings, problems = load_briefings(seeds)
    assert problems.items == []
    briefing = briefings[0]
    assert [fact.id for fact in briefing.facts] == ["deal.amount", "founded", "founder", "deal.amount-rumour"]
    assert [indicator.id for indicator in briefing.watchlist] == ["fourth", "fifth", "first", "second", "third"]
    assert briefing.fact("deal.amount-rumour").file.endswith("more_facts.yaml")


def test_errors_in_the_second_file_of_a_section_name_that_file(seeds_in):
    seeds = seeds_in(more_facts="facts:\n  - just text\n")
    assert problems_of(seeds) == ["seeds/mini/more_facts.yaml:2: facts[3]: expected a mapping, got text ('just text')"]


# --- The fixture briefing -----------------------------------------------------------------

def test_fixture_briefing_loads_with_what_it_contains():
    briefings, problems = load_briefings(FIXTURE_SEEDS, today=date(2030, 12, 31))
    assert problems.items == []
    (acme,) = briefings
    assert acme.id == "acme-robotics"
    assert acme.briefing.languages == ["fr", "en"]
    assert (len(acme.sources), len(acme.facts), len(acme.events), len(acme.conflicts),
            len(acme.corrections), len(acme.watchlist)) == (2, 16, 5, 1, 1, 5)
    assert {fact.kind for fact in acme.facts} == set(FACT_KINDS)
    assert {fact.status for fact in acme.facts} == set(Status)
    dates = [fact.value for fact in acme.facts if fact.kind == "date"]
    assert [d.precision for d in dates] == ["year", "season", "month", "day"]
    assert acme.conflicts[0].facts == ["deal.amount", "deal.amount-gazette"]
    assert acme.corrections_of("acme.founder")[0].says == "Ada Moreaux"
    assert acme.fact("founders.stake").derived_from == ["globex.stake"]
    assert [leader.current for leader in acme.profile.leadership] == [False, True]
    assert [event.id for event in acme.timeline()] == [
        "founding", "first-product", "series-a", "deal-announced", "deal-closed"]
    probe = acme.fact("acme.html-probe").value
    assert probe["en"] == '<script>alert("x")</script> & <b>bold</b>'
    assert probe["fr"] == '<script>alert("x")</script> & <b>gras</b>'


# --- Editorial rules: quoted facts, permanent anchors, places in a source ----------------------

def test_a_text_quoting_an_unknown_fact_is_an_error_at_its_line(seeds_in):
    seeds = seeds_in(events=edit("events", "summary: {fr: Mini Corp lève des fonds., en: Mini Corp raises money.}",
                                 "summary:\n      fr: Mini Corp lève {deal.amout}.\n      en: Mini Corp raises {deal.amount}."))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:6: events[raise].summary.fr: '{deal.amout}' quotes an unknown fact; "
        "did you mean 'deal.amount'?",
    ]


def test_two_facts_sharing_a_permanent_anchor_is_an_error(seeds_in):
    twin = textwrap.dedent(MINIMAL["facts"]).replace("  - id: founded\n", "  - id: deal_amount\n")
    seeds = seeds_in(facts=twin)
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:11: facts[deal_amount].id: 'deal_amount' and 'deal.amount' "
        "(seeds/mini/facts.yaml:2) would share the permanent anchor #f-deal-amount ('.' and '_' "
        "both become '-'): rename one",
        "seeds/mini/profile.yaml:4: profile.founded: unknown fact 'founded'; did you mean 'founder'?",
    ]


def test_a_place_in_a_source_must_use_the_locator_words(seeds_in):
    seeds = seeds_in(facts=edit("facts", 'where: "§2"}\n  - id: founder', 'where: "chapeau"}\n  - id: founder'))
    (problem,) = problems_of(seeds)
    assert problem.startswith("seeds/mini/facts.yaml:18: facts[founded].citations[0].where: unknown place "
                              "'chapeau' in 'chapeau': write one of title, subtitle, standfirst, dateline, "
                              "footer, intro, 'section « Heading »'")


def test_a_negative_percentage_must_be_a_change(seeds_in):
    share = ("- id: stake\n  kind: percentage\n  label: {fr: Variation, en: Move}\n  value: -1.5\n"
             "  as_of: 2025-06\n  status: reported\n  citations:\n    - {source: release, where: \"§1\"}\n")
    assert problems_of(seeds_in(facts=with_fact(share))) == [
        "seeds/mini/facts.yaml:30: facts[stake].value: a percentage must be between 0 and 100, got -1.5 "
        "(for a move up or down, add 'change: true')",
    ]
    assert problems_of(seeds_in(facts=with_fact(share.replace("  value: -1.5\n", "  value: -1.5\n  change: true\n")))) == []


def test_only_a_projection_has_a_horizon(seeds_in):
    facts = edit("facts", "    as_of: 2016\n", "    as_of: 2016\n    horizon: 2030\n")
    assert problems_of(seeds_in(facts=facts)) == [
        "seeds/mini/facts.yaml:16: facts[founded].horizon: only a projection has a horizon (the date it "
        "is about); set 'status: projection' or remove 'horizon'",
    ]
