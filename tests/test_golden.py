"""Golden output: everything the generator hands MkDocs, compared with committed copies.

For each fact base and language: the generated pages (Markdown with their front matter), the
data files (JSON, CSV), the language's ``mkdocs.yml`` (navigation, address, plugins; the
machine's paths replaced by ``<root>`` and ``<build>``); and the sitemap of every language.
After an intended change to templates, catalogs or seeds, regenerate them with

    make golden

(which runs ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``) and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.assemble import assemble
from generator.check import check
from generator.data import data_files
from generator.finish import render_sitemap
from generator.gather import gather
from generator.plan import pdf_path, plan
from generator.project import Project
from generator.render import render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
URL = "https://briefing.example.org/"
SETS = ["scale-ai", "acme-robotics"]


@pytest.fixture(scope="session")
def seeds_of(fixture_seeds):
    return {"scale-ai": ROOT / "seeds", "acme-robotics": fixture_seeds}


def generated(seeds: Path, build_dir: Path, today) -> dict[str, str]:
    """What the phases before MkDocs write, by golden name: ``fr/profil.md``, ``fr/data/x.json``,
    ``mkdocs.fr.yml``, and the sitemap the finish phase writes."""
    project = Project(root=ROOT, seeds=seeds, build_dir=build_dir)
    inputs = gather(project, today)
    check(inputs)
    site_plan = plan(inputs.briefings, inputs.content, inputs.languages, inputs.translations)
    rendered = render(inputs, site_plan)
    builds = assemble(inputs, site_plan, rendered, data_files(inputs, site_plan, URL), URL)
    files = {}
    for language_build in builds:
        docs = language_build.config_file.parent / "docs"
        files.update({f"{language_build.language}/{path.relative_to(docs)}": path.read_text(encoding="utf-8")
                      for path in sorted(docs.rglob("*")) if path.is_file()})
        config = language_build.config_file.read_text(encoding="utf-8")
        files[f"mkdocs.{language_build.language}.yml"] = config.replace(str(build_dir), "<build>").replace(str(ROOT), "<root>")
    pdfs = {site_plan.prefix(language) + pdf_path(briefing, language)
            for language in inputs.languages for briefing in inputs.briefings}
    files["sitemap.xml"] = render_sitemap(inputs, site_plan, URL, pdfs).decode("utf-8")
    return files


@pytest.mark.parametrize("name", SETS)
def test_generated_output_matches_golden(name, seeds_of, tmp_path, today):
    files = generated(seeds_of[name], tmp_path, today)
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        for old in folder.rglob("*"):
            if old.is_file() and old.name != "anchors.txt":
                old.unlink()
        for relative, text in files.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*")
                if p.is_file() and p.name != "anchors.txt"}
    assert sorted(files) == sorted(expected), "files added or removed: run `make golden` and review"
    for relative, text in files.items():
        assert text == expected[relative], f"{relative} differs from tests/golden/{name}: run `make golden` and review the diff"


def test_generation_is_deterministic_and_never_writes_into_inputs(seeds_of, tmp_path, today):
    inputs = [ROOT / "seeds", ROOT / "content", seeds_of["acme-robotics"], ROOT / "templates", ROOT / "locales"]
    before = {p: p.stat().st_mtime_ns for folder in inputs for p in folder.rglob("*")}
    first = generated(seeds_of["acme-robotics"], tmp_path / "one", today)
    second = generated(seeds_of["acme-robotics"], tmp_path / "two", today)
    assert first == second
    assert before == {p: p.stat().st_mtime_ns for folder in inputs for p in folder.rglob("*")}


def fact_anchors(files: dict[str, str]) -> list[str]:
    """Every fact's permanent anchor, per language: ``fr sources.md#f-deal-amount``."""
    return sorted(f"{path.split('/')[0]} {path.split('/', 1)[1]}#{anchor}" for path, text in files.items()
                  if path.endswith(".md") for anchor in re.findall(r'<div class="fact-entry" id="(f-[^"]+)"', text))


@pytest.mark.parametrize("name", SETS)
def test_permanent_anchors_of_facts_never_change(name, seeds_of, tmp_path, today):
    """Readers link to ``sources/#f-deal-amount``: an anchor that disappears breaks their links."""
    anchors = fact_anchors(generated(seeds_of[name], tmp_path, today))
    recorded_file = GOLDEN / name / "anchors.txt"
    if os.environ.get("UPDATE_GOLDEN") and set(anchors) >= set(recorded_file.read_text(encoding="utf-8").split("\n")
                                                              if recorded_file.exists() else []) - {""}:
        recorded_file.write_text("\n".join(anchors) + "\n", encoding="utf-8")
    recorded = recorded_file.read_text(encoding="utf-8").split()
    recorded = [" ".join(recorded[i:i + 2]) for i in range(0, len(recorded), 2)]
    gone = sorted(set(recorded) - set(anchors))
    assert not gone, f"permanent anchors disappeared (readers' links break): {gone}"
    assert sorted(anchors) == sorted(recorded), "new facts: run `make golden` to record their anchors"
