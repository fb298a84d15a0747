"""Reading the fact base: each file, syntax error and shape error gets one exact message,
``path:line: field: message``.

Every test writes the minimal valid briefing (``fixtures/minimal/``, one file per section) and
breaks one thing in it; line numbers refer to the file the test rewrites.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.facts import FACT_KINDS, Status
from generator.dates import PartialDate

MONEY_FACT_KEYS = ("as_of, change, citations, currency, derivation, derived_from, horizon, id, kind, "
                   "label, note, qualifier, status, upper, value")


def test_the_minimal_briefing_is_valid(seeds_in, with_fact, load_facts):
    briefings, problems = load_facts(seeds_in())
    assert problems.items == []
    assert [briefing.id for briefing in briefings] == ["mini"]
    assert with_fact("- id: x\n").splitlines()[26] == "  - id: x"  # with_fact's line 27


# --- YAML syntax and files ------------------------------------------------------------------

def test_syntax_error_is_the_only_problem_reported_for_its_briefing(seeds_in, problems_of, edit):
    # The 'facts' section is in the broken file: it must not also be reported as missing,
    # nor must the facts it defines be reported as unknown where they are referred to.
    seeds = seeds_in(facts=edit("facts", "    kind: money\n", "    kind: [money\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:4: (yaml): YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 3)",
    ]


def test_shape_errors_of_other_files_are_still_reported_next_to_a_syntax_error(seeds_in, problems_of, edit):
    seeds = seeds_in(facts="facts: [\n", events=edit("events", "date: 2025-06-01", "date: 2025-13"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:3: events[raise].date: impossible date '2025-13': there is no month 13",
        "seeds/mini/facts.yaml:2: (yaml): YAML syntax error: expected the node content, but found "
        "'<stream end>' (while parsing a flow node)",
    ]


def test_empty_file(seeds_in, problems_of):
    assert problems_of(seeds_in(facts="")) == [
        "seeds/mini/facts.yaml:1: (file): the file is empty; expected a mapping of sections "
        "(for example 'facts:' followed by a list)",
    ]


def test_file_not_in_utf8(seeds_in, problems_of, edit):
    latin1 = edit("events", "Levée", "Levée").encode("latin-1")
    assert problems_of(seeds_in(events=latin1)) == [
        "seeds/mini/events.yaml:4: (file): not valid UTF-8 (byte 0xE9 at offset 62); save the file as UTF-8",
    ]


def test_key_given_twice(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    currency: USD\n    currency: EUR\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].currency: key 'currency' is given twice in "
        "the same mapping (first at line 6)",
    ]


def test_unknown_section(seeds_in, problems_of, edit):
    seeds = seeds_in(events=edit("events", "events:", "event:"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:1: event: unknown section 'event' (expected one of: briefing, "
        "profile, sources, facts, conflicts, corrections, events, watchlist, updates); did you mean 'events'?",
    ]


def test_missing_section(seeds_in, problems_of):
    assert problems_of(seeds_in(watchlist=None)) == [
        "seeds/mini/briefing.yaml:1: watchlist: required section 'watchlist' is missing "
        "(add it to one of the briefing's YAML files)",
    ]


def test_section_that_is_not_a_list(seeds_in, problems_of):
    assert problems_of(seeds_in(events="\nevents:\n")) == [
        "seeds/mini/events.yaml:2: events: expected a list, got nothing (null)",
    ]


def test_briefing_folder_without_yaml(seeds_in, tmp_path, problems_of):
    seeds = seeds_in()
    (tmp_path / "seeds" / "other").mkdir()
    assert problems_of(seeds) == ["seeds/other:1: (folder): no YAML file in this briefing folder"]


# --- Shape: keys, types, values -------------------------------------------------------------

def test_unknown_key_suggests_the_key_it_misspells_and_nothing_else(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    curency: USD\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:6: facts[deal.amount].curency: unknown key 'curency' (expected one "
        f"of: {MONEY_FACT_KEYS}); did you mean 'currency'?",
    ]


def test_unknown_key_in_a_citation(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", '{source: release, where: "§1"}', '{source: release, were: "§1"}'))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:10: facts[deal.amount].citations[0].were: unknown key 'were' "
        "(expected one of: source, where); did you mean 'where'?",
    ]


def test_unknown_key_without_a_close_match_still_reports_the_missing_field(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    money: USD\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: 'currency' is required for a money value",
        "seeds/mini/facts.yaml:6: facts[deal.amount].money: unknown key 'money' "
        f"(expected one of: {MONEY_FACT_KEYS})",
    ]


def test_missing_required_field(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "    label: {fr: Montant levé, en: Amount raised}\n", ""))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: required field 'label' is missing",
    ]


def test_money_without_currency(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", ""))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: 'currency' is required for a money value",
    ]


def test_currency_that_is_not_a_code(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(facts=edit("facts", "currency: USD", "currency: dollars"))) == [
        "seeds/mini/facts.yaml:6: facts[deal.amount].currency: currency must be an ISO 4217 code "
        "such as USD or EUR, got text ('dollars')",
    ]


def test_unknown_currency(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(facts=edit("facts", "currency: USD", "currency: XYZ"))) == [
        "seeds/mini/facts.yaml:6: facts[deal.amount].currency: unknown currency 'XYZ' "
        "(expected an ISO 4217 code such as USD)",
    ]


def test_missing_kind(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(facts=edit("facts", "    kind: money\n", ""))) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: required field 'kind' is missing "
        f"(one of: {', '.join(FACT_KINDS)})",
    ]


def test_unknown_kind(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(facts=edit("facts", "kind: money", "kind: cash"))) == [
        "seeds/mini/facts.yaml:2: facts[deal.amount]: unknown kind 'cash' "
        f"(expected one of: {', '.join(FACT_KINDS)})",
    ]


def test_wrong_type_of_value(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(facts=edit("facts", "value: 10e6", "value: ten million"))) == [
        "seeds/mini/facts.yaml:5: facts[deal.amount].value: expected a number, got text ('ten million')",
    ]


def test_text_where_a_mapping_of_languages_is_expected(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "label: {fr: Montant levé, en: Amount raised}", "label: Amount raised"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:4: facts[deal.amount].label: expected a mapping, got text ('Amount raised')",
    ]


def test_text_where_a_list_is_expected(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", '    citations:\n      - {source: release, where: "§1"}\n',
                                "    citations: release\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:9: facts[deal.amount].citations: expected a list, got text ('release')",
    ]


def test_empty_list_of_citations(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", '    citations:\n      - {source: release, where: "§1"}\n',
                                "    citations: []\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:9: facts[deal.amount].citations: expected at least 1 item(s), got 0",
    ]


def test_list_item_that_is_not_a_mapping(seeds_in, problems_of, with_fact):
    assert problems_of(seeds_in(facts=with_fact("- deal.amount\n"))) == [
        "seeds/mini/facts.yaml:27: facts[3]: expected a mapping, got text ('deal.amount')",
    ]


def test_unknown_status(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "USD\n    as_of: 2025-06\n    status: reported",
                                "USD\n    as_of: 2025-06\n    status: rumour"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:8: facts[deal.amount].status: expected one of 'reported', "
        "'estimate', 'projection', 'derived', 'corrected' or 'opinion', got text ('rumour')",
    ]


def test_unknown_qualifier(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    currency: USD\n    qualifier: roughly\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].qualifier: expected one of 'about', "
        "'more_than', 'less_than', 'at_least' or 'up_to', got text ('roughly')",
    ]


def test_invalid_id(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(facts=edit("facts", "id: deal.amount", "id: Deal Amount"))) == [
        "seeds/mini/facts.yaml:2: facts[Deal Amount].id: text ('Deal Amount') is not a valid id "
        "(use lowercase letters, digits, '.', '-', '_')",
    ]


def test_malformed_date(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "USD\n    as_of: 2025-06", "USD\n    as_of: June 2025"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].as_of: malformed date 'June 2025' (expected "
        "YYYY-MM-DD, YYYY-MM, YYYY-season with a season among spring, summer, autumn, winter, or YYYY)",
    ]


def test_impossible_day(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(events=edit("events", "date: 2025-06-01", "date: 2025-02-30"))) == [
        "seeds/mini/events.yaml:3: events[raise].date: impossible date '2025-02-30': "
        "February 2025 has no day 30",
    ]


def test_impossible_month(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "USD\n    as_of: 2025-06", "USD\n    as_of: 2025-13"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].as_of: impossible date '2025-13': there is no month 13",
    ]


def test_percentage_out_of_range(seeds_in, problems_of, with_fact):
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


def test_percentage_range_with_its_upper_bound_out_of_range(seeds_in, problems_of, with_fact):
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


def test_upper_bound_below_the_value(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    currency: USD\n    upper: 5e6\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:7: facts[deal.amount].upper: the upper bound 5000000 is below the value 10000000",
    ]


def test_count_that_is_not_whole(seeds_in, problems_of, with_fact):
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


def test_negative_count(seeds_in, problems_of, with_fact):
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

def test_boolean_field_given_yes(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(profile=edit("profile", "current: true", "current: yes"))) == [
        "seeds/mini/profile.yaml:10: profile.leadership[founder].current: expected true or false, "
        "got text ('yes') (YAML 1.1 words yes/no/on/off are read as text here)",
    ]


def test_boolean_field_given_a_number(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(profile=edit("profile", "current: true", "current: 1"))) == [
        "seeds/mini/profile.yaml:10: profile.leadership[founder].current: expected true or false, "
        "got a number (1)",
    ]


def test_a_person_named_no_stays_a_name(seeds_in, edit, load_facts):
    briefings, problems = load_facts(seeds_in(facts=edit("facts", "value: Sam Example", "value: No")))
    assert problems.items == []
    assert briefings[0].fact("founder").value == "No"


def test_key_on_is_an_unknown_key_not_a_boolean(seeds_in, problems_of, edit):
    # An editor writes 'on:' for the date of an event; YAML 1.1 would have read the key as True.
    seeds = seeds_in(events=edit("events", "    date: 2025-06-01\n", "    on: 2025-06-01\n"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:2: events[raise]: required field 'date' is missing",
        "seeds/mini/events.yaml:3: events[raise].on: unknown key 'on' (expected one of: citations, "
        "date, date_qualifier, facts, id, summary, title)",
    ]


def test_unquoted_dates_become_partial_dates_not_datetimes(seeds_in, load_facts):
    briefings, problems = load_facts(seeds_in())
    assert problems.items == []
    briefing = briefings[0]
    assert briefing.events[0].date == PartialDate(2025, 6, 1)
    assert briefing.fact("deal.amount").as_of == PartialDate(2025, 6)
    assert briefing.fact("founded").value == PartialDate(2016)
    assert briefing.sources[0].published.precision == "day"


def test_date_with_a_time_is_malformed(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(events=edit("events", "date: 2025-06-01", "date: 2025-06-01 10:30:00"))) == [
        "seeds/mini/events.yaml:3: events[raise].date: malformed date '2025-06-01 10:30:00' (expected "
        "YYYY-MM-DD, YYYY-MM, YYYY-season with a season among spring, summer, autumn, winter, or YYYY)",
    ]


# --- Every problem at once; briefings split over files ------------------------------------

def test_every_problem_of_a_file_is_reported_at_once(seeds_in, problems_of, edit):
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


def test_every_problem_of_every_file_is_reported_at_once(seeds_in, problems_of, edit, minimal):
    seeds = seeds_in(
        events=edit("events", "facts: [deal.amount]", "facts: [deal.amout]"),
        watchlist=minimal["watchlist"].replace("evidence: [deal.amount]", "evidence: [revenue]", 1),
        briefing=edit("briefing", "key_figures: [deal.amount]", "key_figures: [staff]"),
    )
    assert problems_of(seeds) == [
        "seeds/mini/briefing.yaml:8: briefing.key_figures: unknown fact 'staff'",
        "seeds/mini/events.yaml:6: events[raise].facts: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
        "seeds/mini/watchlist.yaml:10: watchlist[first].evidence: unknown fact 'revenue'",
    ]


def test_errors_in_the_second_file_of_a_section_name_that_file(seeds_in, problems_of):
    seeds = seeds_in(more_facts="facts:\n  - just text\n")
    assert problems_of(seeds) == ["seeds/mini/more_facts.yaml:2: facts[3]: expected a mapping, got text ('just text')"]


# --- The fixture briefing -----------------------------------------------------------------

def test_fixture_briefing_loads_with_what_it_contains(fixture_seeds, load_facts):
    briefings, problems = load_facts(fixture_seeds, today=date(2030, 12, 31))
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




@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>", "https://x.org/\" onclick=\"x", "ftp://x.org/a"])
def test_a_source_address_that_is_not_http_is_refused(seeds_in, problems_of, edit, url):
    seeds = seeds_in(sources=edit("sources", "    document: release.txt", f"    document: release.txt\n    url: '{url}'"))
    assert problems_of(seeds) == [
        f"seeds/mini/sources.yaml:7: sources[release].url: a source's address must start with http:// or "
        f"https:// (and hold no space or quote), got text ('{url}')"]
