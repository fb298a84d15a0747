"""The ``briefing`` command: check the fact base, build the site, serve it live.

User errors are ``click.ClickException``s carrying every problem found; there is never a
traceback for bad input.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .problems import BuildError


class ProblemsFound(click.ClickException):
    """Exit status 1 with every problem, one per line, on standard error."""

    def __init__(self, error: BuildError):
        super().__init__(error.report())

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


def _today(value: str | None) -> date:
    return date.fromisoformat(value) if value else date.today()


@click.group()
@click.version_option(package_name="briefing")
def main() -> None:
    """Build a bilingual intelligence briefing site from sourced, validated facts."""


@main.command()
@click.option("--seeds", type=click.Path(path_type=Path), default=Path("seeds"), show_default=True,
              help="Folder with one sub-folder of YAML files per briefing.")
@click.option("--strict", is_flag=True, help="Treat warnings (such as past checkpoints) as errors.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date checkpoints are compared with (default: today).")
def check(seeds: Path, strict: bool, today: str | None) -> None:
    """Validate every briefing under SEEDS and report every problem at once."""
    from .validation import load_or_fail

    try:
        briefings, problems = load_or_fail(seeds, _today(today), strict)
    except BuildError as error:
        raise ProblemsFound(error) from None
    for warning in problems.sorted():
        click.echo(str(warning), err=True)
    for briefing in briefings:
        click.echo(f"{briefing.id}: {len(briefing.sources)} sources, {len(briefing.facts)} facts, "
                   f"{len(briefing.events)} events, {len(briefing.conflicts)} conflicts, "
                   f"{len(briefing.corrections)} corrections, {len(briefing.watchlist)} indicators")
    count = len(problems.warnings)
    click.echo(f"ok: {len(briefings)} briefing{'s' if len(briefings) != 1 else ''} checked, "
               f"{count} warning{'s' if count != 1 else ''}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
