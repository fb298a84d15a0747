"""Synthetic corpora: N copies of a briefing (the real one unless told), each under its own id and
title, each different.

Copy ``n`` is ``seeds/scale-ai`` parsed and written again (PyYAML) as ``scale-ai-0042`` (n = 42) with a
numbered title; money and count values (and ``upper``) times ``1 + n/100``, percentages times
``1 - (n % 20)/100`` (within 0-100, signs and ``upper >= value`` kept); every date ``(n - 1) % 10`` years
earlier at its own precision (past checkpoints stay past); `` (n° 42)`` / `` (no. 42)`` after each
fact's label and event's summary. The editors' pages and the rest of the project are shared.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

REAL_BRIEFING = "scale-ai"
DATE_KEYS = {"date", "as_of", "horizon", "published", "last_reviewed", "next_checkpoint"}
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_FACT_CALL = re.compile(r"""\bfact\((["'])([^"']+)\1\)""")


def yaml_number(value: Decimal) -> int | float:
    """A YAML number: whole amounts as integers, the rest to two decimals."""
    return int(round(value)) if abs(value) >= 1000 or value == round(value) else float(round(value, 2))


def earlier(value, years: int):
    """A date (``2016``, ``2017-summer``, ``2025-06``, a ``date``) ``years`` earlier, at its precision."""
    if isinstance(value, int):
        return value - years
    if isinstance(value, date):
        return value.replace(year=value.year - years, day=min(value.day, 28) if value.month == 2 else value.day)
    return f"{int(str(value)[:4]) - years}{str(value)[4:]}"


def vary(node, n: int, years: int):
    """Every date of ``node`` moved back ``years``; every number of its facts scaled."""
    if isinstance(node, list):
        return [vary(item, n, years) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: earlier(value, years) if key in DATE_KEYS else vary(value, n, years)
            for key, value in node.items()}
    kind = node.get("kind")
    if kind == "date":
        node["value"] = earlier(node["value"], years)
    elif kind in ("money", "count", "percentage"):
        factor = Decimal(100 + n) / 100 if kind != "percentage" else Decimal(100 - n % 20) / 100
        for key in ("value", "upper"):
            if key in node:
                scaled = yaml_number(Decimal(str(node[key])) * factor)
                node[key] = round(scaled) if kind == "count" else scaled
    return node


def numbered(text: dict, n: int) -> dict:
    return {language: f"{value} (n° {n})" if language == "fr" else f"{value} (no. {n})"
            for language, value in text.items()}


def copy_of_file(data: dict, n: int, briefing: str = REAL_BRIEFING) -> dict:
    """One parsed file of ``briefing``, as copy ``n``."""
    data = vary(data, n, (n - 1) % 10)
    if "briefing" in data:
        data["briefing"]["id"] = f"{briefing}-{n:04d}"
        data["briefing"]["title"] = {language: f"{title} ({n})"
                                     for language, title in data["briefing"]["title"].items()}
    for fact in data.get("facts", []):
        fact["label"] = numbered(fact["label"], n)
    for event in data.get("events", []):
        event["summary"] = numbered(event["summary"], n)
    return data


def content_for_several(text: str, briefing_id: str, briefing: str = REAL_BRIEFING) -> str:
    """An editor's page naming the briefing of each fact it cites: with several briefings on the
    site, ``fact('deal.amount')`` on a page outside any briefing is an error, so the copy asks
    for ``fact('deal.amount', 'scale-ai-0001')``; a ``briefing: scale-ai`` in its front matter
    becomes ``briefing: scale-ai-0001``, and a page without one gets it (its ``link("sources")``
    then names that briefing's page)."""
    front_matter = re.compile(rf"^(briefing:\s*)[\"']?{re.escape(briefing)}[\"']?\s*$", re.M)
    text = front_matter.sub(rf"\g<1>{briefing_id}", text)
    if text.startswith("---\n") and not re.search(r"^briefing:", text.split("\n---\n", 1)[0], re.M):
        text = f"---\nbriefing: {briefing_id}\n" + text[len("---\n"):]
    return _FACT_CALL.sub(lambda m: f"fact({m[1]}{m[2]}{m[1]}, {m[1]}{briefing_id}{m[1]})", text)


def make_corpus(root: Path, seeds: Path, content: Path, briefings: int,
                briefing: str = REAL_BRIEFING) -> tuple[Path, Path]:
    """Write ``briefings`` copies of ``seeds/<briefing>`` under ``root``; return (seeds, content)."""
    corpus_seeds, corpus_content = root / "seeds", root / "content"
    shutil.rmtree(root, ignore_errors=True)
    corpus_seeds.mkdir(parents=True)
    shutil.copytree(content, corpus_content)
    if briefings > 1:
        for page in corpus_content.glob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(content_for_several(text, f"{briefing}-{1:04d}", briefing), encoding="utf-8")
    real = seeds / briefing
    files = {path.name: yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
             for path in sorted(real.glob("*.yaml"))}
    for n in range(1, briefings + 1):
        folder = corpus_seeds / f"{briefing}-{n:04d}"
        shutil.copytree(real, folder, ignore=shutil.ignore_patterns("*.yaml"))
        for name, data in files.items():
            (folder / name).write_text(yaml.dump(copy_of_file(data, n, briefing), Dumper=Dumper, sort_keys=False,
                                                 allow_unicode=True, width=1_000_000), encoding="utf-8")
    return corpus_seeds, corpus_content


def edit_fact(facts: Path, fact_id: str) -> None:
    """One edit an editor would make: the value of one number fact in ``facts.yaml``, 10% higher
    (a whole number stays whole)."""
    text = facts.read_text(encoding="utf-8")
    pattern = re.compile(rf"(- id: {re.escape(fact_id)}\n(?: .*\n)*? +value: )(\S+)\n")
    match = pattern.search(text)
    if not match:
        raise ValueError(f"{facts}: no value line for the fact '{fact_id}'")
    old = match[2].strip("'\"")
    new = yaml_number(Decimal(old) * Decimal("1.1"))
    new = round(new) if old.lstrip("-").isdigit() else new  # a count stays a whole number
    facts.write_text(text[:match.start(2)] + str(new) + text[match.end(2):], encoding="utf-8")
