"""The fact base's consistency: references, translations, watchlist, editorial rules; each
problem gets one exact message, ``path:line: field: message``.

Every test writes the minimal valid briefing (``fixtures/minimal/``, one file per section) and
breaks one thing in it; line numbers refer to the file the test rewrites.
"""

from __future__ import annotations

import textwrap
from datetime import date

# --- Consistency: ids and references ------------------------------------------------------

def test_duplicate_id_names_the_first_definition(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "id: founded", "id: deal.amount"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:11: facts[deal.amount].id: duplicate id 'deal.amount' "
        "(first defined at seeds/mini/facts.yaml:2)",
        "seeds/mini/profile.yaml:4: profile.founded: unknown fact 'founded'; did you mean 'founder'?",
    ]


def test_duplicate_id_across_files(seeds_in, problems_of):
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


def test_citation_of_an_unknown_source(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", '{source: release, where: "§1"}', '{source: relase, where: "§1"}'))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:10: facts[deal.amount].citations: unknown source 'relase'; did you mean 'release'?",
    ]


def test_event_refers_to_an_unknown_fact(seeds_in, problems_of, edit):
    assert problems_of(seeds_in(events=edit("events", "facts: [deal.amount]", "facts: [deal.amout]"))) == [
        "seeds/mini/events.yaml:6: events[raise].facts: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
    ]


