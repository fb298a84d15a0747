"""The facts as data for readers: a JSON file per language (with provenance) and a CSV.

Both are written next to each language's pages (``data/<briefing>.json``, ``data/<briefing>.csv``)
and linked from the sources page. Output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any, Callable

from .facts import Briefing, Localized, PartialDate

DATA_FOLDER = "data"


def data_paths(briefing: Briefing) -> dict[str, str]:
    """Where a briefing's data files go inside a language's docs folder."""
    return {"json": f"{DATA_FOLDER}/{briefing.id}.json", "csv": f"{DATA_FOLDER}/{briefing.id}.csv"}


def _plain(value: Any, language: str | None) -> Any:
    """A model value as JSON: numbers stay numbers, dates ISO-like text, texts in one language."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, Localized):
        return value.get(language) if language else dict(value.root)
    if hasattr(value, "value") and isinstance(getattr(value, "value"), str) and not hasattr(value, "id"):
        return value.value  # enums
    return value


def facts_json(briefing: Briefing, language: str, display: Callable[[Any], str]) -> str:
    """Every fact, source, conflict and correction of a briefing in one language, with provenance."""
    text = lambda value: _plain(value, language)  # noqa: E731
    facts = []
    for fact in briefing.facts:
        conflict = briefing.conflict_of(fact.id)
        facts.append({
            "id": fact.id,
            "kind": fact.kind,
            "label": text(fact.label),
            "value": text(fact.value),
            "display": display(fact),
            "currency": getattr(fact, "currency", None),
            "upper": text(getattr(fact, "upper", None)),
            "qualifier": getattr(fact, "qualifier", None),
            "change": getattr(fact, "change", False),
            "as_of": str(fact.as_of),
            "horizon": text(fact.horizon),
            "status": fact.status.value,
            "citations": [{"source": c.source, "title": briefing.source(c.source).title, "where": text(c.where)}
                          for c in fact.citations],
            "derived_from": fact.derived_from,
            "derivation": text(fact.derivation),
            "note": text(fact.note),
            "conflict": conflict.id if conflict else None,
            "preferred": (conflict.preferred == fact.id) if conflict else None,
        })
    document = {
        "briefing": {"id": briefing.id, "title": text(briefing.briefing.title),
                     "subject": briefing.briefing.subject, "as_of": str(briefing.briefing.as_of),
                     "language": language},
        "sources": [{"id": s.id, "title": s.title, "outlet": s.outlet, "author": s.author,
                     "language": s.language, "published": str(s.published),
                     "published_inferred": text(s.published_inferred), "document": s.document,
                     "url": s.url} for s in briefing.sources],
        "facts": facts,
        "conflicts": [{"id": c.id, "topic": text(c.topic), "facts": c.facts, "preferred": c.preferred,
                       "reason": text(c.reason)} for c in briefing.conflicts],
        "corrections": [{"id": c.id, "source": c.source, "where": text(c.where), "says": c.says,
                         "correct": text(c.correct), "fact": c.fact, "reason": text(c.reason)}
                        for c in briefing.corrections],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def facts_csv(briefing: Briefing, languages: list[str]) -> str:
    """One row per fact: raw value, provenance, and the label in every language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "kind", "value", "upper", "currency", "qualifier", "as_of", "status",
                     "sources", "conflict", *[f"label_{lang}" for lang in languages]])
    for fact in briefing.facts:
        value = _plain(fact.value, languages[0])
        conflict = briefing.conflict_of(fact.id)
        writer.writerow([
            fact.id, fact.kind, value, _plain(getattr(fact, "upper", None), None) or "",
            getattr(fact, "currency", "") or "", getattr(fact, "qualifier", "") or "",
            str(fact.as_of), fact.status.value,
            "; ".join(f"{c.source} ({_plain(c.where, languages[0])})" for c in fact.citations),
            conflict.id if conflict else "",
            *[fact.label.get(lang) for lang in languages],
        ])
    return buffer.getvalue()


def organization_jsonld(briefing: Briefing, language: str, page_url: str) -> dict[str, Any]:
    """schema.org Organization data for the profile page, from the profile's facts."""
    profile = briefing.profile
    founded = briefing.fact(profile.founded)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": profile.name,
        "description": profile.summary.get(language),
        "url": page_url,
        "inLanguage": language,
    }
    # schema.org's foundingDate is a plain date: a hedged year ("around 2016") stays out of it,
    # and the description (the profile's summary) keeps the hedge.
    if founded.qualifier is None:
        data["foundingDate"] = str(founded.value)
    # No "employee": the sources say who led the company as of the briefing's date, not today.
    return data
