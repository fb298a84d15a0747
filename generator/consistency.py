"""The fact base's cross-record rules: ids are unique, references resolve, texts exist in every
language, derived and corrected facts say where they come from, checkpoints are not past.

Run by the check phase on every briefing the schema accepted; each problem names its file,
line and field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Iterable

from .briefing import Briefing
from .facts import Status, fact_anchor, quoted_facts
from .problems import Problems, did_you_mean, display_path, language_name
from .records import Record, localized_texts, record_name
from .watchlist import WATCHLIST_SIZE


def check_consistency(briefing: Briefing, problems: Problems, today: date | None) -> None:
    """Every cross-record rule of the schema, each problem with its file, line and field."""
    languages = briefing.briefing.languages
    _check_unique(problems, "sources", briefing.sources)
    _check_unique(problems, "facts", briefing.facts)
    for name in ("conflicts", "corrections", "events", "watchlist", "updates"):
        _check_unique(problems, name, getattr(briefing, name))
    _check_unique(problems, "profile.rounds", briefing.profile.rounds)

    source_ids = {s.id for s in briefing.sources}
    fact_ids = {f.id for f in briefing.facts}

    def known_source(record: Record, field: str, source_id: str, key: str = "source") -> None:
        if source_id not in source_ids:
            problems.error(record.file, record.line_of(key), field,
                           f"unknown source '{source_id}'{did_you_mean(source_id, source_ids)}")

    def known_fact(record: Record, field: str, fact_id: str, key: str, kind: str | None = None) -> None:
        if fact_id not in fact_ids:
            problems.error(record.file, record.line_of(key, fact_id), field,
                           f"unknown fact '{fact_id}'{did_you_mean(fact_id, fact_ids)}")
        elif kind and briefing.fact(fact_id).kind != kind:
            problems.error(record.file, record.line_of(key, fact_id), field,
                           f"fact '{fact_id}' is a {briefing.fact(fact_id).kind}, expected a {kind}")

    for name, record in _records(briefing):
        for citation in getattr(record, "citations", []) or []:
            known_source(citation, f"{name}.citations", citation.source)

    for fact in briefing.facts:
        name = f"facts[{fact.id}]"
        for ref in fact.derived_from:
            known_fact(fact, f"{name}.derived_from", ref, "derived_from")
        if fact.status == Status.derived and not (fact.derived_from and fact.derivation):
            problems.error(fact.file, fact.line_of("status"), f"{name}.status",
                           "a derived fact needs 'derived_from' (the facts it follows from) and "
                           "'derivation' (how)")
        if fact.status == Status.corrected and not briefing.corrections_of(fact.id):
            problems.error(fact.file, fact.line_of("status"), f"{name}.status",
                           "a corrected fact needs an entry in 'corrections' whose 'fact' is this id")
        if fact.kind == "money":
            _check_currency(fact, name, problems)
        if fact.kind == "percentage" and fact.value < 0 and not fact.change:
            problems.error(fact.file, fact.line_of("value"), f"{name}.value",
                           f"a percentage must be between 0 and 100, got {fact.value} (for a move "
                           "up or down, add 'change: true')")
        if fact.horizon is not None and fact.status != Status.projection:
            problems.error(fact.file, fact.line_of("horizon"), f"{name}.horizon",
                           "only a projection has a horizon (the date it is about); "
                           "set 'status: projection' or remove 'horizon'")
        upper = getattr(fact, "upper", None)
        if upper is not None and fact.qualifier not in (None, "about"):
            problems.error(fact.file, fact.line_of("qualifier"), f"{name}.qualifier",
                           f"a range ('upper') reads only as 'about' a range, not '{fact.qualifier}': "
                           "give a bound alone (more_than, at_least...) or an approximate range (about)")
        if upper is not None and upper < fact.value:
            # Written out in full: Decimal would print 10e6 as 1.0E+7.
            problems.error(fact.file, fact.line_of("upper"), f"{name}.upper",
                           f"the upper bound {Decimal(upper):f} is below the value {Decimal(fact.value):f}")

    anchors: dict[str, Record] = {}
    for fact in briefing.facts:
        anchor = fact_anchor(fact.id)
        if anchor in anchors and anchors[anchor].id != fact.id:
            first = anchors[anchor]
            problems.error(fact.file, fact.line_of("id"), f"facts[{fact.id}].id",
                           f"'{fact.id}' and '{first.id}' ({display_path(first.file)}:{first.line_of('id')}) "
                           f"would share the permanent anchor #{anchor} ('.' and '_' both become '-'): "
                           "rename one")
        anchors.setdefault(anchor, fact)

    for conflict in briefing.conflicts:
        name = f"conflicts[{conflict.id}]"
        for ref in conflict.facts:
            known_fact(conflict, f"{name}.facts", ref, "facts")
        if conflict.preferred not in conflict.facts:
            problems.error(conflict.file, conflict.line_of("preferred"), f"{name}.preferred",
                           f"'{conflict.preferred}' is not one of this conflict's facts "
                           f"({', '.join(conflict.facts)})")
        kinds = {briefing.fact(r).kind for r in conflict.facts if r in fact_ids}
        if len(kinds) > 1:
            problems.error(conflict.file, conflict.line_of("facts"), f"{name}.facts",
                           f"conflicting facts must be of one kind, got {', '.join(sorted(kinds))}")

    for correction in briefing.corrections:
        name = f"corrections[{correction.id}]"
        known_source(correction, f"{name}.source", correction.source)
        if correction.fact is not None:
            known_fact(correction, f"{name}.fact", correction.fact, "fact")

    for event in briefing.events:
        for ref in event.facts:
            known_fact(event, f"events[{event.id}].facts", ref, "facts")

    if len(briefing.watchlist) != WATCHLIST_SIZE:
        problems.error(briefing.file_of("watchlist"), briefing.line_of("watchlist"), "watchlist",
                       f"expected exactly {WATCHLIST_SIZE} indicators, got {len(briefing.watchlist)}")
    for indicator in briefing.watchlist:
        name = f"watchlist[{indicator.id}]"
        for ref in indicator.evidence:
            known_fact(indicator, f"{name}.evidence", ref, "evidence")
        for index, review in enumerate(indicator.history):
            for ref in review.evidence:
                known_fact(review, f"{name}.history[{index}].evidence", ref, "evidence")
            if review.reviewed.sort_key >= indicator.last_reviewed.sort_key:
                problems.error(review.file, review.line_of("reviewed"), f"{name}.history[{index}].reviewed",
                               f"an earlier review must predate the current one (last_reviewed "
                               f"{indicator.last_reviewed}); got {review.reviewed}")
        if today and indicator.overdue(today):
            problems.warn(indicator.file, indicator.line_of("next_checkpoint"),
                          f"{name}.next_checkpoint",
                          f"checkpoint {indicator.next_checkpoint} is past (today is {today.isoformat()}): "
                          "review the reading, then set 'last_reviewed' and a new 'next_checkpoint'")

    event_ids = {event.id for event in briefing.events}
    for update in briefing.updates:
        name = f"updates[{update.id}]"
        for ref in update.facts:
            known_fact(update, f"{name}.facts", ref, "facts")
        for ref in update.events:
            if ref not in event_ids:
                problems.error(update.file, update.line_of("events", ref), f"{name}.events",
                               f"unknown event '{ref}'{did_you_mean(ref, event_ids)}")
        if today and update.date.sort_key > (today.year, today.month, today.day):
            problems.warn(update.file, update.line_of("date"), f"{name}.date",
                          f"dated {update.date}, after today ({today.isoformat()}): is the date right?")

    meta, profile = briefing.briefing, briefing.profile
    for ref in meta.key_figures:
        known_fact(meta, "briefing.key_figures", ref, "key_figures")
    _check_unique(problems, "briefing.sections", meta.sections)
    for section in meta.sections:
        for ref in section.facts:
            known_fact(section, f"briefing.sections[{section.id}].facts", ref, "facts")
    known_fact(profile, "profile.founded", profile.founded, "founded", kind="date")
    for ref in profile.figures:
        known_fact(profile, "profile.figures", ref, "figures")
    for leader in profile.leadership:
        known_fact(leader, "profile.leadership.person", leader.person, "person", kind="person")
    for round_ in profile.rounds:
        for key in ("amount", "valuation"):
            if getattr(round_, key):
                known_fact(round_, f"profile.rounds[{round_.id}].{key}", getattr(round_, key), key, kind="money")
    for section in ("ownership", "products", "contracts", "partnerships", "acquisitions"):
        for item in getattr(profile, section):
            for ref in item.facts:
                known_fact(item, f"profile.{section}[{record_name(item)}].facts", ref, "facts")

    for name, text, line in localized_texts(briefing):
        file = text.file or briefing.file
        for language, value in text.root.items():
            for ref in quoted_facts(value):
                if ref not in fact_ids:
                    problems.error(file, text.line_of(language), f"{name}.{language}",
                                   f"'{{{ref}}}' quotes an unknown fact{did_you_mean(ref, fact_ids)}")
        for language in languages:
            if language not in text.root:
                problems.error(file, line, name, f"missing the {language_name(language)} text ('{language}')")
            elif not text[language].strip():
                problems.error(file, text.line_of(language), f"{name}.{language}",
                               f"the {language_name(language)} text ('{language}') is empty")
        for language in text.root:
            if language not in languages:
                problems.error(file, text.line_of(language), f"{name}.{language}",
                               f"'{language}' is not a language of this briefing "
                               f"({', '.join(languages)})")


def _check_unique(problems: Problems, section: str, records: Iterable[Record]) -> None:
    seen: dict[str, Record] = {}
    for record in records:
        record_id = getattr(record, "id")
        if record_id in seen:
            first = seen[record_id]
            problems.error(record.file, record.line_of("id"), f"{section}[{record_id}].id",
                           f"duplicate id '{record_id}' (first defined at {display_path(first.file)}:{first.line_of('id')})")
        else:
            seen[record_id] = record


def _check_currency(fact: Any, name: str, problems: Problems) -> None:
    from babel.numbers import list_currencies

    if fact.currency not in list_currencies():
        problems.error(fact.file, fact.line_of("currency"), f"{name}.currency",
                       f"unknown currency '{fact.currency}' (expected an ISO 4217 code such as USD)")


def _records(briefing: Briefing) -> Iterable[tuple[str, Record]]:
    """Every record that carries citations, with a field name for messages."""
    for fact in briefing.facts:
        yield f"facts[{fact.id}]", fact
    for event in briefing.events:
        yield f"events[{event.id}]", event
    profile = briefing.profile
    for leader in profile.leadership:
        yield f"profile.leadership[{leader.person}]", leader
    for round_ in profile.rounds:
        yield f"profile.rounds[{round_.id}]", round_
    for section in ("ownership", "products", "contracts", "partnerships", "acquisitions"):
        for item in getattr(profile, section):
            yield f"profile.{section}[{record_name(item)}]", item
