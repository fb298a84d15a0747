"""The build cache: a cached build is byte for byte a cold build of the same inputs, after any
edit; a damaged entry is rebuilt, never served."""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from generator.cache import Cache, Memory
from generator.mkdocs_build import Workers
from generator.problems import BuildError
from generator.project import Project
from generator.site import build

ROOT = Path(__file__).resolve().parent.parent
URL = "https://briefing.example.org/"

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402  (benchmarks/corpus.py: the synthetic briefings)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


class TenBriefings:
    """A project of ten different copies of the fixture briefing (benchmarks/corpus.py), with the
    edits an editor makes to it, each aimed at a target drawn by ``rng``. ``build(cache)`` builds
    it (cached builds into ``site/`` with the preview's kept MkDocs workers and memory, cold ones into
    ``cold/`` with fresh ones) and returns the site's files and the result."""

    BRIEFING = "acme-robotics"

    def __init__(self, root: Path, rng: random.Random, today, file_digests, copy_project, fixture_seeds, workers):
        copy_project(root, seeds=None)
        corpus.make_corpus(root / "corpus", fixture_seeds, root / "content", 10, self.BRIEFING)
        shutil.rmtree(root / "content")
        (root / "corpus").rename(root / "input")
        for name in ("seeds", "content"):
            (root / "input" / name).rename(root / name)
        self.root, self.rng, self.today, self.digests, self.workers = root, rng, today, file_digests, workers
        self.copies = 10
        self.memory = Memory()

    def build(self, cache: bool):
        site = self.root / ("site" if cache else "cold")
        try:
            result = build(Project(root=self.root, site_dir=site, build_dir=self.root / (".build" if cache else ".cold")),
                           site_url=URL, today=self.today, cache=cache, workers=self.workers if cache else None,
                           memory=self.memory if cache else None)
        except BuildError as failure:
            raise AssertionError(failure.report()) from failure
        return self.digests(site), result

    def briefings(self) -> list[Path]:
        return sorted((self.root / "seeds").iterdir())

    def a_fact(self) -> str:
        """A number fact's value 10% higher, or a fact's label in one language, in one briefing."""
        facts = self.rng.choice(self.briefings()) / "facts.yaml"
        data = yaml.safe_load(facts.read_text(encoding="utf-8"))["facts"]
        if self.rng.random() < 0.5:
            fact = self.rng.choice([f for f in data if f["kind"] in ("money", "count") and "upper" not in f])
            corpus.edit_fact(facts, fact["id"])
            return f"the value of {fact['id']} in {facts.parent.name}"
        language, text = self.rng.choice(["fr", "en"]), facts.read_text(encoding="utf-8")
        fact = self.rng.choice([f for f in data if f"{language}: {f['label'][language]}\n" in text])  # unquoted
        replace(facts, f"{language}: {fact['label'][language]}\n", f"{language}: {fact['label'][language]} (revu)\n")
        return f"the {language} label of {fact['id']} in {facts.parent.name}"

    def a_template(self) -> str:
        """A line added to a page template, or to the PDFs' Typst layout."""
        templates = self.root / "templates"
        template = self.rng.choice(sorted((templates / "pages").glob("*.md.j2")) + [templates / "pdf" / "briefing.typ"])
        append(template, "\nRevu.\n" if template.suffix == ".typ" else '\n{{ _("Sources") }} (revu)\n')
        return template.name

    def a_catalog_string(self) -> str:
        catalog = self.rng.choice(sorted((self.root / "locales").glob("*/LC_MESSAGES/messages.po")))
        text = catalog.read_text(encoding="utf-8")
        strings = [m for m in re.finditer(r'^msgstr "(.+)"$', text, re.M) if "%" not in m[1]]
        string = self.rng.choice(strings)
        catalog.write_text(text[:string.end(1)] + " (revu)" + text[string.end(1):], encoding="utf-8")
        return f"{string[1]!r} in {catalog.parts[-3]}"

    def an_editors_page(self) -> str:
        page = self.rng.choice(sorted((self.root / "content").glob("*.md")))
        append(page, "\nA paragraph added by an editor.\n")
        return page.name

    def the_theme(self) -> str:
        append(self.root / "templates" / "theme" / "stylesheets" / "briefing.css", f"/* {self.rng.random()} */\n")
        return "briefing.css"

    def mkdocs_yml(self) -> str:
        config = self.root / "mkdocs.yml"
        current = re.search(r"primary: (\S+)", config.read_text(encoding="utf-8"))[1]
        colour = self.rng.choice([c for c in ("indigo", "teal", "brown", "deep-orange") if c != current])
        replace(config, f"primary: {current}", f"primary: {colour}")
        return f"the primary colour, {current} to {colour}"

    def add_a_briefing(self) -> str:
        self.copies += 1
        source, folder = ROOT / "tests" / "fixtures" / "seeds" / self.BRIEFING, self.root / "seeds" / f"{self.BRIEFING}-{self.copies:04d}"
        folder.mkdir()
        for path in sorted(source.glob("*.yaml")):
            data = corpus.copy_of_file(yaml.safe_load(path.read_text(encoding="utf-8")), self.copies, self.BRIEFING)
            (folder / path.name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return folder.name

    def remove_a_briefing(self) -> str:
        if len(self.briefings()) < 3:
            return self.add_a_briefing()
        folder = self.rng.choice(self.briefings()[1:])  # the editors' pages cite the first
        shutil.rmtree(folder)
        return folder.name

    def a_checkpoint_passes(self) -> str:
        """The reference date moves on, past more of the copies' checkpoints (2022 to 2031)."""
        self.today = self.today.replace(year=self.today.year + self.rng.randint(1, 3))
        return f"today is {self.today}"

    EDITS = (a_fact, a_template, a_catalog_string, an_editors_page, the_theme, mkdocs_yml, add_a_briefing,
             remove_a_briefing, a_checkpoint_passes)


def test_after_each_edit_a_cached_build_is_a_cold_build(tmp_path, today, file_digests, copy_project, fixture_seeds):
    """Every kind of edit once, in an order and on targets drawn from the fuzz seed (fixed in CI,
    printed in the header), then random ones up to ``CACHE_EDITS`` (``make bench`` runs 40):
    after each, the cached build and a cold one are the same bytes and give the same warnings."""
    rng = random.Random(int(os.environ["FUZZ_SEED"]))
    with Workers() as workers:
        project = TenBriefings(tmp_path, rng, today, file_digests, copy_project, fixture_seeds, workers)
        cached, first = project.build(cache=True)
        assert cached == project.build(cache=False)[0], "a first, cache-filling build is a cold build"
        assert first.pages == {"fr": 10 * 6 + 2, "en": 10 * 6 + 2}, first.pages  # six pages a briefing, the index, the method
        assert 0 < first.timings["search"] < first.timings["mkdocs"], "the search index is timed within MkDocs"
        done = []
        edits = rng.sample(TenBriefings.EDITS, len(TenBriefings.EDITS))
        edits += rng.choices(TenBriefings.EDITS, k=max(0, int(os.environ.get("CACHE_EDITS", 0)) - len(edits)))
        for edit in edits:
            done.append(f"{edit.__name__}: {edit(project)}")
            cached, result = project.build(cache=True)
            cold, reference = project.build(cache=False)
            assert cached == cold, f"after {done}, the cached build differs"
            assert result.warnings.sorted() == reference.warnings.sorted(), f"after {done}, the warnings differ"
        # Nothing changed since the last build: the site in place is the build of these inputs.
        again, unchanged = project.build(cache=True)
        assert again == cached and unchanged.unchanged and "render" not in unchanged.timings
        assert unchanged.pages == result.pages and unchanged.warnings.items == result.warnings.items
        # A site touched by hand is built again, whole.
        page = project.root / "site" / "en" / "index.html"
        page.write_text(page.read_text(encoding="utf-8") + "<!-- touched -->", encoding="utf-8")
        repaired, result = project.build(cache=True)
        assert repaired == cached and not result.unchanged
        # The units whose inputs did not change come from the cache.
        assert result.timings["render"] < first.timings["render"] and result.timings["mkdocs"] < first.timings["mkdocs"]


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


def test_a_damaged_entry_is_rebuilt_never_served(project):
    reference, _ = project.build(cache=True)
    entries = sorted(p for p in (project.root / ".build" / "cache").rglob("*") if p.is_file())
    kinds = {entry.relative_to(project.root / ".build" / "cache").parts[0] for entry in entries}
    assert kinds == {"briefing", "check", "pages", "data", "feed", "pdf", "unchanged"}, kinds
    # Each language's kept site, which the next build builds on, is a cache too.
    kept = sorted(p for p in (project.root / ".build").glob("*/site/**/*") if p.is_file())
    assert {path.relative_to(project.root / ".build").parts[0] for path in kept} == {"fr", "en"}
    entries += kept[::7]
    # So are the PDFs the last build left (.build/pdfs/), like each page of the site in place.
    pdfs = sorted((project.root / ".build" / "pdfs").rglob("*.pdf"))
    assert len(pdfs) == 2
    entries += pdfs
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


def test_a_memory_gives_a_build_what_the_last_one_read_and_forgets_what_it_did_not(tmp_path):
    cache, memory = Cache(tmp_path), Memory()
    cache.put("briefing", "a", b"A")
    cache.put("briefing", "b", b"B")
    reads = []

    def decode(data: bytes) -> list[str]:
        reads.append(data)
        return [data.decode()]

    remembered = Cache(tmp_path, memory=memory)
    first = remembered.recall("briefing", "a", decode)
    assert first == ["A"] and remembered.recall("briefing", "b", decode) == ["B"]
    assert remembered.recall("briefing", "missing", decode) is None
    memory.next_build()
    assert remembered.recall("briefing", "a", decode) is first  # the same object, not read again
    memory.next_build()  # "b" was not used by the last build: forgotten
    assert remembered.recall("briefing", "b", decode) == ["B"]
    assert reads == [b"A", b"B", b"B"]
    assert Cache(tmp_path, memory=memory, enabled=False).recall("briefing", "a", decode) is None
    assert cache.recall("briefing", "a", decode) is not first  # without a memory, read each time


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
    project.build(cache=True)
    page = project.root / "content" / "method.en.md"
    replace(page, "# Method", "# Method\n\nSee [the sources](sources.md#f-no-such-fact).")
    for cache in (True, False):
        with pytest.raises(BuildError) as failure:
            project.build(cache=cache)
        assert "f-no-such-fact" in failure.value.report() and "method.en.md" in failure.value.report(), cache
    replace(page, "\n\nSee [the sources](sources.md#f-no-such-fact).", "")
    assert project.build(cache=True)[0] == project.build(cache=False)[0]
