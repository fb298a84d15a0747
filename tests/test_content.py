"""Editors' pages: ``content/<name>.<lang>.md`` read with their front matter; what cannot be read
is a problem naming the file and line."""

from __future__ import annotations

import pytest

from generator.content import read_content
from generator.problems import Problems

NBSP = "\u00a0"


@pytest.fixture
def content(tmp_path, monkeypatch):
    """``content(**files)``: writes ``content/<name>`` files (text, or bytes; ``__`` in a keyword
    stands for a dot: ``method__fr__md``) in ``tmp_path`` and reads the folder; returns the pages
    and the problems, as printed, run from ``tmp_path``."""
    monkeypatch.chdir(tmp_path)

    def read(**files: str | bytes):
        folder = tmp_path / "content"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            path = folder / name.replace("__", ".")
            path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
        problems = Problems()
        pages = read_content(folder, ["fr", "en"], problems)
        return pages, [str(p) for p in problems.sorted()]

    return read


def test_a_page_is_read_with_its_key_language_front_matter_and_body(content, tmp_path):
    pages, problems = content(method__fr__md="---\ntitle: Méthode\ndescription: Comment.\nslug: methode\n"
                                             "order: 10\n---\n\n# Méthode\n")
    assert problems == []
    [page] = pages
    assert (page.key, page.language, page.path) == ("method", "fr", tmp_path / "content" / "method.fr.md")
    assert page.meta == {"title": "Méthode", "description": "Comment.", "slug": "methode", "order": 10}
    assert (page.body, page.body_line) == ("# Méthode\n", 8)  # the heading is on line 8


def test_a_page_without_front_matter_is_all_body(content):
    [page], problems = content(note__en__md="Just a body\n")
    assert (page.meta, page.body, page.body_line, problems) == ({}, "Just a body\n", 1, [])


def test_a_file_named_without_a_site_language_is_a_problem(content):
    pages, problems = content(notes__md="x", notes__de__md="x", ok__en__md="x")
    expected = ("(file): name content pages <name>.<language>.md with a language among fr, en "
                "(for example method.fr.md)")
    assert [page.key for page in pages] == ["ok"]
    assert problems == [f"content/notes.de.md:1: {expected}", f"content/notes.md:1: {expected}"]


def test_a_file_not_in_utf8_is_a_problem(content):
    pages, problems = content(latin__fr__md="---\ntitle: Été\n---\n".encode("latin-1"))
    assert pages == []
    assert problems == ["content/latin.fr.md:1: (file): not valid UTF-8 (offset 11); save the file as UTF-8"]


def test_a_front_matter_yaml_error_names_the_files_line(content):
    pages, problems = content(broken__fr__md="---\ntitle: Note\ndescription: [unclosed\nslug: x\n---\nbody\n",
                              listed__en__md="---\n- a\n- b\n---\nbody\n")
    assert pages == []
    assert problems == [
        "content/broken.fr.md:4: (front matter): YAML syntax error: expected ',' or ']', but got ':'",
        "content/listed.en.md:1: (front matter): expected a mapping between the '---' lines",
    ]


def test_the_template_source_keeps_the_files_line_numbers_and_french_spacing_only_in_french(content):
    body = "# Titre\n\nIl dit : « oui » à 49 % !\n"
    pages, _ = content(page__fr__md=f"---\ntitle: T\ndescription: D\n---\n{body}",
                       page__en__md=f"---\ntitle: T\ndescription: D\n---\n{body}")
    english, french = sorted(pages, key=lambda page: page.language)
    assert english.template_source() == "\n" * 4 + body
    assert french.template_source() == "\n" * 4 + f"# Titre\n\nIl dit{NBSP}: «{NBSP}oui{NBSP}» à 49{NBSP}%{NBSP}!\n"
    assert french.template_source().splitlines()[4] == "# Titre"  # line 5, as in the file
    assert french.body == body  # what the editor typed is kept as typed


def test_a_missing_content_folder_is_no_pages(tmp_path):
    problems = Problems()
    assert read_content(tmp_path / "nowhere", ["fr", "en"], problems) == [] and not problems
