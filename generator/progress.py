"""The build's phases, timed, and shown as they run.

``Phases`` times each phase for ``BuildResult.timings`` and tells a ``Display`` about it: on a
terminal, a bar per phase with a count (pages rendered, languages built) and the elapsed time
(click's progress bar); in a log (CI), one line per phase once it is done; or nothing (tests,
the benchmarks, the live preview).
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator

import click

from .problems import BuildError, Problems


class Display:
    """Shows nothing; the base of the others."""

    def start(self, name: str, total: int | None, unit: str) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def finish(self, name: str, done: int, unit: str, seconds: float) -> None:
        pass


class Log(Display):
    """One line per phase, for CI logs: ``render: 12 pages, 0.41 s``."""

    def finish(self, name: str, done: int, unit: str, seconds: float) -> None:
        count = f"{done} {unit}, " if unit else ""
        click.echo(f"{name}: {count}{seconds:.2f} s", err=True)


class Terminal(Log):
    """A bar per phase that counts something, updated as it goes, then the phase's line."""

    def __init__(self) -> None:
        self.bar = None

    def start(self, name: str, total: int | None, unit: str) -> None:
        if total:
            self.bar = click.progressbar(length=total, label=f"{name} ({unit})", show_eta=False,
                                         show_pos=True, file=sys.stderr)
            self.bar.__enter__()

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def finish(self, name: str, done: int, unit: str, seconds: float) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        super().finish(name, done, unit, seconds)


def display_for(stream) -> Display:
    """A bar on a terminal, a line per phase elsewhere."""
    return Terminal() if stream.isatty() else Log()


class Step:
    """What a phase tells the display as it runs."""

    def __init__(self, display: Display) -> None:
        self.display, self.done = display, 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        self.display.advance(count)


def _io_problem(error: OSError) -> Problems:
    problems = Problems()
    where = error.filename or "(build folder)"
    problems.error(where, 1, "(file)", f"cannot write or read this file: {error.strerror or error}; "
                   "nothing was published, the last good site/ is unchanged")
    return problems


class Phases:
    """Times the phases of one build, in order, and shows them."""

    def __init__(self, display: Display | None = None) -> None:
        self.display = display or Display()
        self.timings: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str, total: int | None = None, unit: str = "") -> Iterator[Step]:
        step, started = Step(self.display), time.perf_counter()
        self.display.start(name, total, unit)
        try:
            yield step
        except OSError as error:  # a full disk, a folder without write permission: said, not a traceback
            raise BuildError(_io_problem(error), name) from error
        finally:
            self.timings[name] = time.perf_counter() - started
            self.display.finish(name, step.done if total else 0, unit if total else "", self.timings[name])
