"""A build killed with SIGKILL at a moment the test chooses (while rendering, while MkDocs
builds, just after the swap) leaves a complete site (the previous one, or the
new one once swapped), never a mix; the next build succeeds and equals a cold build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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
    from generator.cli import main
    main(["build", "--today", sys.argv[3]])
""")


def briefing(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "briefing"), "build", "--today", TODAY, *args],
                          cwd=project, capture_output=True, text=True)


@pytest.mark.parametrize("target, when, swapped", [
    ("generator.render.render_page", "before", False),
    ("generator.site.build_with_mkdocs", "before", False),
    ("generator.finish._exchange", "after", True),
])
def test_a_killed_build_leaves_a_complete_site_and_the_next_one_succeeds(project_copy, file_digests,
                                                                          target, when, swapped):
    assert briefing(project_copy).returncode == 0
    before = file_digests(project_copy / "site")
    facts = project_copy / "seeds" / "acme-robotics" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("value: 1.2e9", "value: 1.3e9", 1), encoding="utf-8")

    # Its own session, so that the MkDocs workers the killed build leaves behind (they can outlive
    # it: a known gap, in the README's Reliability notes) are ended with it; no pipes, which they would hold.
    log = project_copy / "killed.log"
    with log.open("w") as output:
        killed = subprocess.Popen([sys.executable, "-c", KILLER, target, when, TODAY], cwd=project_copy,
                                  stdout=output, stderr=output, start_new_session=True,
                                  env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        try:
            assert killed.wait(timeout=120) == -9, log.read_text()
        finally:
            try:
                os.killpg(killed.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    after_kill = file_digests(project_copy / "site")
    if not swapped:
        assert after_kill == before
    else:
        assert after_kill != before and "index.html" in after_kill

    assert briefing(project_copy).returncode == 0
    rebuilt = file_digests(project_copy / "site")
    assert briefing(project_copy, "--no-cache", "--site-dir", "cold").returncode == 0
    assert rebuilt == file_digests(project_copy / "cold")  # nothing half-written was served from the cache
