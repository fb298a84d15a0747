"""Hostile texts stay inert: every text field of every model carries HTML, script, attribute
breakers, ``</script>``, a ``javascript:`` link, Jinja, Typst code and a spreadsheet formula,
and every output (pages, JSON, CSV, JSON-LD, feeds, PDF) gives them back as text.

The same build is watched for what it writes: nothing outside ``site/`` and the build folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap
import typing
import xml.etree.ElementTree as ElementTree
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator import briefing as briefing_models
from generator import facts as fact_models
from generator import profile as profile_models
from generator import watchlist as watchlist_models
from generator.problems import Problems
from generator.records import Localized
from generator.seeds import load_briefings

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ("=HYPERLINK(1) <script>alert(1)</script><img src=x onerror=alert(2)> \" onmouseover=\"alert(3)\" "
           "' onfocus='alert(4)' </script><!-- [lien](javascript:alert(5)) <b class=hostile>gras</b> "
           "{{ lipsum(1) }} {% for x in range(3) %}LOOP{% endfor %} #read(\"/etc/passwd\") $x$ *em* ]]> &amp;")
"""Every attack at once, in every text field (a leading ``=`` is a spreadsheet formula)."""
EVIDENCE = ["<img src=x onerror=alert(2)>", "[lien](javascript:alert(5))", "{{ lipsum(1) }}",
            "{% for x in range(3) %}LOOP{% endfor %}", "<b class=hostile>gras</b>"]
"""Pieces of the payload that contain no quote (which typography may curl), to find as text."""

WRITES = textwrap.dedent("""\
    # Installed in every Python process of the build: logs each path opened for writing, made,
    # moved or removed, to the file named by BRIEFING_WRITE_LOG.
    import os, sys
    log = open(os.environ["BRIEFING_WRITE_LOG"], "a", buffering=1)
    WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    PATH_FIRST = {"os.mkdir": 2, "os.remove": 1, "os.rmdir": 1, "os.truncate": None,
                  "os.chmod": 2, "os.utime": 3, "shutil.rmtree": 1}
    PATH_SECOND = {"os.rename": 3, "os.link": 3, "os.symlink": 2, "shutil.copyfile": None, "shutil.move": None,
                   "shutil.copytree": None, "socket.bind": None}

    def where(path, dir_fd=None):
        if isinstance(path, int) or not isinstance(path, (str, bytes, os.PathLike)):
            return None
        path = os.fsdecode(path)
        if dir_fd is not None and not os.path.isabs(path):  # shutil.rmtree works by folder descriptor
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        return os.path.abspath(path)

    def hook(event, args):
        path = None
        if event == "open" and args[0] is not None:
            mode, flags = args[1] or "", args[2] or 0
            if any(c in mode for c in "wax+") or flags & WRITING:
                path = where(args[0])
        elif event in PATH_FIRST:
            fd_at = PATH_FIRST[event]
            path = where(args[0], args[fd_at] if fd_at is not None and len(args) > fd_at else None)
            if event == "os.mkdir" and path and os.path.isdir(path):
                path = None  # exist_ok: nothing is made
        elif event in PATH_SECOND:
            fd_at = PATH_SECOND[event]
            path = where(args[1], args[fd_at] if fd_at is not None and len(args) > fd_at else None)
        if path:
            log.write(path + "\\n")

    sys.addaudithook(hook)
