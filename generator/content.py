"""Editors' pages: ``content/<name>.<lang>.md``, Markdown with a YAML front matter.

Reading keeps every page the phase can parse and reports what it cannot (a file name without a
language, a file that is not UTF-8, a front matter that is not YAML). What the front matter must
say, and whether every page exists in every language, is the check phase's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .formatting import markdown_spacing
from .loading import safe_load, shape_problem
from .project import linked_outside, too_large
from .problems import Problems

REQUIRED_FIELDS = ("title", "description")
"""Front matter every page needs; ``slug``, ``order`` and ``briefing`` are optional."""


@dataclass
class ContentPage:
    """An editor's Markdown page in one language: ``content/<key>.<lang>.md``."""

    key: str
    """The page's name, shared by its translations (``method``)."""
    language: str
    path: Path
    meta: dict[str, Any]
    """Front matter: ``title`` and ``description`` are required, ``slug``, ``order`` and
    ``briefing`` (the briefing whose facts ``fact("id")`` reads) optional."""
    body: str
    body_line: int
    """The line of ``path`` the body starts on (after the front matter)."""
    meta_lines: dict[str, int] = field(default_factory=dict)
    """The line of each front matter key."""

    def line_of(self, key: str) -> int:
        return self.meta_lines.get(key, 1)

    def template_source(self) -> str:
        """The body as Jinja reads it: preceded by blank lines, so that Jinja's line numbers are
        the file's; editors type plain spaces, the language's spacing rules are applied here."""
        return "\n" * (self.body_line - 1) + markdown_spacing(self.body, self.language)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")


def read_content(content: Path, languages: list[str], problems: Problems,
                 root: Path | None = None) -> list[ContentPage]:
    """Every ``content/<key>.<lang>.md`` that can be read; one that links outside ``content`` and
    the project's ``root`` (by default the folder above) is refused."""
    pages: list[ContentPage] = []
    if not content.is_dir():
        return pages
    for path in sorted(content.glob("*.md")):
        stem, _, language = path.stem.rpartition(".")
        if not stem or language not in languages:
            problems.error(path, 1, "(file)", f"name content pages <name>.<language>.md with a language "
                           f"among {', '.join(languages)} (for example method.{languages[0]}.md)")
            continue
        if reason := linked_outside(path, content, root or content.parent) or too_large(path):
            problems.error(path, 1, "(file)", reason)
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problems.error(path, 1, "(file)", f"not valid UTF-8 (offset {error.start}); save the file as UTF-8")
            continue
        match = _FRONT_MATTER.match(text)
        meta: Any = {}
        if match and (shape := shape_problem(match.group(1))):
            problems.error(path, shape[0] + 1, "(front matter)", shape[1])
            continue
        if match:
            try:
                meta = safe_load(match.group(1)) or {}
            except yaml.MarkedYAMLError as error:
                line = (error.problem_mark.line + 2) if error.problem_mark else 1
                problems.error(path, line, "(front matter)", f"YAML syntax error: {error.problem}")
                continue
        if not isinstance(meta, dict):
            problems.error(path, 1, "(front matter)", "expected a mapping between the '---' lines")
            continue
        body_line = text[: match.end()].count("\n") + 1 if match else 1
        lines = {key.group(1): number for number, line in enumerate(match.group(1).split("\n"), start=2)
                 if (key := _KEY.match(line))} if match else {}
        pages.append(ContentPage(stem, language, path, meta, text[match.end():] if match else text, body_line,
                                 lines))
    return pages
