"""The build cache: a cached build is byte for byte a cold build of the same inputs, after any
edit; a damaged entry is rebuilt, never served."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.project import Project
from generator.site import build

ROOT = Path(__file__).resolve().parent.parent
URL = "https://briefing.example.org/"


@pytest.fixture
def project(project_copy, today, file_digests):
    """A copy of the project with the fixture briefing; ``project.build(cache)`` builds it and
    returns the site's files (cached builds into ``site/``, cold ones into ``cold/``)."""
    tmp_path = project_copy

    class Built:
        root = tmp_path

        @staticmethod
        def build(cache: bool):
            site = tmp_path / ("site" if cache else "cold")
            result = build(Project(root=tmp_path, site_dir=site, build_dir=tmp_path / (".build" if cache else ".cold")),
                           site_url=URL, today=today, cache=cache)
            return file_digests(site), result

    return Built


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "a fact's value": lambda root: replace(root / "seeds/acme-robotics/facts.yaml", "Ada Moreau", "Ada Moreau-Lind"),
    "a template": lambda root: replace(root / "templates/pages/watchlist.md.j2", "{{ indicator.reading|t }}",
                                       "{{ indicator.reading|t }} (revu)"),
    "a catalog string": lambda root: replace(root / "locales/fr/LC_MESSAGES/messages.po",
                                             'msgstr "Veille"', 'msgstr "Surveillance"'),
    "an editor's page": lambda root: replace(root / "content/method.en.md", "# Method", "# Our method"),
    "the theme": lambda root: replace(root / "templates/theme/stylesheets/briefing.css", "/*", "/* edited */ /*"),
    "mkdocs.yml": lambda root: replace(root / "mkdocs.yml", "primary: indigo", "primary: teal"),
    "nothing": lambda root: None,
}


def add_a_briefing(root: Path) -> None:
    """A second briefing: the site gets a folder per briefing, and the editors' pages name theirs."""
    for page in (root / "content").glob("*.md"):
        replace(page, "order: 10\n", "order: 10\nbriefing: acme-robotics\n")
    shutil.copytree(ROOT / "seeds" / "scale-ai", root / "seeds" / "scale-ai")


def remove_the_briefing_added(root: Path) -> None:
    shutil.rmtree(root / "seeds" / "scale-ai")


def test_after_each_edit_a_cached_build_is_a_cold_build(project):
    cached, first = project.build(cache=True)
    assert cached == project.build(cache=False)[0], "a first, cache-filling build is a cold build"
    order = sorted(EDITS)
    random.Random(20261202).shuffle(order)  # a fixed order, different from the alphabet's
    for edit in order:
        EDITS[edit](project.root)
        cached, result = project.build(cache=True)
        assert cached == project.build(cache=False)[0], f"after {edit}, the cached build differs"
    for edit in (add_a_briefing, remove_the_briefing_added):
        edit(project.root)
        cached, result = project.build(cache=True)
        assert cached == project.build(cache=False)[0], f"after {edit.__name__}, the cached build differs"
    # Nothing changed since the last build: the site in place is the build of these inputs.
    again, result = project.build(cache=True)
    assert again == cached and result.unchanged and "render" not in result.timings
    assert result.pages == first.pages and result.warnings.items == first.warnings.items
    # A site touched by hand is built again, whole.
    page = project.root / "site" / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- touched -->", encoding="utf-8")
    repaired, result = project.build(cache=True)
    assert repaired == cached and not result.unchanged
    # A unit comes from the cache when its inputs did not change.
    assert result.timings["render"] < first.timings["render"] and result.timings["mkdocs"] < first.timings["mkdocs"]


def test_a_damaged_entry_is_rebuilt_never_served(project):
    reference, _ = project.build(cache=True)
    entries = sorted(p for p in (project.root / ".build" / "cache").rglob("*") if p.is_file())
    kinds = {entry.relative_to(project.root / ".build" / "cache").parts[0] for entry in entries}
    assert kinds == {"briefing", "pages", "pdf", "unchanged"}, kinds
    # Each language's kept site, which the next build builds on, is a cache too.
    kept = sorted(p for p in (project.root / ".build").glob("*/site/**/*") if p.is_file())
    assert {path.relative_to(project.root / ".build").parts[0] for path in kept} == {"fr", "en"}
    entries += kept[::7]
    for number, entry in enumerate(entries):
        data = entry.read_bytes()
        # Truncated, flipped, or another entry's bytes under this name.
        entry.write_bytes([data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]), entries[0].read_bytes()][number % 3]
                          if entry != entries[0] else data[:10])
    assert project.build(cache=True)[0] == reference
    assert project.build(cache=False)[0] == reference


def test_an_entry_is_served_only_whole_and_under_its_own_key(tmp_path):
    cache = Cache(tmp_path)
    cache.put("pdf", "ab01", b"%PDF-1.7 one")
    assert cache.get("pdf", "ab01") == b"%PDF-1.7 one"
    assert cache.get("pdf", "ab02") is None and cache.get("pages", "ab01") is None
    (path,) = (p for p in tmp_path.rglob("*") if p.is_file())
    shutil.copy(path, path.with_name("ab02"))  # a foreign entry: another key's bytes
    assert cache.get("pdf", "ab02") is None and not path.with_name("ab02").exists()
    path.write_bytes(path.read_bytes()[:-3])
    assert cache.get("pdf", "ab01") is None, "a truncated entry is not served"
    off = Cache(tmp_path / "off", enabled=False)
    off.put("pdf", "k1", b"x")
    assert off.get("pdf", "k1") is None and not (tmp_path / "off").exists()


def test_an_unchanged_briefing_is_read_from_the_cache_and_a_changed_one_from_its_files(project, monkeypatch, today):
    import generator.seeds
    from generator.gather import gather

    project.build(cache=True)
    read, original = [], generator.seeds.read_yaml
    monkeypatch.setattr(generator.seeds, "read_yaml", lambda path, problems: read.append(path.name) or original(path, problems))
    cache = Cache(project.root / ".build" / "cache")
    facts = project.root / "seeds" / "acme-robotics" / "facts.yaml"

    def gathered():
        read.clear()
        return gather(Project(root=project.root, build_dir=project.root / ".build"), today, cache)

    cached = gathered()
    assert read == [] and cached.briefings == gather(Project(root=project.root), today).briefings
    replace(facts, "Ada Moreau", "Ada Moreau-Lind")
    assert gathered().briefings[0].fact("acme.founder").value == "Ada Moreau-Lind" and "facts.yaml" in read
    assert gathered().briefings[0].fact("acme.founder").value == "Ada Moreau-Lind" and read == []
    replace(facts, "kind: person", "kind: persn")  # a briefing with a problem is not kept
    assert gathered().problems.errors and gathered().problems.errors and "facts.yaml" in read


def test_a_link_to_a_page_mkdocs_did_not_build_again_is_still_checked(project):
    """A dirty build renders only the edited page; a link from it to a missing anchor of a page it
    kept fails the build as a cold build does, naming the editor's page."""
    from generator.problems import BuildError

    project.build(cache=True)
    page = project.root / "content" / "method.en.md"
    replace(page, "# Method", "# Method\n\nSee [the sources](sources.md#f-no-such-fact).")
    for cache in (True, False):
        with pytest.raises(BuildError) as failure:
            project.build(cache=cache)
        assert "f-no-such-fact" in failure.value.report() and "method.en.md" in failure.value.report(), cache
    replace(page, "\n\nSee [the sources](sources.md#f-no-such-fact).", "")
    assert project.build(cache=True)[0] == project.build(cache=False)[0]
