"""`make serve`: an editor's change to a fact, a template or a page shows without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the preview to change")


@pytest.fixture
def preview(project_copy):
    """A copy of the project (fixture briefing) served by `briefing serve` on a free port; yields
    the project, the address and the server's output so far (a list of lines, kept current)."""
    tmp_path = project_copy
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(iter(process.stdout.readline, "")), daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url))
        yield tmp_path, url, output
    finally:
        process.terminate()
        process.wait(timeout=10)


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace text in a file; return the (1-based) line of the edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_an_editors_changes_show_without_restart_and_a_broken_one_keeps_the_last_good_site(preview):
    project, url, output = preview
    facts = project / "seeds" / "acme-robotics" / "facts.yaml"
    assert "Ada Moreau" in fetch(url + "en/profile/")

    replace_in(facts, "Ada Moreau", "Ada Lovelace-Moreau")
    wait_for(lambda: "Ada Lovelace-Moreau" in fetch(url + "en/profile/"))

    replace_in(project / "templates" / "pages" / "watchlist.md.j2", "{{ indicator.reading|t }}",
               "{{ indicator.reading|t }} (edited template)")
    wait_for(lambda: "(edited template)" in fetch(url + "veille/"))

    replace_in(project / "content" / "method.en.md", "# Method", "# Our method")
    wait_for(lambda: "Our method" in fetch(url + "en/method/"))

    # A broken edit: the rebuild runs, fails naming file and line, and the last good site stays.
    line = replace_in(facts, "kind: person", "kind: persn")
    wait_for(lambda: any("build failed: still serving the last good site" in entry for entry in output))
    # The unknown kind is reported at the fact's first line, the one above its `kind:`.
    assert any(entry.startswith(f"seeds/acme-robotics/facts.yaml:{line - 1}: facts[acme.founder]: unknown kind 'persn'")
               for entry in output), output
    assert "Ada Lovelace-Moreau" in fetch(url + "en/profile/")

    replace_in(facts, "kind: persn", "kind: person")
    replace_in(facts, "Ada Lovelace-Moreau", "Ada Moreau-Lovelace")
    wait_for(lambda: "Ada Moreau-Lovelace" in fetch(url + "en/profile/"))


def test_a_preview_killed_while_it_rebuilds_leaves_a_whole_site_and_no_process(project_copy, file_digests,
                                                                               survivors, own_session, today):
    """``serve`` killed with SIGKILL in the middle of a rebuild: the preview it served is a whole
    build, none of its processes outlives it, and the next build succeeds."""
    import signal

    port = free_port()
    log = project_copy / "serve.log"
    with own_session([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                     project_copy, log, {**os.environ, "PYTHONPATH": str(ROOT)}) as process:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/"))
        preview = project_copy / ".build" / "preview"
        before = file_digests(preview)
        naming = pages_naming(preview, "Ada Moreau")
        replace_in(project_copy / "seeds" / "acme-robotics" / "facts.yaml", "Ada Moreau", "Ada Moreau-Lovelace")
        wait_for(lambda: "Detected file changes" in log.read_text(encoding="utf-8"), timeout=10)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
        assert survivors(process.pid) == [], "a process of the killed preview outlived it"
    if file_digests(preview) != before:  # the rebuild was swapped in before the kill: all of it
        assert "rebuilt in" in log.read_text(encoding="utf-8")
        assert naming and pages_naming(preview, "Ada Moreau-Lovelace") == naming, "the preview is a mix of two builds"
    built = subprocess.run([str(Path(sys.executable).parent / "briefing"), "build", "--today", today.isoformat()],
                           cwd=project_copy, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    assert "Ada Moreau-Lovelace" in (project_copy / "site" / "en" / "profile" / "index.html").read_text(encoding="utf-8")


def pages_naming(site: Path, name: str) -> set[str]:
    return {str(page.relative_to(site)) for page in site.rglob("*.html") if name in page.read_text(encoding="utf-8")}


def indexed_text(bundle: Path) -> str:
    """The words of every page in a Pagefind index (its fragments: gzip, a signature, JSON)."""
    import gzip
    import json

    return " ".join(json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
                    for path in sorted((bundle / "fragment").glob("*.pf_fragment")))


def test_the_pages_are_served_first_and_the_search_index_follows(preview):
    """A rebuild serves the new page without waiting for Pagefind, then replaces the preview's
    index with one that holds the new words, in each language."""
    project, url, output = preview
    served = project / ".build" / "preview"
    wait_for(lambda: any("search index rebuilt" in line for line in output), timeout=60)  # the first build's
    assert "Moreau" in indexed_text(served / "en" / "pagefind") and "Moreau" in indexed_text(served / "pagefind")
    replace_in(project / "seeds" / "acme-robotics" / "facts.yaml", "Ada Moreau", "Ada Zorglub")
    wait_for(lambda: "Ada Zorglub" in fetch(url + "en/profile/"))
    wait_for(lambda: "Zorglub" in indexed_text(served / "en" / "pagefind")
             and "Zorglub" in indexed_text(served / "pagefind"), timeout=15)
    assert not list(served.rglob("pagefind.new")) and not list(served.rglob("pagefind.old"))
    rebuilt = [line for line in output if line.startswith("search index rebuilt")]
    assert len(rebuilt) >= 2, output
