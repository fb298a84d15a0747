"""The ``briefing`` command: check the fact base, build the site, serve it live.

User errors are ``click.ClickException``s carrying every problem found; there is never a
traceback for bad input.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from .problems import BuildError


class ProblemsFound(click.ClickException):
    """Exit status 1 with every problem, one per line, on standard error."""

    def __init__(self, error: BuildError):
        super().__init__(error.report())

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


def _shard(value: str | None):
    from .shards import Shard

    try:
        return Shard.parse(value) if value else None
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _today(value: datetime | None) -> date:
    return value.date() if value else date.today()


@click.group()
@click.version_option(package_name="briefing")
def main() -> None:
    """Build a bilingual intelligence briefing site from sourced, validated facts."""


def _project(seeds: Path | None, content: Path | None, site_dir: Path | None, config: Path | None):
    from .project import Project

    return Project.configured(config, seeds=seeds, content=content, site_dir=site_dir)


_project_options = [
    click.option("--config", "config", type=click.Path(path_type=Path), default=None,
                 help="The MkDocs configuration (default: mkdocs.yml); the other folders are "
                      "found beside it."),
    click.option("--seeds", type=click.Path(path_type=Path), default=None,
                 help="The fact base (default: seeds/ beside the configuration)."),
    click.option("--content", type=click.Path(path_type=Path), default=None,
                 help="Editors' pages (default: content/ beside the configuration)."),
]


_site_options = [
    click.option("--site-dir", type=click.Path(path_type=Path), default=None,
                 help="Where the site goes (default: site/); replaced only when the command succeeds."),
    click.option("--site-url", default=None, metavar="URL",
                 help="The site's public address (default: $SITE_URL, then site_url in mkdocs.yml)."),
    click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
                 help="The reference date: which checkpoints are past, what the pages' staleness "
                      "notices say (default: today; a merge needs its shards' date)."),
]


def project_options(function):
    for option in reversed(_project_options):
        function = option(function)
    return function


def site_options(function):
    for option in reversed(_site_options):
        function = option(function)
    return function


@main.command()
@project_options
@click.option("--strict", is_flag=True, help="Treat warnings (such as past checkpoints) as errors.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date checkpoints are compared with (default: today).")
def check(config: Path | None, seeds: Path | None, content: Path | None, strict: bool,
          today: datetime | None) -> None:
    """Run every check the build runs before rendering, and report every problem at once."""
    from .check import check as check_inputs
    from .gather import gather

    inputs = gather(_project(seeds, content, None, config), _today(today))
    try:
        problems = check_inputs(inputs, strict)
    except BuildError as error:
        raise ProblemsFound(error) from None
    for warning in problems.sorted():
        click.echo(str(warning), err=True)
    for briefing in inputs.briefings:
        click.echo(f"{briefing.id}: {len(briefing.sources)} sources, {len(briefing.facts)} facts, "
                   f"{len(briefing.events)} events, {len(briefing.conflicts)} conflicts, "
                   f"{len(briefing.corrections)} corrections, {len(briefing.watchlist)} indicators, "
                   f"{len(briefing.updates)} updates")
    count = len(problems.warnings)
    click.echo(f"ok: {len(inputs.briefings)} briefing{'s' if len(inputs.briefings) != 1 else ''} checked, "
               f"{count} warning{'s' if count != 1 else ''}")


@main.group()
def translations() -> None:
    """Keep the languages in step: see which texts are stale, confirm reviewed translations."""


def _translation_inputs(config: Path | None, seeds: Path | None, content: Path | None):
    from .gather import gather
    from .translations import collect

    inputs = gather(_project(seeds, content, None, config))
    if inputs.problems.errors:
        raise ProblemsFound(BuildError(inputs.problems, "gather"))
    return inputs, collect(inputs.briefings, inputs.content, inputs.languages)


@translations.command()
@project_options
def status(config: Path | None, seeds: Path | None, content: Path | None) -> None:
    """Per language: texts complete, stale (another language changed since), unconfirmed, missing;
    then the interface strings (fuzzy entries are stale)."""
    from .catalogs import message_state
    from .translations import STATES, status_table

    inputs, texts = _translation_inputs(config, seeds, content)
    _table(["language", *STATES], status_table(texts, inputs.confirmations, inputs.languages), "texts")
    rows = []
    for language, catalog in inputs.catalogs.items():
        states = [message_state(catalog, message) for message in catalog.messages if message.id]
        rows.append([language, *(str(states.count(state)) for state in ("complete", "fuzzy", "missing"))])
    _table(["language", "complete", "stale (fuzzy)", "missing"], rows, "interface strings")
    orphans = inputs.confirmations.orphans(texts)
    if orphans:
        click.echo(f"{orphans} confirmation{'s' if orphans != 1 else ''} of texts that no longer exist "
                   "(`briefing translations confirm --all` forgets them)")


def _table(header: list[str], rows: list[list[str]], title: str) -> None:
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    click.echo(title)
    for row in [header, *rows]:
        click.echo("  " + "  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                                    for column, (cell, width) in enumerate(zip(row, widths))))


@translations.command()
@project_options
@click.option("--all", "everything", is_flag=True, help="Confirm every text as it is now, and forget removed ones.")
@click.argument("names", nargs=-1, metavar="[ID]...")
def confirm(config: Path | None, seeds: Path | None, content: Path | None, everything: bool,
            names: tuple[str, ...]) -> None:
    """Record that the texts named (a fact, event or indicator id, a field such as
    facts[deal.amount].label, a page name, a briefing id) are translated as they are now."""
    from .translations import select

    if everything == bool(names):
        raise click.UsageError("name the texts to confirm (ID...), or give --all")
    inputs, texts = _translation_inputs(config, seeds, content)
    chosen, unknown = (texts, []) if everything else select(texts, list(names))
    if unknown:
        raise click.ClickException("; ".join(unknown))
    for text in chosen:
        inputs.confirmations.confirm(text)
    if everything:
        inputs.confirmations.keep_only(texts)
    inputs.confirmations.write()
    click.echo(f"confirmed {len(chosen)} text{'s' if len(chosen) != 1 else ''} in {inputs.confirmations.path}")


@main.command()
@project_options
@site_options
@click.option("--strict", is_flag=True, help="Treat fact-base warnings (past checkpoints) as errors.")
@click.option("--no-cache", is_flag=True, help="Build cold: reuse nothing from the build cache (.build/cache/).")
@click.option("--shard", metavar="K/N", callback=lambda ctx, param, value: _shard(value),
              help="Build only share K of N of the languages and PDFs, into --shard-dir (see `briefing merge`).")
@click.option("--shard-dir", type=click.Path(path_type=Path), default=None,
              help="Where a shard's outputs go (with --shard).")
def build(config: Path | None, seeds: Path | None, content: Path | None, site_dir: Path | None,
          site_url: str | None, today: datetime | None, strict: bool, no_cache: bool, shard,
          shard_dir: Path | None) -> None:
    """Check the facts, render both languages and build the site with MkDocs."""
    from .progress import display_for
    from .site import build as build_site

    if shard and not shard_dir:
        raise click.UsageError("--shard needs --shard-dir (where the share's outputs go)")
    project = _project(seeds, content, site_dir, config)
    try:
        result = build_site(project, site_url=site_url, today=_today(today), strict=strict,
                            display=display_for(sys.stderr), cache=not no_cache, shard=shard, shard_dir=shard_dir)
    except BuildError as error:
        raise ProblemsFound(error) from None
    if shard:
        click.echo(f"built share {shard.index}/{shard.count} into {shard_dir}")
        return
    for warning in result.warnings.sorted():
        click.echo(str(warning), err=True)
    count = sum(result.pages.values())
    if result.unchanged:
        click.echo(f"{project.site_dir} is up to date: its {count} pages in {len(result.pages)} languages are the "
                   f"build of these inputs (checked in {result.timings['total']:.2f} s)")
        return
    search = f" (the search index: {result.timings['search']:.2f} s of it)" if "search" in result.timings else ""
    click.echo(f"built {count} pages in {len(result.pages)} languages into "
               f"{project.site_dir} in {result.timings['total']:.2f} s{search}")


@main.command()
@project_options
@site_options
@click.argument("parts", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, file_okay=False))
def merge(config: Path | None, seeds: Path | None, content: Path | None, site_dir: Path | None,
          site_url: str | None, today: datetime | None, parts: tuple[Path, ...]) -> None:
    """Assemble the site from the PARTS of a sharded build (`briefing build --shard K/N`)."""
    from .site import merge as merge_site

    project = _project(seeds, content, site_dir, config)
    try:
        merge_site(project, list(parts), site_url=site_url, today=_today(today))
    except BuildError as error:
        raise ProblemsFound(error) from None
    click.echo(f"merged {len(parts)} parts into {project.site_dir}")


@main.command()
@project_options
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT",
              help="Where to serve the preview.")
def serve(config: Path | None, seeds: Path | None, content: Path | None, dev_addr: str) -> None:
    """Preview the site; any change to the facts, templates, pages or catalogs rebuilds and reloads it."""
    from .serve import serve as serve_site

    host, _, port = dev_addr.rpartition(":")
    serve_site(_project(seeds, content, None, config), host or "127.0.0.1", int(port))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
