"""Rendering: an editor's page quotes the briefing it names, and an error only rendering can find
(a fact named by a variable) names the page's file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.check import check
from generator.gather import gather
from generator.plan import plan
from generator.problems import BuildError
from generator.project import Project
from generator.render import render

ROOT = Path(__file__).resolve().parent.parent


def render_with_page(tmp_path, fixture_seeds, front_matter: str, body: str):
    content = tmp_path / "content"
    content.mkdir()
    for language in ("fr", "en"):
        (content / f"note.{language}.md").write_text(
            f"---\ntitle: Note\ndescription: Une note.\n{front_matter}---\n\n{body}\n", encoding="utf-8")
    inputs = gather(Project(root=ROOT, seeds=fixture_seeds, content=content, build_dir=tmp_path / "build"),
                    today=date(2025, 1, 1))
    check(inputs)
    return render(inputs, plan(inputs.briefings, inputs.content, inputs.languages, inputs.translations)).pages


def test_a_page_quotes_the_briefing_it_names(tmp_path, fixture_seeds):
    pages = render_with_page(tmp_path, fixture_seeds, "briefing: acme-robotics\n", 'Price: {{ fact("deal.amount") }}')
    note = next(page for page in pages["en"] if page.planned.key == "content/note")
    assert 'data-fact="deal.amount">$1.2B' in note.markdown and 'popovertarget="pv-1"' in note.markdown
    assert '<div class="provenance" id="pv-1" popover>' in note.markdown


def test_a_fact_only_rendering_can_resolve_is_an_error_naming_file_and_line(tmp_path, fixture_seeds):
    with pytest.raises(BuildError) as raised:
        render_with_page(tmp_path, fixture_seeds, "", '{% set name = "deal." ~ "amout" %}\n\n{{ fact(name) }}')
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in raised.value.problems.sorted()]
    assert messages == [
        "content/note.en.md:8: page 'content/note' (en): unknown fact 'deal.amout'",
        "content/note.fr.md:8: page 'content/note' (fr): unknown fact 'deal.amout'",
    ]


def test_a_page_links_to_a_page_of_its_briefing_by_kind(tmp_path, fixture_seeds):
    pages = render_with_page(tmp_path, fixture_seeds, "", '[Profil]({{ link("profile") }}) {{ page_url("sources") }}')
    note = {language: next(page for page in rendered if page.planned.key == "content/note")
            for language, rendered in pages.items()}
    assert "[Profil](profil.md) ../sources/" in note["fr"].markdown
    assert "[Profil](profile.md) ../sources/" in note["en"].markdown