""")


def text_fields() -> dict[type, set[str]]:
    """Each model's fields that hold free text (plain or per language), by introspection: a
    field whose type includes ``str`` or ``Localized`` without a pattern (ids, codes, addresses
    are patterned)."""
    models = [cls for module in (briefing_models, fact_models, profile_models, watchlist_models)
              for cls in vars(module).values()
              if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == module.__name__
              and cls.model_fields]
    fields: dict[type, set[str]] = {}
    for model in models:
        for name, info in model.model_fields.items():
            if not _patterned(info) and _holds_text(info.annotation):
                fields.setdefault(model, set()).add(name)
    return fields


def _patterned(meta) -> bool:
    """A pattern constrains the text (an id, a code): directly or in nested metadata."""
    return bool(getattr(meta, "pattern", None)) or any(_patterned(m) for m in getattr(meta, "metadata", ()))


def _holds_text(annotation) -> bool:
    if annotation is str or annotation is Localized:
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *metadata = typing.get_args(annotation)
        return not any(_patterned(meta) for meta in metadata) and _holds_text(inner)
    return typing.get_origin(annotation) is not typing.Literal and any(
        _holds_text(argument) for argument in typing.get_args(annotation))


NOT_FREE_TEXT = {"value", "language", "document", "where"}
"""Text fields with a grammar of their own: ``value`` is text only in a person's, organisation's or
text fact; ``language`` is a source's language code, ``document`` the seed file it was read from,
``where`` a place in a source (``title``, ``§2``), checked against its grammar."""
TEXT_KEYS = {name for names in text_fields().values() for name in names} - NOT_FREE_TEXT
"""The YAML keys to fill."""


def poison(node, text: bool = False, kind: str | None = None):
    """``node`` with the payload in every string under a text key (``text``: this one is)."""
    if isinstance(node, dict):
        kind = node["kind"] if isinstance(node.get("kind"), str) else kind
        return {key: poison(value, text or key in TEXT_KEYS
                            or key == "value" and kind in ("person", "organisation", "text"), kind)
                for key, value in node.items()}
    if isinstance(node, list):
        return [poison(item, text, kind) for item in node]
    return PAYLOAD if text and isinstance(node, str) else node


def complete(data: dict) -> dict:
    """The optional texts the real seeds do not use, added: a source's outlet, an earlier review."""
    for source in data.get("sources") or []:
        source.setdefault("outlet", PAYLOAD)
    for indicator in data.get("watchlist") or []:
        indicator.setdefault("history", [{"reviewed": "2025-06", "level": "low", "evidence": list(indicator["evidence"]),
                                          "reading": {"fr": PAYLOAD, "en": PAYLOAD}}])
    return data


def carriers(model: BaseModel, fields: dict[type, set[str]], found: set[tuple[str, str]]) -> None:
    """Record each (model, field) whose value holds the payload, walking every nested model."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in fields.get(type(model), ()) and _holds_payload(value):
            found.add(_owner(type(model), name))
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel) and not isinstance(item, Localized):
                carriers(item, fields, found)


def _owner(model: type, name: str) -> tuple[str, str]:
    """A field as (the model that declares it, its name): the fact kinds share their base's."""
    owners = [cls for cls in model.__mro__ if name in getattr(cls, "__annotations__", {})]
    return (owners[-1] if owners else model).__name__, name


def _holds_payload(value) -> bool:
    if isinstance(value, Localized):
        return PAYLOAD in value.root.values()
    if isinstance(value, list):
        return any(_holds_payload(item) for item in value)
    return value == PAYLOAD


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, copy_project, today):
    """The real briefing with the payload in every text, built by ``briefing build`` with every
    write of its Python processes logged; returns the project and the logged paths."""
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project", seeds=None)
    for path in sorted((ROOT / "seeds").rglob("*.yaml")):
        target = project / "seeds" / path.relative_to(ROOT / "seeds")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = complete(poison(yaml.safe_load(path.read_text(encoding="utf-8"))))
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    hooks, home, temporary = (base / part for part in ("hooks", "home", "tmp"))
    for folder in (hooks, home, temporary):
        folder.mkdir()
    (hooks / "sitecustomize.py").write_text(WRITES, encoding="utf-8")
    log = base / "writes.log"
    before = set(base.rglob("*"))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "briefing"), "build", "--today", today.isoformat()],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(hooks), "BRIEFING_WRITE_LOG": str(log), "HOME": str(home),
             "TMPDIR": str(temporary), "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stderr
    created = set(base.rglob("*")) - before
    written = set(log.read_text(encoding="utf-8").split()) | {str(path) for path in created} - {str(log)}
    return project, written


def test_every_text_field_of_every_model_carries_the_payload(hostile):
    project, _ = hostile
    problems = Problems()
    [briefing] = load_briefings(project / "seeds", problems)
    assert not problems.errors
    fields = text_fields()
    found: set[tuple[str, str]] = set()
    carriers(briefing, fields, found)
    declared = {_owner(model, name) for model, names in fields.items() for name in names - NOT_FREE_TEXT}
    assert declared - found == set()
    assert len(found) > 40


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_pages_show_the_payload_as_text_and_run_none_of_it(hostile):
    project, _ = hostile
    pages = _html_pages(project / "site")
    assert len(pages) > 10
    shown = 0
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(raw, "html.parser")
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text() or script.get("type") == "application/ld+json", page
            if script.get("type") == "application/ld+json":
                json.loads(script.get_text())
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not (name.startswith("on") and "alert" in str(value)), (page, element)
                if name in ("href", "src", "action", "formaction", "data"):
                    assert not str(value).strip().lower().startswith("javascript:"), (page, element)
        assert not soup.select(".hostile") and not soup.select('img[src="x"]'), page
        text = soup.get_text()
        assert "LOOPLOOPLOOP" not in text and "Lorem ipsum" not in text, page
        shown += all(piece in text for piece in EVIDENCE)
    assert shown >= len(pages) // 2


