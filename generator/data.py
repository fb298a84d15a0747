"""Phase 5, data files: the facts as data for readers and machines, in every language.

* ``data/<briefing>.json`` per language: every fact with its provenance, its value as the
  pages show it (formatted by ``values``, as everywhere), sources, conflicts, corrections;
* ``data/<briefing>.csv``: one row per fact, the label in every language;
* ``feed.xml`` per language: the Atom feed of the briefings' updates (``feeds``);
* schema.org JSON-LD for each profile page, which the assemble phase puts in its front matter.

Output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .briefing import Briefing
from .cache import Cache
from .dates import PartialDate
from .feeds import FEED_PATH, atom_feed, feed_entries
from .gather import Inputs
from .plan import Plan, data_paths, site_title
from .records import Localized
from .values import Formatter


@dataclass
class DataFiles:
    """What the phase made, per language."""

    files: dict[str, dict[str, str]]
    """Data files by path inside the language's docs folder (``data/scale-ai.json``)."""
    jsonld: dict[str, dict[str, str]]
    """JSON-LD by page key (``scale-ai/profile``), as text."""


def data_files(inputs: Inputs, plan: Plan, base_url: str, cache: Cache | None = None) -> DataFiles:
    """Every language's data files. With ``cache``, a briefing's files in a language whose
    inputs did not change come from it: its files, the languages, the catalog, its profile's
    address; and so do the feed's entries of each unchanged briefing (``_feed``)."""
    cache = cache or Cache(Path(), enabled=False)
    files: dict[str, dict[str, str]] = {}
    jsonld: dict[str, dict[str, str]] = {}
    for language in inputs.languages:
        formatter = Formatter(language, inputs.translations[language])
        catalog = inputs.catalogs[language].path.read_bytes()
        files[language], jsonld[language] = {}, {}
        files[language][FEED_PATH] = _feed(inputs, plan, formatter, base_url, catalog, cache)
        for briefing in inputs.briefings:
            paths = data_paths(briefing)
            profile = plan.by_key[f"{briefing.id}/profile"]
            url = base_url + profile.places[language].url
            key = cache.key("data", language, inputs.digest(briefing), catalog, url, *inputs.languages)
            made = cache.recall("data", key, json.loads)
            if made is None:
                made = [facts_json(briefing, formatter), facts_csv(briefing, inputs.languages),
                        json.dumps(organization_jsonld(briefing, language, url), ensure_ascii=False, sort_keys=True)]
                cache.put("data", key, json.dumps(made, ensure_ascii=False).encode("utf-8"))
            files[language][paths["json"]], files[language][paths["csv"]], jsonld[language][profile.key] = made
    return DataFiles(files, jsonld)


def _feed(inputs: Inputs, plan: Plan, formatter: Formatter, base_url: str, catalog: bytes, cache: Cache) -> str:
    """A language's feed. It covers every briefing: each briefing's entries are kept under its
    files, the catalog, the site's address and its "What changed" page's, and only the feed
    itself, which sorts them, is made again."""
    language, entries = formatter.language, []
    for briefing in inputs.briefings:
        key = cache.key("feed", language, catalog, base_url, inputs.digest(briefing),
                        plan.by_key[f"{briefing.id}/changes"].places[language].url)
        made = cache.recall("feed", key, lambda stored: [(tuple(sort_key), xml) for sort_key, xml in json.loads(stored)])
        if made is None:
            made = feed_entries(briefing, plan, formatter, base_url)
            cache.put("feed", key, json.dumps(made, ensure_ascii=False).encode("utf-8"))
        entries += made
    site = site_title(inputs.briefings, language, formatter.gettext)
    return atom_feed(entries, plan, language, base_url, formatter.gettext("%(site)s — what changed") % {"site": site},
                     formatter.gettext("The briefing’s editors"))


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


def facts_json(briefing: Briefing, formatter: Formatter) -> str:
    """Every fact, source, conflict and correction of a briefing in one language, with provenance."""
    language = formatter.language
    text = lambda value: _plain(value, language)  # noqa: E731
    facts = []
    for fact in briefing.facts:
        conflict = briefing.conflict_of(fact.id)
        facts.append({
            "id": fact.id,
            "kind": fact.kind,
            "label": text(fact.label),
            "value": text(fact.value),
            "display": formatter.value(fact),
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
        writer.writerow([spreadsheet_safe(cell) for cell in [
            fact.id, fact.kind, value, "" if getattr(fact, "upper", None) is None else _plain(fact.upper, None),
            getattr(fact, "currency", "") or "", getattr(fact, "qualifier", "") or "",
            str(fact.as_of), fact.status.value,
            "; ".join(f"{c.source} ({_plain(c.where, languages[0])})" for c in fact.citations),
            conflict.id if conflict else "",
            *[fact.label.get(lang) for lang in languages],
        ]])
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


def spreadsheet_safe(cell: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'`` so that it is
    shown as text; numbers (``-7.01``) stay numbers."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


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
