"""Rendering editors' pages: the briefing a page quotes, and errors naming file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.problems import BuildError
from generator.site import Project, gather, render

ROOT = Path(__file__).resolve().parent.parent


def render_with_page(tmp_path, front_matter: str, body: str):
    content = tmp_path / "content"
    content.mkdir()
    for language in ("fr", "en"):
        (content / f"note.{language}.md").write_text(
            f"---\ntitle: Note\ndescription: Une note.\n{front_matter}---\n\n{body}\n", encoding="utf-8")
    project = Project(root=ROOT, seeds=ROOT / "tests" / "fixtures" / "seeds", content=content,
                      build_dir=tmp_path / "build")
    _, pages, _ = render(project, gather(project, today=date(2025, 1, 1)), "https://example.org/")
    return pages


def test_a_page_naming_an_unknown_briefing_is_an_error(tmp_path):
    with pytest.raises(BuildError) as raised:
        render_with_page(tmp_path, "briefing: scale-ai\n", 'Price: {{ fact("deal.amount") }}')
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in raised.value.problems.sorted()]
    assert messages == [
        "content/note.en.md:1: page 'content/note' (en): unknown briefing 'scale-ai' in the front matter "
        "(known: acme-robotics)",
        "content/note.fr.md:1: page 'content/note' (fr): unknown briefing 'scale-ai' in the front matter "
        "(known: acme-robotics)",
    ]


def test_a_page_quotes_the_briefing_it_names(tmp_path):
    pages = render_with_page(tmp_path, "briefing: acme-robotics\n", 'Price: {{ fact("deal.amount") }}')
    note = next(page for page in pages["en"] if page.planned.key == "content/note")
    assert 'data-fact="deal.amount">$1.2B' in note.markdown and 'popovertarget="pv-1"' in note.markdown
    assert '<div class="provenance" id="pv-1" popover data-search-exclude>' in note.markdown
