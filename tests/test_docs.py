"""The README stays true: its fact-base counts and its commands."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_counts_are_those_of_the_fact_base(load_facts):
    (briefing,), problems = load_facts(ROOT / "seeds", date(2025, 1, 1))
    assert not problems.errors
    stated = re.search(r"\*\*(\d+) sources, (\d+) facts, (\d+) events,\s+(\d+) conflicts, "
                       r"(\d+) corrections, (\d+) indicators\*\*", README)
    assert stated, "the README states the fact base's counts"
    actual = (len(briefing.sources), len(briefing.facts), len(briefing.events), len(briefing.conflicts),
              len(briefing.corrections), len(briefing.watchlist))
    assert tuple(int(n) for n in stated.groups()) == actual, "update the counts in README.md"


def test_every_make_target_the_readme_names_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.M))
    named = set(re.findall(r"`make ([a-z-]+)", README))
    assert {"site", "test", "serve"} <= named
    assert named <= targets, named - targets


def test_every_command_and_option_of_the_cli_is_documented():
    """Datasette's habit: a command or an option the README does not name is a test failure."""
    from generator.cli import main

    rows = {line.split("`")[1].split()[1]: line for line in README.splitlines()
            if line.startswith("| `briefing ") and "`briefing --version`" not in line}
    assert set(rows) == set(main.commands), "document each command in the README's command table"
    import click

    for name, command in main.commands.items():
        # A group's subcommands (``briefing translations status``) are documented in its row.
        subcommands = command.commands.items() if isinstance(command, click.Group) else [("", command)]
        for subname, subcommand in subcommands:
            words = f"briefing {name} {subname}".strip()
            assert f"`{words}" in rows[name], f"`{words}` is not in the README"
            for parameter in subcommand.params:
                for option in parameter.opts:
                    if option.startswith("--") and option != "--help":
                        assert option in rows[name], f"`{words} {option}` is not in the README"
    assert "`briefing --version`" in README and "--help" in README


def test_the_how_it_works_table_names_every_module_once():
    """The README's phase table and the package stay one for one."""
    section = README.split("## How it works", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\|[^|]*\| `generator/([\w/]+?)(?:\.py)?` \|", section, re.M)
    modules = {path.stem for path in (ROOT / "generator").glob("*.py") if path.stem != "__init__"} | {"plugin/"}
    assert sorted(rows) == sorted(modules), "one row per module of generator/ in the README's table"
