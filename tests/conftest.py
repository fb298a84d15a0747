"""Shared fixtures: a tiny valid briefing written into ``tmp_path``, one file per section.

Each section of the minimal briefing lives in its own file (``seeds/mini/facts.yaml``...), so a
test replaces one file and knows every line number in it. Tests run from ``tmp_path`` so that
messages name ``seeds/mini/...`` exactly as an editor would see them.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

FIXTURE_SEEDS = Path(__file__).parent / "fixtures" / "seeds"
"""The fictional Acme Robotics briefing: a second company added as data alone."""

_INDICATOR = """\
  - id: {id}
    name: {{fr: Indicateur {id}, en: Indicator {id}}}
    why: {{fr: Pourquoi., en: Why.}}
    signals: {{fr: Signaux., en: Signals.}}
    level: low
    reading: {{fr: Lecture., en: Reading.}}
    last_reviewed: 2025-06-01
    next_checkpoint: {checkpoint}
    evidence: [deal.amount]
"""

MINIMAL = {
    "briefing": """\
        briefing:
          id: mini
          title: {fr: Mini, en: Mini}
          description: {fr: Un exemple minimal., en: A minimal example.}
          subject: Mini Corp
          as_of: 2025-06-01
          languages: [fr, en]
          key_figures: [deal.amount]
        """,
    "sources": """\
        sources:
          - id: release
            title: Mini Corp raises money
            language: en
            published: 2025-06-01
            document: release.txt
        """,
    "facts": """\
        facts:
          - id: deal.amount
            kind: money
            label: {fr: Montant levé, en: Amount raised}
            value: 10e6
            currency: USD
            as_of: 2025-06
            status: reported
            citations:
              - {source: release, where: "§1"}
          - id: founded
            kind: date
            label: {fr: Fondation, en: Founded}
            value: 2016
            as_of: 2016
            status: reported
            citations:
              - {source: release, where: "§2"}
          - id: founder
            kind: person
            label: {fr: Fondateur, en: Founder}
            value: Sam Example
            as_of: 2025-06
            status: reported
            citations:
              - {source: release, where: "§2"}
        """,
    "events": """\
        events:
          - id: raise
            date: 2025-06-01
            title: {fr: Levée, en: Raise}
            summary: {fr: Mini Corp lève des fonds., en: Mini Corp raises money.}
            facts: [deal.amount]
            citations:
              - {source: release, where: "§1"}
        """,
    # Five indicators; the first one's checkpoint comes before the others' (2030-01 vs 2031-01).
    "watchlist": "watchlist:\n" + "".join(
        _INDICATOR.format(id=name, checkpoint="2030-01" if name == "first" else "2031-01")
        for name in ("first", "second", "third", "fourth", "fifth")),
    "profile": """\
        profile:
          name: Mini Corp
          summary: {fr: Mini Corp fait des exemples., en: Mini Corp makes examples.}
          founded: founded
          figures: [deal.amount]
          leadership:
            - person: founder
              role: {fr: Fondateur, en: Founder}
              period: {fr: depuis 2016, en: since 2016}
              current: true
              citations:
                - {source: release, where: "§2"}
        """,
}
"""The minimal valid briefing, by file name (``seeds/mini/<name>.yaml``)."""


def write_briefing(folder: Path, **replacements: str | bytes | None) -> Path:
    """Write the minimal briefing into ``folder/seeds/mini/``, one file per section.

    A keyword replaces that file's text (dedented), or its raw bytes, or removes it (``None``);
    a new name adds a file. Returns the ``seeds`` folder.
    """
    briefing = folder / "seeds" / "mini"
    briefing.mkdir(parents=True, exist_ok=True)
    for name, content in {**MINIMAL, **replacements}.items():
        if content is None:
            continue
        path = briefing / f"{name}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder / "seeds"


@pytest.fixture
def seeds_in(tmp_path, monkeypatch):
    """``seeds_in(**replacements)`` writes the minimal briefing (see ``write_briefing``) and
    returns ``Path("seeds")``; the test runs from ``tmp_path`` so messages name ``seeds/mini/...``."""
    monkeypatch.chdir(tmp_path)

    def write(**replacements: str | bytes | None) -> Path:
        write_briefing(tmp_path, **replacements)
        return Path("seeds")

    return write


ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://briefing.example.org/"
TODAY = date(2026, 12, 1)
"""The built site's reference date: the Scale AI checkpoints (2025) are past, Acme's (2031) are not."""


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real briefing built once for the tests that read it (pages, PDFs), for SITE_URL on TODAY."""
    from generator.site import Project, build

    folder = tmp_path_factory.mktemp("real-site")
    project = Project(root=ROOT, build_dir=folder / "build", site_dir=folder / "site")
    build(project, site_url=SITE_URL, today=TODAY)
    return project.site_dir
