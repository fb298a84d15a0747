"""A whole briefing's lookups: conflicts and their span, corrections, the watchlist's reviews and
checkpoints, the timeline's order, the facts a source supports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.dates import PartialDate


@pytest.fixture(scope="module")
def acme(load_facts, fixture_seeds):
    briefings, problems = load_facts(fixture_seeds)
    assert not problems, [str(p) for p in problems.items]
    return briefings[0]


def test_overdue_indicators_are_listed_oldest_checkpoint_first(acme):
    # Checkpoints, in file order: 2031-03, 2031-spring, 2031, 2031-06-30, 2031-09-15.
    assert acme.overdue(date(2026, 12, 1)) == []
    assert [i.id for i in acme.overdue(date(2031, 7, 1))] == ["integration", "headcount", "founders-exit"]
    assert [i.id for i in acme.overdue(date(2032, 1, 1))] == [
        "integration", "headcount", "founders-exit", "customers", "revenue-target"]


def test_a_checkpoint_is_overdue_only_once_the_last_day_it_stands_for_is_past(acme):
    integration = next(i for i in acme.watchlist if i.id == "integration")  # 2031-03
    assert not integration.overdue(date(2031, 3, 31))
    assert integration.overdue(date(2031, 4, 1))


def test_a_conflicts_span_runs_from_the_lowest_to_the_highest_value(acme):
    assert acme.conflict_of("deal.amount").id == acme.conflict_of("deal.amount-gazette").id == "deal.price"
    assert acme.conflict_span("deal.amount") == (Decimal("1.2e9"), Decimal("1500000000"))
    assert acme.conflict_span("deal.amount-gazette") == acme.conflict_span("deal.amount")
    assert acme.conflict_of("globex.stake") is None and acme.conflict_span("globex.stake") is None


def test_the_span_reaches_a_ranges_upper_bound(seeds_in, with_fact, load_facts):
    facts = with_fact("""\
        - id: deal.range
          kind: money
          label: {fr: Autre montant, en: Other amount}
          value: 8e6
          upper: 12e6
          currency: USD
          as_of: 2025-06
          status: estimate
          citations:
            - {source: release, where: "§3"}
        """)
    conflicts = """\
        conflicts:
          - id: amount
            topic: {fr: Le montant, en: The amount}
            facts: [deal.amount, deal.range]
            preferred: deal.amount
            reason: {fr: Le communiqué est exact., en: The release is exact.}
        """
    briefings, problems = load_facts(seeds_in(facts=facts, conflicts=conflicts))
    assert not problems, [str(p) for p in problems.items]
    assert briefings[0].conflict_span("deal.amount") == (Decimal("8e6"), Decimal("12e6"))


def test_the_last_review_is_the_latest_of_the_indicators_reviews(seeds_in, load_facts, minimal):
    watchlist = minimal["watchlist"].replace("last_reviewed: 2025-06-01", "last_reviewed: 2025-summer", 1)
    watchlist = watchlist.replace("last_reviewed: 2025-06-01", "last_reviewed: 2025-07", 1)
    watchlist = watchlist.replace("last_reviewed: 2025-06-01", "last_reviewed: 2024", 1)
    briefings, _ = load_facts(seeds_in(watchlist=watchlist))
    assert [str(i.last_reviewed) for i in briefings[0].watchlist] == [
        "2025-summer", "2025-07", "2024", "2025-06-01", "2025-06-01"]
    assert briefings[0].last_review() == PartialDate(2025, 7)


def test_the_timeline_is_in_date_order_whatever_the_precision(seeds_in, load_facts):
    def event(name: str, when: str) -> str:
        return (f"  - id: {name}\n    date: {when}\n    title: {{fr: T, en: T}}\n    summary: {{fr: S, en: S}}\n"
                f"    citations: [{{source: release, where: \"§1\"}}]\n")

    events = "events:\n" + "".join(event(name, when) for name, when in [
        ("closing", "2025-09-15"), ("founding", "2016"), ("summer", "2025-summer"),
        ("june", "2025-06"), ("winter", "2024-winter"), ("new-year", "2025-01-02")])
    briefings, _ = load_facts(seeds_in(events=events))
    # June and summer start together: they keep their file order.
    assert [e.id for e in briefings[0].timeline()] == ["founding", "winter", "new-year", "summer", "june", "closing"]


def test_the_facts_a_source_supports_and_the_corrections_of_a_fact(acme):
    assert [f.id for f in acme.supported_by("gazette-article")] == [
        "acme.first-product", "deal.closed", "series-a.amount", "deal.amount-gazette", "globex.stake",
        "acme.ceo", "globex.outlook"]
    assert acme.supported_by("nobody") == []
    assert [c.id for c in acme.corrections_of("acme.founder")] == ["gazette.founder-name"]
    assert acme.corrections_of("acme.ceo") == []
    assert acme.source("globex-release").outlet == "Globex Newsroom"
    assert acme.has_fact("deal.amount") and not acme.has_fact("deal.amout")
    with pytest.raises(KeyError):
        acme.fact("deal.amout")