def test_an_unknown_fact_in_a_block_list_is_reported_at_its_own_line(seeds_in, problems_of, edit):
    seeds = seeds_in(events=edit("events", "facts: [deal.amount]", "facts:\n      - deal.amount\n      - deal.amout"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:8: events[raise].facts: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
    ]


def test_watchlist_evidence_refers_to_an_unknown_fact(seeds_in, problems_of, minimal):
    seeds = seeds_in(watchlist=minimal["watchlist"].replace("evidence: [deal.amount]", "evidence: [revenue]", 1))
    assert problems_of(seeds) == [
        "seeds/mini/watchlist.yaml:10: watchlist[first].evidence: unknown fact 'revenue'",
    ]


def test_key_figure_refers_to_an_unknown_fact(seeds_in, problems_of, edit):
    seeds = seeds_in(briefing=edit("briefing", "key_figures: [deal.amount]", "key_figures: [deal.amount, deal.amout]"))
    assert problems_of(seeds) == [
        "seeds/mini/briefing.yaml:8: briefing.key_figures: unknown fact 'deal.amout'; did you mean 'deal.amount'?",
    ]


def test_profile_refers_to_a_fact_of_the_wrong_kind(seeds_in, problems_of, edit):
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


def test_a_valid_conflict(seeds_in, problems_of, with_fact):
    assert problems_of(seeds_in(conflicts=CONFLICT, facts=with_fact(RUMOURED_AMOUNT))) == []


def test_conflict_refers_to_an_unknown_fact(seeds_in, problems_of):
    assert problems_of(seeds_in(conflicts=CONFLICT)) == [
        "seeds/mini/conflicts.yaml:4: conflicts[amount].facts: unknown fact 'deal.amount-rumour'; "
        "did you mean 'deal.amount'?",
    ]


def test_conflict_whose_preferred_fact_is_not_among_its_facts(seeds_in, problems_of, with_fact):
    seeds = seeds_in(conflicts=CONFLICT.replace("preferred: deal.amount", "preferred: founder"),
                     facts=with_fact(RUMOURED_AMOUNT))
    assert problems_of(seeds) == [
        "seeds/mini/conflicts.yaml:5: conflicts[amount].preferred: 'founder' is not one of this "
        "conflict's facts (deal.amount, deal.amount-rumour)",
    ]


def test_conflicting_facts_of_different_kinds(seeds_in, problems_of):
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


def test_derived_fact_without_derived_from(seeds_in, problems_of, with_fact):
    assert problems_of(seeds_in(facts=with_fact(DERIVED))) == [
        "seeds/mini/facts.yaml:32: facts[founder.share].status: a derived fact needs 'derived_from' "
        "(the facts it follows from) and 'derivation' (how)",
    ]


def test_derived_fact_from_an_unknown_fact(seeds_in, problems_of, with_fact):
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


def test_corrected_fact_without_its_correction(seeds_in, problems_of, with_fact):
    assert problems_of(seeds_in(facts=with_fact(CORRECTED))) == [
        "seeds/mini/facts.yaml:32: facts[ceo].status: a corrected fact needs an entry in "
        "'corrections' whose 'fact' is this id",
    ]


def test_corrected_fact_with_its_correction(seeds_in, problems_of, with_fact):
    assert problems_of(seeds_in(facts=with_fact(CORRECTED), corrections=CORRECTION)) == []


def test_correction_of_an_unknown_source_and_fact(seeds_in, problems_of):
    seeds = seeds_in(corrections=CORRECTION.replace("source: release", "source: blog"))
    assert problems_of(seeds) == [
        "seeds/mini/corrections.yaml:3: corrections[ceo-name].source: unknown source 'blog'",
        "seeds/mini/corrections.yaml:7: corrections[ceo-name].fact: unknown fact 'ceo'",
    ]


# --- Consistency: languages -----------------------------------------------------------------

def test_text_missing_its_english_version(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", "label: {fr: Montant levé, en: Amount raised}", "label: {fr: Montant levé}"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:4: facts[deal.amount].label: missing the English text ('en')",
    ]


def test_text_missing_its_french_version_is_reported_at_its_key(seeds_in, problems_of, edit):
    seeds = seeds_in(events=edit("events", "    summary: {fr: Mini Corp lève des fonds., en: Mini Corp raises money.}\n",
                                 "    summary:\n      en: Mini Corp raises money.\n"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:5: events[raise].summary: missing the French text ('fr')",
    ]


def test_empty_french_text_is_reported_at_its_line(seeds_in, problems_of, edit):
    seeds = seeds_in(events=edit("events", "    summary: {fr: Mini Corp lève des fonds., en: Mini Corp raises money.}\n",
                                 "    summary:\n      en: Mini Corp raises money.\n      fr: ' '\n"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:7: events[raise].summary.fr: the French text ('fr') is empty",
    ]


def test_text_in_a_language_the_briefing_does_not_have(seeds_in, problems_of, edit):
    seeds = seeds_in(events=edit("events", "title: {fr: Levée, en: Raise}", "title: {fr: Levée, en: Raise, de: Kapital}"))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:4: events[raise].title.de: 'de' is not a language of this briefing (fr, en)",
    ]


def test_watchlist_of_four_indicators(seeds_in, problems_of, watchlist_of):
    seeds = seeds_in(watchlist=watchlist_of("first", "second", "third", "fourth"))
    assert problems_of(seeds) == ["seeds/mini/watchlist.yaml:1: watchlist: expected exactly 5 indicators, got 4"]


def test_watchlist_of_six_indicators(seeds_in, problems_of, watchlist_of):
    six = watchlist_of("first", "second", "third", "fourth", "fifth") + watchlist_of("fifth").replace(
        "watchlist:\n", "").replace("id: fifth", "id: sixth")
    assert problems_of(seeds_in(watchlist=six)) == [
        "seeds/mini/watchlist.yaml:1: watchlist: expected exactly 5 indicators, got 6",
    ]


def test_past_checkpoint_is_a_warning(seeds_in, load_facts):
    _, problems = load_facts(seeds_in(), today=date(2030, 2, 1))
    assert problems.errors == []
    assert [str(warning) for warning in problems.warnings] == [
        "seeds/mini/watchlist.yaml:9: watchlist[first].next_checkpoint: warning: checkpoint 2030-01 "
        "is past (today is 2030-02-01): review the reading, then set 'last_reviewed' and a new "
        "'next_checkpoint'",
    ]


def test_checkpoint_month_is_not_past_before_its_last_day(seeds_in, problems_of):
    assert problems_of(seeds_in(), today=date(2030, 1, 31)) == []


def test_briefing_split_over_two_files_merges_its_lists(seeds_in, watchlist_of, load_facts):
    seeds = seeds_in(
        watchlist=watchlist_of("first", "second", "third"),
        more_watchlist=watchlist_of("fourth", "fifth"),
        more_facts="facts:\n" + textwrap.indent(textwrap.dedent(RUMOURED_AMOUNT), "  "),
    )
    briefings, problems = load_facts(seeds)
    assert problems.items == []
    briefing = briefings[0]
    assert [fact.id for fact in briefing.facts] == ["deal.amount", "founded", "founder", "deal.amount-rumour"]
    assert [indicator.id for indicator in briefing.watchlist] == ["fourth", "fifth", "first", "second", "third"]
    assert briefing.fact("deal.amount-rumour").file.endswith("more_facts.yaml")


# --- Editorial rules: quoted facts, permanent anchors, places in a source ----------------------

def test_a_text_quoting_an_unknown_fact_is_an_error_at_its_line(seeds_in, problems_of, edit):
    seeds = seeds_in(events=edit("events", "summary: {fr: Mini Corp lève des fonds., en: Mini Corp raises money.}",
                                 "summary:\n      fr: Mini Corp lève {deal.amout}.\n      en: Mini Corp raises {deal.amount}."))
    assert problems_of(seeds) == [
        "seeds/mini/events.yaml:6: events[raise].summary.fr: '{deal.amout}' quotes an unknown fact; "
        "did you mean 'deal.amount'?",
    ]


def test_two_facts_sharing_a_permanent_anchor_is_an_error(seeds_in, problems_of, minimal):
    twin = textwrap.dedent(minimal["facts"]).replace("  - id: founded\n", "  - id: deal_amount\n")
    seeds = seeds_in(facts=twin)
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:11: facts[deal_amount].id: 'deal_amount' and 'deal.amount' "
        "(seeds/mini/facts.yaml:2) would share the permanent anchor #f-deal-amount ('.' and '_' "
        "both become '-'): rename one",
        "seeds/mini/profile.yaml:4: profile.founded: unknown fact 'founded'; did you mean 'founder'?",
    ]


def test_a_place_in_a_source_must_use_the_locator_words(seeds_in, problems_of, edit):
    seeds = seeds_in(facts=edit("facts", 'where: "§2"}\n  - id: founder', 'where: "chapeau"}\n  - id: founder'))
    (problem,) = problems_of(seeds)
    assert problem.startswith("seeds/mini/facts.yaml:18: facts[founded].citations[0].where: unknown place "
                              "'chapeau' in 'chapeau': write one of title, subtitle, standfirst, dateline, "
                              "footer, intro, 'section « Heading »'")


def test_a_negative_percentage_must_be_a_change(seeds_in, problems_of, with_fact):
    share = ("- id: stake\n  kind: percentage\n  label: {fr: Variation, en: Move}\n  value: -1.5\n"
             "  as_of: 2025-06\n  status: reported\n  citations:\n    - {source: release, where: \"§1\"}\n")
    assert problems_of(seeds_in(facts=with_fact(share))) == [
        "seeds/mini/facts.yaml:30: facts[stake].value: a percentage must be between 0 and 100, got -1.5 "
        "(for a move up or down, add 'change: true')",
    ]
    assert problems_of(seeds_in(facts=with_fact(share.replace("  value: -1.5\n", "  value: -1.5\n  change: true\n")))) == []


def test_only_a_projection_has_a_horizon(seeds_in, problems_of, edit):
    facts = edit("facts", "    as_of: 2016\n", "    as_of: 2016\n    horizon: 2030\n")
    assert problems_of(seeds_in(facts=facts)) == [
        "seeds/mini/facts.yaml:16: facts[founded].horizon: only a projection has a horizon (the date it "
        "is about); set 'status: projection' or remove 'horizon'",
    ]



def test_a_range_reads_only_as_about_a_range(seeds_in, problems_of, edit):
    # "more than 10 to 20 million" means nothing; "about 10 to 20 million" does.
    seeds = seeds_in(facts=edit("facts", "    currency: USD\n", "    currency: USD\n    upper: 20e6\n    qualifier: more_than\n"))
    assert problems_of(seeds) == [
        "seeds/mini/facts.yaml:8: facts[deal.amount].qualifier: a range ('upper') reads only as 'about' a range, "
        "not 'more_than': give a bound alone (more_than, at_least...) or an approximate range (about)",
    ]
    assert problems_of(seeds_in(facts=edit("facts", "    currency: USD\n",
                                           "    currency: USD\n    upper: 20e6\n    qualifier: about\n"))) == []


# --- Updates and review history -----------------------------------------------------------

UPDATES = """\
    updates:
      - id: first
        date: 2025-06
        kind: correction
        summary: {fr: "Le montant est corrigé à {deal.amount}.", en: "The amount is corrected to {deal.amount}."}
        facts: [deal.amount, deal.amont]
        events: [raise, rise]
      - id: first
        date: 2027-01
        kind: rumour
        summary: {fr: Plus tard., en: Later.}
    """


def test_updates_name_known_facts_and_events_once_with_a_kind_and_a_plausible_date(seeds_in, problems_of):
    assert problems_of(seeds_in(updates=UPDATES), date(2026, 12, 1)) == [
        "seeds/mini/updates.yaml:10: updates[first].kind: expected one of 'new', 'revised' or 'correction', got text ('rumour')"]
    assert problems_of(seeds_in(updates=UPDATES.replace("rumour", "new")), date(2026, 12, 1)) == [
        "seeds/mini/updates.yaml:6: updates[first].facts: unknown fact 'deal.amont'; did you mean 'deal.amount'?",
        "seeds/mini/updates.yaml:7: updates[first].events: unknown event 'rise'; did you mean 'raise'?",
        "seeds/mini/updates.yaml:8: updates[first].id: duplicate id 'first' (first defined at seeds/mini/updates.yaml:2)",
        "seeds/mini/updates.yaml:9: updates[first].date: warning: dated 2027-01, after today (2026-12-01): is the date right?",
    ]


def test_an_earlier_review_predates_the_current_one_and_names_known_facts(seeds_in, problems_of, minimal):
    watchlist = minimal["watchlist"].replace("""    evidence: [deal.amount]
  - id: second""", """    evidence: [deal.amount]
    history:
      - {reviewed: 2025-01, level: moderate, reading: {fr: Avant., en: Before.}, evidence: [deal.amont]}
      - {reviewed: 2025-06-01, level: high, reading: {fr: Même jour., en: Same day.}}
  - id: second""", 1)
    assert problems_of(seeds_in(watchlist=watchlist)) == [
        "seeds/mini/watchlist.yaml:12: watchlist[first].history[0].evidence: unknown fact 'deal.amont'; did you mean 'deal.amount'?",
        "seeds/mini/watchlist.yaml:13: watchlist[first].history[1].reviewed: an earlier review must predate the current one "
        "(last_reviewed 2025-06-01); got 2025-06-01",
    ]
