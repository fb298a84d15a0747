"""`make serve`: an editor's change to a fact, a template or a page shows without a restart."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
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
def preview(tmp_path):
    """A copy of the project (fixture briefing) served by `briefing serve` on a free port."""
    for name in ("templates", "locales", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url))
        yield tmp_path, url
    finally:
        process.terminate()
        process.wait(timeout=10)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_edits_to_facts_templates_and_pages_show_without_restart(preview):
    project, url = preview
    assert "Ada Moreau" in fetch(url + "en/profile/")

    replace_in(project / "seeds" / "acme-robotics" / "facts.yaml", "Ada Moreau", "Ada Lovelace-Moreau")
    wait_for(lambda: "Ada Lovelace-Moreau" in fetch(url + "en/profile/"))

    replace_in(project / "templates" / "pages" / "watchlist.md.j2", "{{ indicator.reading|t }}",
               "{{ indicator.reading|t }} (edited template)")
    wait_for(lambda: "(edited template)" in fetch(url + "veille/"))

    replace_in(project / "content" / "method.en.md", "# Method", "# Our method")
    wait_for(lambda: "Our method" in fetch(url + "en/method/"))


def test_a_broken_edit_keeps_serving_the_last_good_site(preview):
    project, url = preview
    replace_in(project / "seeds" / "acme-robotics" / "facts.yaml", "Ada Moreau", "Ada Lovelace-Moreau")
    wait_for(lambda: "Ada Lovelace-Moreau" in fetch(url + "en/profile/"))
    replace_in(project / "seeds" / "acme-robotics" / "facts.yaml", "kind: person", "kind: persn")
    time.sleep(3)
    assert "Ada Lovelace-Moreau" in fetch(url + "en/profile/")
