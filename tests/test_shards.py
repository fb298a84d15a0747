"""Sharded builds: N shares built one after another, then merged, give the one-machine site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.shards import Shard

URL = "https://briefing.example.org/"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def parts(project_copy, monkeypatch):
    """Three shares of the fixture project's build, each cold, in ``parts/1`` to ``parts/3``."""
    monkeypatch.chdir(project_copy)
    for index in (1, 2, 3):
        run("build", "--no-cache", "--site-url", URL, "--today", "2026-12-01", "--shard", f"{index}/3",
            "--shard-dir", f"parts/{index}")
    return [project_copy / "parts" / str(index) for index in (1, 2, 3)]


def test_three_shards_merged_are_the_site_one_machine_builds(parts, project_copy, file_digests):
    manifests = [json.loads((part / "manifest.json").read_text()) for part in parts]
    assert [(m["languages"], m["pdfs"]) for m in manifests] == [
        (["fr"], ["pdf/acme-robotics-fr.pdf"]), (["en"], ["en/pdf/acme-robotics-en.pdf"]), ([], [])]
    assert not (project_copy / "site").exists(), "a shard leaves site/ alone"
    run("merge", "--site-url", URL, "--today", "2026-12-01", "--site-dir", "merged", *map(str, parts))
    run("build", "--no-cache", "--site-url", URL, "--today", "2026-12-01", "--site-dir", "one")
    assert file_digests(project_copy / "merged") == file_digests(project_copy / "one")


def test_a_merge_refuses_missing_repeated_or_foreign_parts(parts, project_copy):
    def merge(*folders: Path, today: str = "2026-12-01") -> list[str]:
        result = CliRunner().invoke(main, ["merge", "--site-url", URL, "--today", today, *map(str, folders)])
        assert result.exit_code == 1 and not (project_copy / "site").exists(), result.output
        return result.stderr.splitlines()

    assert merge(parts[0], parts[1]) == [
        "parts/1:1: (parts): expected shards 1 to N of one build exactly once, got 1/3, 2/3", "merge: 1 error"]
    assert "got 1/3, 1/3, 3/3" in merge(parts[0], parts[0], parts[2])[0]
    # Built on another day: the parts are not the shares of this merge's inputs.
    assert merge(*parts, today="2026-12-02")[0] == (
        "parts/1/manifest.json:1: inputs: built from other inputs (seeds, content, templates, catalogs, "
        "mkdocs.yml, address, reference date or generator) than this merge")


@pytest.mark.parametrize("text, index, count", [("1/1", 1, 1), ("2/3", 2, 3)])
def test_a_share_is_k_of_n(text, index, count):
    shard = Shard.parse(text)
    assert (shard.index, shard.count) == (index, count)
    assert [position for position in range(7) if shard.takes(position)] == list(range(index - 1, 7, count))


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b"])
def test_a_share_outside_its_count_is_refused(text):
    with pytest.raises(ValueError, match="expected K/N with 1 <= K <= N"):
        Shard.parse(text)
    result = CliRunner().invoke(main, ["build", "--shard", text, "--shard-dir", "x"])
    assert result.exit_code == 2 and "Invalid value for '--shard'" in result.output
