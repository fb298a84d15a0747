"""Shared fixtures.

* ``seeds_in``: the minimal valid briefing (``fixtures/minimal/``, one file per section) written
  into ``tmp_path``, with any file replaced, so that a test knows every line number in it; tests
  run from ``tmp_path`` so that messages name ``seeds/mini/...`` as an editor would see them.
* ``load_facts``: the fact base's problems, as ``briefing check`` finds them.
* ``published``: the real briefing built once per session, as GitHub Pages would serve a project
  site (under ``/repo/``, on 127.0.0.1), on the reference date ``TODAY``. Every test that reads
  the built site, the browser tests included, reads this one build.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.briefing import Briefing
from generator.consistency import check_consistency
from generator.problems import Problems
from generator.project import Project
from generator.seeds import load_briefings
from generator.site import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 12, 1)
"""The built site's reference date: the Scale AI checkpoints (2025) are past, Acme's (2031) are not."""

PAGES = {  # page kind -> (French address, English address)
    "home": ("", "en/"),
    "profile": ("profil/", "en/profile/"),
    "timeline": ("chronologie/", "en/timeline/"),
    "watchlist": ("veille/", "en/watchlist/"),
    "changes": ("modifications/", "en/changes/"),
    "sources": ("sources/", "en/sources/"),
    "method": ("methode/", "en/method/"),
}


def pytest_configure(config):
    """The seed of the fuzz tests and of the cache test's edits: ``FUZZ_SEED`` if given, fixed under
    CI, random otherwise."""
    import os
    import random

    if "FUZZ_SEED" not in os.environ:
        os.environ["FUZZ_SEED"] = "20261202" if os.environ.get("CI") else str(random.randrange(2**32))


def pytest_report_header(config):
    import os

    seed = os.environ["FUZZ_SEED"]
    return f"fuzz seed: {seed} (replay a failure with FUZZ_SEED={seed} make fuzz, or FUZZ_SEED={seed} make test)"


@pytest.fixture(scope="session")
def today() -> date:
    return TODAY


@pytest.fixture(scope="session")
def pages() -> dict[str, tuple[str, str]]:
    """Every page a reader can reach in the real site, by kind: (French address, English address)."""
    return PAGES


@pytest.fixture(scope="session")
def fixture_seeds() -> Path:
    """The fictional Acme Robotics briefing: a second company added as data alone."""
    return FIXTURES / "seeds"


@pytest.fixture(scope="session")
def minimal() -> dict[str, str]:
    """The minimal valid briefing's files, by name (``facts`` is ``seeds/mini/facts.yaml``)."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "minimal").glob("*.yaml"))}


@pytest.fixture
def seeds_in(tmp_path, monkeypatch, minimal):
    """``seeds_in(**replacements)`` writes the minimal briefing into ``tmp_path/seeds/mini/`` and
    returns ``Path("seeds")``. A keyword replaces that file's text (dedented) or raw bytes,
    removes it (``None``), or adds a file."""
    import textwrap

    monkeypatch.chdir(tmp_path)

    def write(**replacements: str | bytes | None) -> Path:
        folder = tmp_path / "seeds" / "mini"
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in {**minimal, **replacements}.items():
            if content is None:
                continue
            path = folder / f"{name}.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return Path("seeds")

    return write


@pytest.fixture(scope="session")
def load_facts():
    """``load_facts(seeds, today=None)``: the briefings and every problem of the fact base
    (its reading and its consistency, as the check phase runs them)."""

    def load(seeds: Path, today: date | None = None) -> tuple[list[Briefing], Problems]:
        problems = Problems()
        briefings = load_briefings(seeds, problems)
        for briefing in briefings:
            check_consistency(briefing, problems, today)
        return briefings, problems

    return load


@pytest.fixture(scope="session")
def problems_of(load_facts):
    """``problems_of(seeds, today=None)``: every problem of the fact base, as printed
    (``path:line: field: message``), in the order an editor fixes them."""

    def problems(seeds: Path, today: date | None = None) -> list[str]:
        return [str(problem) for problem in load_facts(seeds, today)[1].sorted()]

    return problems


@pytest.fixture(scope="session")
def edit(minimal):
    """``edit(name, old, new)``: the minimal briefing's file ``name`` with ``old`` replaced once by ``new``."""

    def replace(name: str, old: str, new: str) -> str:
        assert minimal[name].count(old) == 1, f"{old!r} is not in {name}.yaml exactly once"
        return minimal[name].replace(old, new)

    return replace


@pytest.fixture(scope="session")
def with_fact(minimal):
    """``with_fact(yaml)``: facts.yaml with one more fact (written at column 0), from line 27 on."""
    import textwrap

    return lambda fact: minimal["facts"] + textwrap.indent(textwrap.dedent(fact), "  ")


@pytest.fixture(scope="session")
def watchlist_of(minimal):
    """``watchlist_of(*ids)``: a watchlist section of the minimal briefing's indicators named ``ids``."""

    def watchlist(*names: str) -> str:
        indicators = minimal["watchlist"].split("  - id: ")[1:]
        by_name = {indicator.split("\n", 1)[0]: indicator for indicator in indicators}
        return "watchlist:\n" + "".join("  - id: " + by_name[name] for name in names)

    return watchlist


