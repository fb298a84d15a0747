"""The plugin's Markdown extension: the generator's marked HTML passes Markdown as written, and a
page comes out as it would without the marks (only faster)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.passthrough import END, START, passthrough
from generator.plugin.rawhtml import RawHtml

GOLDEN = Path(__file__).parent / "golden"
PAGES = sorted(GOLDEN.glob("*/*/*.md"))


def extensions(language_config: Path) -> tuple[list, dict]:
    """The Markdown extensions and their options of a generated per-language ``mkdocs.yml``."""
    config = yaml.load(language_config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, options = [], {}
    for item in config["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        options[name] = settings
    return names, options


def convert(text: str, marked: bool, language_config: Path) -> str:
    names, options = extensions(language_config)
    return markdown.Markdown(extensions=names + ([RawHtml()] if marked else []),
                             extension_configs=options).convert(text)


def body(page: Path) -> str:
    return page.read_text(encoding="utf-8").split("---\n", 2)[2]


def test_the_golden_pages_are_marked():
    """Every figure the generator writes is marked, and so are its block partials (the cards,
    the charts, the provenance notes): without marks the test below would prove nothing."""
    assert PAGES
    for page in PAGES:
        text = body(page)
        assert text.count('<span class="fact"') == text.count(START + '<span class="fact"'), page
    profile = body(GOLDEN / "scale-ai" / "en" / "profile.md")
    assert f'{START}<figure class="chart funding-chart"' in profile
    assert f'{START}<div class="provenance-notes"' in profile


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(GOLDEN)))
def test_a_marked_page_converts_as_the_same_page_unmarked(page):
    """Every golden page, with the languages' own extensions: the marks change nothing a reader gets."""
    text = body(page)
    config = page.parent.parent / f"mkdocs.{page.parent.name}.yml"
    unmarked = text.replace(START, "").replace(END, "")
    html = convert(text, True, config)
    assert html == convert(unmarked, False, config)
    assert "briefing:html" not in html


def test_marked_html_is_not_read_as_markdown():
    config = GOLDEN / "scale-ai" / "mkdocs.en.yml"
    inline = passthrough('<span data-x="1">*as typed* [not](a-link) `code`</span>')
    html = convert(f"Before {inline} after *this*.", True, config)
    assert html == '<p>Before <span data-x="1">*as typed* [not](a-link) `code`</span> after <em>this</em>.</p>'
    block = passthrough('<div class="card">\n<p>**kept**</p>\n\n<p>_kept_</p>\n</div>\n')
    html = convert(f"Text.\n\n{block}\n## Next\n", True, config)
    assert html == ('<p>Text.</p>\n<div class="card">\n<p>**kept**</p>\n\n<p>_kept_</p>\n</div>\n\n'
                    '<h2 id="next">Next<a class="headerlink" href="#next">&para;</a></h2>')


def test_nested_marks_keep_the_outermost_and_unpaired_marks_stay_comments():
    config = GOLDEN / "scale-ai" / "mkdocs.en.yml"
    nested = passthrough(f'<div>\n<p>a {passthrough("<b>*b*</b>")}</p>\n</div>')
    assert convert(nested + "\n", True, config) == "<div>\n<p>a <b>*b*</b></p>\n</div>"
    for text in (f"{START}<span>*x*</span>", f"<span>*x*</span>{END}", f"{END}{START}*x*"):
        html = convert(text, True, config)
        assert "<em>x</em>" in html and re.search(r"<!--/?briefing:html-->", html), html


def test_a_block_piece_may_start_with_blank_space_and_stays_a_block():
    config = GOLDEN / "scale-ai" / "mkdocs.en.yml"
    for lead in ("  ", "\n", " \n  "):
        piece = f'{lead}<div class="card">\n<p>x</p>\n</div>\n'
        assert convert(f"Text.\n\n{passthrough(piece)}\nAfter.\n", True, config) == \
            '<p>Text.</p>\n<div class="card">\n<p>x</p>\n</div>\n\n<p>After.</p>', repr(lead)


def test_the_ids_of_marked_html_are_anchors_mkdocs_knows():
    """MkDocs checks a link to ``sources.md#f-deal-amount`` against the ids its own scan of the
    raw HTML finds (the method page has such a link: without this, every build would fail)."""
    md = markdown.Markdown(extensions=[RawHtml()])
    scan = _RawHTMLPreprocessor()
    scan._register(md)
    inline = passthrough('<a id="d">y</a>')
    md.convert(str(passthrough('<div id="f-a">\n<span id=\'b&amp;c\'>x</span></div>')) + "\n\n"
               + f'Inline {inline}.\n\n<p id="unmarked">z</p>\n')
    assert scan.present_anchor_ids == {"f-a", "b&c", "d", "unmarked"}
