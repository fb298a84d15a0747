"""A build killed with SIGKILL at a moment the test chooses (while rendering, while MkDocs
builds, between the fallback swap's two renames, just after the swap) leaves a complete site
(the previous one, moved aside or in place, or the new one once swapped), never a mix; the next
build succeeds and equals a cold build."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"

KILLER = textwrap.dedent("""\
    import importlib, os, signal, sys
    target, when = sys.argv[1], sys.argv[2]
    module_name, name = target.rsplit(".", 1)
    module = importlib.import_module(module_name)
    original = getattr(module, name)

    def killed(*args, **kwargs):
        if when == "after":
            original(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(module, name, killed)
    if sys.argv[4:] == ["no-exchange"]:  # the swap's fallback: two renames
        import generator.finish
        generator.finish._exchange = lambda first, second: False
    from generator.cli import main
    main(["build", "--today", sys.argv[3]])
""")


def briefing(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "briefing"), "build", "--today", TODAY, *args],
                          cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="module")
def edited(tmp_path_factory, copy_project, file_digests):
    """A project built once by ``briefing build``, then edited (a fact's value); its site's digests
    before the edit; and the site a cold build of the edited project gives."""
    project = copy_project(tmp_path_factory.mktemp("faults") / "project")
    assert briefing(project).returncode == 0
    before = file_digests(project / "site")
    facts = project / "seeds" / "acme-robotics" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("value: 1.2e9", "value: 1.3e9", 1), encoding="utf-8")
    cold = project.parent / "cold"
    assert briefing(project, "--no-cache", "--site-dir", str(cold)).returncode == 0
    return project, before, cold


@pytest.fixture
def damaged(edited, tmp_path) -> Path:
    """A copy of the edited project, for a build to fail in."""
    shutil.copytree(edited[0], tmp_path / "project", symlinks=True)
    return tmp_path / "project"


@pytest.mark.parametrize("target, when, swap, left", [
    ("generator.render.render_page", "before", "exchange", "the previous site"),
    # One language built by MkDocs into its kept site, the other one's worker maybe still at it.
    ("generator.mkdocs_build._counted", "before", "exchange", "the previous site"),
    # Between the fallback swap's two renames: the previous site moved aside, the new one not in.
    ("shutil.move", "after", "no-exchange", "the previous site, moved aside"),
    ("generator.finish._exchange", "after", "exchange", "the new site"),
])
def test_a_killed_build_leaves_a_complete_site_and_the_next_one_succeeds(edited, damaged, file_digests, survivors,
                                                                          own_session, target, when, swap, left):
    _, before, cold = edited
    # Its own session, so that the test can tell that no process of the build outlives it.
    log = damaged / "killed.log"
    with own_session([sys.executable, "-c", KILLER, target, when, TODAY, swap], damaged, log,
                     {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}) as killed:
        assert killed.wait(timeout=120) == -9, log.read_text()
        assert survivors(killed.pid) == [], "a process of the killed build outlived it"
    if left == "the previous site":
        assert file_digests(damaged / "site") == before
    elif left == "the new site":
        after_kill = file_digests(damaged / "site")
        assert after_kill != before and "index.html" in after_kill
    else:  # the next build puts it back first (finish.restore_interrupted_swap), even one that fails
        assert not (damaged / "site").exists() and file_digests(damaged / ".build" / "site.old") == before
        facts = damaged / "seeds" / "acme-robotics" / "facts.yaml"
        good = facts.read_text(encoding="utf-8")
        facts.write_text(good.replace("value: 1.3e9", "value: [broken", 1), encoding="utf-8")
        assert briefing(damaged).returncode != 0
        assert file_digests(damaged / "site") == before
        facts.write_text(good, encoding="utf-8")

    assert briefing(damaged).returncode == 0
    assert file_digests(damaged / "site") == file_digests(cold)  # nothing half-written was served from the cache


# --- Write errors: a full disk keeps the last good site, says what failed, leaves no bad cache entry ---

def _full_disk(path):
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


class HalfWritten:
    """A temporary file whose write stops half-way, as on a full disk."""

    create = staticmethod(tempfile.NamedTemporaryFile)

    def __init__(self, *args, **kwargs):
        self.file = self.create(*args, **kwargs)
        self.name = self.file.name

    def write(self, data):
        self.file.write(data[: len(data) // 2])
        self.file.flush()
        raise _full_disk(self.name)

    def close(self):
        self.file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.file.close()


@pytest.mark.parametrize("where", ["a page of the site", "a cache entry"])
def test_a_full_disk_keeps_the_last_good_site_and_says_what_failed(edited, damaged, file_digests, monkeypatch,
                                                                  today, where):
    from generator.problems import BuildError
    from generator.project import Project
    from generator.site import build

    _, before, cold = edited
    project = Project(root=damaged, build_dir=damaged / ".build", site_dir=damaged / "site")
    with monkeypatch.context() as disk:
        if where == "a cache entry":
            disk.setattr("generator.cache.tempfile.NamedTemporaryFile", HalfWritten)
        else:
            import mkdocs.utils

            def full(content, output_path):
                raise _full_disk(output_path)
            disk.setattr(mkdocs.utils, "write_file", full)
            disk.setattr("mkdocs.commands.build.utils.write_file", full)
        with pytest.raises(BuildError) as failed:
            build(project, today=today, parallel=False)
    problems = failed.value.problems.errors
    assert problems and all("No space left on device" in problem.message for problem in problems), problems
    assert all(str(project.build_dir) in problem.path + problem.message for problem in problems), problems
    assert file_digests(project.site_dir) == before
    assert not [path for path in project.build_dir.rglob("tmp*") if path.is_file()]  # no half-written file left

    build(project, today=today, parallel=False)
    assert file_digests(project.site_dir) == file_digests(cold)


@pytest.mark.parametrize("fails", ["the render phase", "a PDF"])
def test_the_pdfs_typeset_beside_the_build_stop_with_it_and_their_errors_fail_it(
        copy_project, tmp_path, monkeypatch, today, fails):
    """The PDFs are typeset in a thread from the plan to MkDocs' end: a failed phase stops it
    before the build gives up its lock, and a PDF's error fails the build."""
    import threading
    import time

    from generator.problems import BuildError, Problems
    from generator.project import Project
    from generator.site import build

    project_dir = copy_project(tmp_path / "project")
    project = Project(root=project_dir, build_dir=project_dir / ".build", site_dir=project_dir / "site")
    typeset: list[str] = []
    started = threading.Event()

    def slow_pdf(briefing, templates, *args):
        typeset.append(templates.language)
        started.set()
        time.sleep(0.3)
        if fails == "a PDF":
            raise OSError(28, "No space left on device")
        return b"%PDF"

    def failed_render(*args, **kwargs):
        assert started.wait(10)
        problems = Problems()
        problems.error(project_dir / "templates" / "pages" / "home.md.j2", 3, "render", "broken")
        raise BuildError(problems, "render")

    monkeypatch.setattr("generator.pdf.build_pdf", slow_pdf)
    if fails == "the render phase":
        monkeypatch.setattr("generator.site.render", failed_render)
    with pytest.raises(BuildError) as failed:
        build(project, today=today, parallel=False, cache=False)
    assert not [thread for thread in threading.enumerate() if thread.name == "pdf"]
    if fails == "the render phase":
        assert typeset == ["fr"]  # told to stop while typesetting the first of its two
        assert "broken" in str(failed.value.problems.errors)
    else:
        assert "No space left on device" in failed.value.problems.errors[0].message
    assert not project.site_dir.exists()
