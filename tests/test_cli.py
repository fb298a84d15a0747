"""``briefing check``: every problem printed, exit 1 on errors, warnings fatal with --strict."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent

PAST_CHECKPOINT = (
    "seeds/mini/watchlist.yaml:9: watchlist[first].next_checkpoint: warning: checkpoint 2030-01 "
    "is past (today is 2030-02-01): review the reading, then set 'last_reviewed' and a new "
    "'next_checkpoint'")
MINI_COUNTS = "mini: 1 sources, 3 facts, 1 events, 0 conflicts, 0 corrections, 5 indicators, 0 updates"


def check(*args: str, seeds: str = "seeds"):
    """``briefing check`` of the project's configuration and catalogs, with ``seeds`` and no
    editors' pages."""
    return CliRunner().invoke(main, ["check", "--config", str(ROOT / "mkdocs.yml"), "--seeds", seeds,
                                     "--content", "no-content", *args])


def test_check_of_the_fixture_briefing(fixture_seeds):
    result = check("--today", "2030-12-31", seeds=str(fixture_seeds))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "acme-robotics: 2 sources, 16 facts, 5 events, 1 conflicts, 1 corrections, 5 indicators, 0 updates\n"
        "ok: 1 briefing checked, 0 warnings\n")


def test_check_of_a_valid_briefing(seeds_in):
    seeds_in()
    result = check("--today", "2030-01-31")
    assert result.exit_code == 0, result.output
    assert result.output == f"{MINI_COUNTS}\nok: 1 briefing checked, 0 warnings\n"


def test_errors_are_all_printed_with_their_count_and_exit_1_without_traceback(seeds_in, minimal):
    facts = textwrap.dedent(minimal["facts"]).replace("    currency: USD\n", "")
    facts = facts.replace("    value: 2016\n", "    value: 2016-02-30\n")
    facts = facts.replace("    value: Sam Example\n", "    value: Sam Example\n    age: 40\n")
    seeds_in(facts=facts)
    result = check("--today", "2030-01-31")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "seeds/mini/facts.yaml:2: facts[deal.amount]: 'currency' is required for a money value\n"
        "seeds/mini/facts.yaml:13: facts[founded].value: impossible date '2016-02-30': "
        "February 2016 has no day 30\n"
        "seeds/mini/facts.yaml:22: facts[founder].age: unknown key 'age' (expected one of: as_of, "
        "citations, derivation, derived_from, horizon, id, kind, label, note, status, value)\n"
        "check: 3 errors\n")
    # A crash would leave its exception here; a user error is a clean exit with status 1.
    assert isinstance(result.exception, SystemExit)


def test_unreadable_file_exits_1_without_traceback(seeds_in):
    seeds_in(events=b"events:\n  - title: {fr: Lev\xe9e}\n")
    result = check("--today", "2030-01-31")
    assert result.exit_code == 1
    assert result.stderr == (
        "seeds/mini/events.yaml:2: (file): not valid UTF-8 (byte 0xE9 at offset 27); save the file as UTF-8\n"
        "check: 1 error\n")
    assert isinstance(result.exception, SystemExit)


def test_past_checkpoint_warns_and_exits_0(seeds_in):
    seeds_in()
    result = check("--today", "2030-02-01")
    assert result.exit_code == 0, result.output
    assert result.stderr == PAST_CHECKPOINT + "\n"
    assert result.stdout == f"{MINI_COUNTS}\nok: 1 briefing checked, 1 warning\n"


def test_strict_makes_the_past_checkpoint_fatal(seeds_in):
    seeds_in()
    result = check("--today", "2030-02-01", "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == PAST_CHECKPOINT + "\ncheck: 0 errors, 1 warning (fatal with --strict)\n"


def test_strict_without_warnings_passes(seeds_in):
    seeds_in()
    result = check("--today", "2030-01-31", "--strict")
    assert result.exit_code == 0, result.output


def test_today_that_is_not_a_date_is_a_usage_error(seeds_in):
    seeds_in()
    result = check("--today", "tomorrow")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--today': 'tomorrow' does not match the format '%Y-%m-%d'.\n")


def test_missing_seeds_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check("--seeds", "nowhere")
    assert result.exit_code == 1
    assert result.stderr == (
        "nowhere:1: (folder): no briefing found: expected one folder of YAML files per briefing "
        "(for example seeds/my-company/facts.yaml)\n"
        "check: 1 error\n")


def test_build_takes_the_reference_date_and_the_pages_follow_it(tmp_path, monkeypatch, real_site):
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--site-dir", str(tmp_path / "site"), "--today", "2025-08-01"])
    assert result.exit_code == 0, result.output
    # Not a terminal: one line per phase, with what it counted.
    phases = [line.split(":")[0] for line in result.stderr.splitlines() if line.endswith(" s")]
    assert phases == ["compare", "gather", "check", "plan", "render", "data", "assemble", "mkdocs", "finish"], \
        result.stderr
    assert "render: 14 pages, " in result.stderr and "mkdocs: 2 languages, " in result.stderr
    assert "stale-notice" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "stale-notice" in (real_site / "index.html").read_text(encoding="utf-8")  # on 2026-12-01
    result = runner.invoke(main, ["build", "--today", "1st of May"])
    assert result.exit_code == 2 and "'1st of May' does not match the format '%Y-%m-%d'" in result.output
