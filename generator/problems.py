"""Problems found while loading and validating: every one names file, line and field.

Validation never stops at the first problem. Each phase appends to a `Problems`
collection; the pipeline aborts once, after the phase, if any error was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, printed as ``path:line: field: message``."""

    path: str
    """The file the problem is in, relative to the working directory when possible."""
    line: int
    """The 1-based line the YAML (or Markdown) parser reported for the offending node."""
    field: str
    """Where in the file: a section and item id (``facts[deal.amount].currency``), or ``(file)``."""
    message: str
    """What is wrong and what was expected."""
    warning: bool = False
    """Warnings do not fail a build unless ``--strict`` is given."""

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


def display_path(path: Path | str) -> str:
    """A path as an editor would type it: relative to the current folder when it is below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def language_name(language: str) -> str:
    """A language's English name for messages to editors: ``fr`` is ``French``."""
    from babel import Locale

    return Locale("en").languages.get(language, language)


def did_you_mean(value: str, known: set[str] | list[str]) -> str:
    """``; did you mean 'deal.amount'?`` when ``value`` looks like a misspelling of a known name."""
    hint = get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{hint[0]}'?" if hint else ""


def type_name(value: Any) -> str:
    """How a YAML value's type is named in messages for editors."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{value}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__



@dataclass
class Problems:
    """An ordered collection of problems from one or more phases."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: Path | str, line: int, field: str, message: str) -> None:
        self.items.append(Problem(display_path(path), line, field, message))

    def warn(self, path: Path | str, line: int, field: str, message: str) -> None:
        self.items.append(Problem(display_path(path), line, field, message, warning=True))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def __bool__(self) -> bool:
        return bool(self.items)

    def sorted(self) -> list[Problem]:
        """Problems in file then line order, the order an editor fixes them in."""
        return sorted(self.items, key=lambda p: (p.path, p.line, p.field, p.message))


class BuildError(Exception):
    """Raised once, after a phase, when it found errors; carries every problem found."""

    def __init__(self, problems: Problems | list[Problem], phase: str, strict: bool = False):
        self.problems = problems if isinstance(problems, Problems) else Problems(list(problems))
        self.phase = phase
        count, warnings = len(self.problems.errors), len(self.problems.warnings)
        message = f"{phase}: {count} error{'s' if count != 1 else ''}"
        if strict and warnings:
            # Otherwise a strict run failed by warnings alone would end with "0 errors".
            message += f", {warnings} warning{'s' if warnings != 1 else ''} (fatal with --strict)"
        super().__init__(message)

    def report(self) -> str:
        lines = [str(p) for p in self.problems.sorted()]
        lines.append(str(self))
        return "\n".join(lines)
