"""Golden Markdown: the generated pages of each language, compared with committed copies.

After an intended change to templates, catalogs or seeds, regenerate them with

    make golden

(which runs ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``) and review the diff.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from generator.site import Project, gather, render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
URL = "https://briefing.example.org/"
TODAY = date(2026, 12, 1)
"""The golden pages' reference date: the Scale AI checkpoints (2025) are past, Acme's (2031) are not."""
SETS = {
    "scale-ai": ROOT / "seeds",
    "acme-robotics": ROOT / "tests" / "fixtures" / "seeds",
}


def render_documents(seeds: Path, build_dir: Path) -> dict[str, str]:
    """Every generated Markdown file, keyed ``<language>/<path in that language's docs>``."""
    project = Project(root=ROOT, seeds=seeds, build_dir=build_dir)
    inputs = gather(project, today=TODAY)
    _, pages, _ = render(project, inputs, URL)
    return {f"{language}/{page.place.doc_path}": page.document(inputs.languages, URL)
            for language, rendered in pages.items() for page in rendered}


@pytest.mark.parametrize("name", sorted(SETS))
def test_generated_markdown_matches_golden(name, tmp_path):
    documents = render_documents(SETS[name], tmp_path)
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        for old in folder.rglob("*.md"):
            old.unlink()
        for relative, text in documents.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}
    assert sorted(documents) == sorted(expected), "pages added or removed: run `make golden` and review"
    for relative, text in documents.items():
        assert text == expected[relative], f"{relative} differs from tests/golden/{name}: run `make golden` and review the diff"


def test_rendering_is_deterministic(tmp_path):
    first = render_documents(SETS["acme-robotics"], tmp_path / "one")
    second = render_documents(SETS["acme-robotics"], tmp_path / "two")
    assert first == second


def test_rendering_never_writes_into_inputs(tmp_path):
    inputs = [ROOT / "seeds", ROOT / "content", ROOT / "tests" / "fixtures" / "seeds"]
    before = {p: p.stat().st_mtime_ns for folder in inputs for p in folder.rglob("*")}
    render_documents(SETS["acme-robotics"], tmp_path)
    after = {p: p.stat().st_mtime_ns for folder in inputs for p in folder.rglob("*")}
    assert before == after


def fact_anchors(documents: dict[str, str]) -> list[str]:
    """Every fact's permanent anchor, per language: ``fr sources.md#f-deal-amount``."""
    return sorted(f"{path.split('/')[0]} {path.split('/', 1)[1]}#{anchor}" for path, text in documents.items()
                  for anchor in re.findall(r'<div class="fact-entry" id="(f-[^"]+)"', text))


@pytest.mark.parametrize("name", sorted(SETS))
def test_permanent_anchors_of_facts_never_change(name, tmp_path):
    """Readers link to ``sources/#f-deal-amount``: an anchor that disappears breaks their links."""
    anchors = fact_anchors(render_documents(SETS[name], tmp_path))
    recorded_file = GOLDEN / name / "anchors.txt"
    if os.environ.get("UPDATE_GOLDEN") and set(anchors) >= set(recorded_file.read_text(encoding="utf-8").split("\n")
                                                              if recorded_file.exists() else []) - {""}:
        recorded_file.write_text("\n".join(anchors) + "\n", encoding="utf-8")
    recorded = recorded_file.read_text(encoding="utf-8").split()
    recorded = [" ".join(recorded[i:i + 2]) for i in range(0, len(recorded), 2)]
    gone = sorted(set(recorded) - set(anchors))
    assert not gone, f"permanent anchors disappeared (readers' links break): {gone}"
    assert sorted(anchors) == sorted(recorded), "new facts: run `make golden` to record their anchors"