@pytest.fixture(scope="session")
def fixture_planned(tmp_path_factory, fixture_seeds):
    """The fixture briefing gathered, checked and planned on ``TODAY``: ``(inputs, plan)``."""
    from generator.check import check
    from generator.gather import gather
    from generator.plan import plan

    inputs = gather(Project(root=ROOT, seeds=fixture_seeds, build_dir=tmp_path_factory.mktemp("planned")), TODAY)
    check(inputs)
    return inputs, plan(inputs.briefings, inputs.content, inputs.languages, inputs.translations)


@pytest.fixture(scope="session")
def file_digests():
    """``file_digests(folder)``: every file under ``folder`` by relative path, as its SHA-256, to
    compare two trees byte for byte."""
    import hashlib

    return lambda folder: {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
                           for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="session")
def copy_project(fixture_seeds):
    """``copy_project(folder, seeds=fixture_seeds)``: the project's templates, catalogs, editors'
    pages and mkdocs.yml copied into ``folder``, with ``seeds`` (none if None) as its facts."""
    import shutil

    def copy(folder: Path, seeds: Path | None = fixture_seeds) -> Path:
        for name in ("templates", "locales", "content"):
            shutil.copytree(ROOT / name, folder / name)
        if seeds is not None:
            shutil.copytree(seeds, folder / "seeds")
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        return folder

    return copy


@pytest.fixture
def project_copy(tmp_path, copy_project) -> Path:
    """A copy of the project in ``tmp_path`` (templates, catalogs, editors' pages, mkdocs.yml) with
    the fixture briefing as its facts, for tests that edit a project's files."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def own_session():
    """``with own_session(command, cwd, log, env) as process``: ``command`` started in a session of
    its own, its output in the file ``log`` (no pipes, which its children would hold), and every
    process of that session killed on the way out, whatever the test found."""
    import contextlib
    import os
    import signal
    import subprocess

    @contextlib.contextmanager
    def started(command: list[str], cwd: Path, log: Path, env: dict[str, str]):
        with log.open("w") as output:
            process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=output, start_new_session=True,
                                       env=env)
            try:
                yield process
            finally:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()

    return started


@pytest.fixture(scope="session")
def survivors():
    """``survivors(session, timeout=10)``: the processes of ``session`` (a process started with
    ``start_new_session``) still alive after ``timeout`` seconds, zombies aside."""
    import os
    import time

    def state(entry: Path) -> str:
        try:
            return (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return "Z"

    def alive_in(session: int, timeout: float = 10.0) -> list[int]:
        deadline = time.monotonic() + timeout
        while True:
            alive = []
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        if os.getsid(int(entry.name)) == session and state(entry) != "Z":
                            alive.append(int(entry.name))
                    except (ProcessLookupError, PermissionError):
                        pass
            if not alive or time.monotonic() > deadline:
                return alive
            time.sleep(0.1)

    return alive_in


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a crawler or a browser closing a connection early is not a failure


@dataclass
class Served:
    url: str
    """The address the site was built for and is served at."""
    site_dir: Path
    build_dir: Path


@pytest.fixture(scope="session")
def serve_folder():
    """``serve_folder(folder, path="")``: serves ``folder`` on 127.0.0.1 under ``/<path>``
    until the session ends; returns the address."""
    servers = []

    def serve(folder: Path, path: str = "") -> str:
        server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/{path}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def published(tmp_path_factory, serve_folder) -> Served:
    """The real briefing, built once for ``http://127.0.0.1:<port>/repo/`` on ``TODAY``, served there."""
    folder = tmp_path_factory.mktemp("published")
    url = serve_folder(folder / "www", "repo/")
    project = Project(root=ROOT, build_dir=folder / "build", site_dir=folder / "www" / "repo")
    build(project, site_url=url, today=TODAY)
    return Served(url, project.site_dir, project.build_dir)


@pytest.fixture(scope="session")
def example(tmp_path_factory, serve_folder) -> Served:
    """``examples/trilingual/`` (French, English, German), built once as an editor builds it: the
    installed ``briefing build`` run from its folder, on ``TODAY``, then served. It is copied with
    the repository's layout around it (its configuration points at ``../../templates`` and
    ``../../locales``, linked here) so that nothing is written into the repository."""
    import shutil
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("example")
    shutil.copytree(ROOT / "examples" / "trilingual", folder / "examples" / "trilingual")
    for shared in ("templates", "locales"):
        (folder / shared).symlink_to(ROOT / shared, target_is_directory=True)
    url = serve_folder(folder / "www", "")
    site_dir = folder / "www"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "briefing"), "build", "--site-url", url, "--today", TODAY.isoformat(),
         "--site-dir", str(site_dir)],
        cwd=folder / "examples" / "trilingual", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return Served(url, site_dir, folder / "examples" / "trilingual" / ".build")


@pytest.fixture(scope="session")
def real_site(published) -> Path:
    return published.site_dir


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory, fixture_seeds) -> Path:
    """The fixture briefing (Acme Robotics), built once for https://briefing.example.org/ on ``TODAY``."""
    folder = tmp_path_factory.mktemp("fixture-site")
    project = Project(root=ROOT, seeds=fixture_seeds, build_dir=folder / "build", site_dir=folder / "site")
    build(project, site_url="https://briefing.example.org/", today=TODAY)
    return project.site_dir