def test_json_ld_survives_a_closing_script_tag(hostile):
    project, _ = hostile
    blocks = 0
    for page in _html_pages(project / "site"):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                                page.read_text(encoding="utf-8"), re.S | re.I):
            data = json.loads(block)  # the first </script> ends the block: the payload's must be escaped
            blocks += PAYLOAD in _strings(data)
    assert blocks > 0


def test_the_data_files_give_the_payload_back_as_text(hostile):
    project, _ = hostile
    files = sorted((project / "site").rglob("data/*.json"))
    assert files
    for path in files:
        assert PAYLOAD in _strings(json.loads(path.read_text(encoding="utf-8"))), path


def _strings(data) -> set[str]:
    if isinstance(data, dict):
        return set().union(*map(_strings, data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*map(_strings, data)) if data else set()
    return {data} if isinstance(data, str) else set()


def test_no_csv_cell_is_a_formula(hostile):
    project, _ = hostile
    files = sorted((project / "site").rglob("data/*.csv"))
    assert files
    quoted = 0
    for path in files:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                if cell[:1] in ("=", "+", "@", "\t", "\r") or cell[:1] == "-" and not _number(cell):
                    pytest.fail(f"{path}: a formula cell: {cell[:60]!r}")
                quoted += cell == "'" + PAYLOAD
    assert quoted > 0


def _number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


def test_the_feeds_carry_the_payload_as_text(hostile):
    project, _ = hostile
    feeds = sorted((project / "site").rglob("feed.xml"))
    assert len(feeds) == 2
    for feed in feeds:
        tree = ElementTree.parse(feed)
        names = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
        assert not names & {"script", "img", "b"}, feed
        texts = " ".join(element.text or "" for element in tree.iter())
        assert all(piece in texts for piece in EVIDENCE), feed  # the French one curls the payload's quotes


def test_the_pdf_typesets_the_payload_as_text(hostile):
    from pypdf import PdfReader

    project, _ = hostile
    pdfs = sorted((project / "site").rglob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages[:3])  # the home page's
        assert "lipsum(1)" in text and "#read(" in text and "root:x:0:0" not in text, pdf


def test_the_build_writes_nothing_outside_the_site_and_the_build_folder(hostile):
    """Only Python's multiprocessing writes elsewhere: its workers' server listens on a socket in
    the system's temporary folder (a build folder's path may be longer than a socket's address
    may be), which it removes when the build ends."""
    project, written = hostile
    temporary = project.parent / "tmp"
    allowed = (project / "site", project / ".build", temporary)
    outside = sorted(path for path in written
                     if not any(Path(path).is_relative_to(folder) for folder in allowed))
    assert outside == []
    assert list(temporary.iterdir()) == []  # what multiprocessing made there is gone
    assert any(Path(path).is_relative_to(project / "site") for path in written)


# --- The escape itself, as a property: any text comes out of Markdown as the same text ---------

PIECES = ["<script>", "</script>", "<b>", "&amp;", "&", "\"", "'", " onmouseover=", "[a](javascript:alert(1))",
          "![i](x)", "{: onclick=x }", "{#id .c}", "| a | b |", "*", "**", "_", "`", "\\", "~", "^", "==",
          "[^1]", "<http://x.org>", "{{ x }}", "{% if %}", "#", "- ", "1. ", "> ", ":", "\u2067", "é", "a", " "]


@settings(max_examples=200, deadline=None, database=None)
@given(text=st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join))
def test_any_text_escaped_comes_out_of_markdown_as_itself(text):
    import markdown

    from generator.formatting import escape

    convert = markdown.Markdown(extensions=["attr_list", "footnotes", "tables", "toc"]).convert
    for line in (f"Label: {escape(text)}", f"## {escape(text)}", f"| a | b |\n|---|---|\n| {escape(text)} | x |"):
        soup = BeautifulSoup(convert(line), "html.parser")
        tags = {element.name for element in soup.find_all(True)}
        assert tags <= {"p", "h2", "table", "thead", "tbody", "tr", "th", "td"}, (line, tags)
        assert all(not element.attrs or set(element.attrs) <= {"id"} for element in soup.find_all(True)), line
        assert " ".join(text.split()) in " ".join(soup.get_text().split()), (line, soup.get_text())
