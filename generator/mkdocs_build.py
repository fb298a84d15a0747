"""Phase 7, build with MkDocs: each language's project, strictly, in parallel worker processes.

MkDocs' warnings are errors (``strict``); each is reported against the template or content
page the offending Markdown was rendered from. ``meanwhile`` runs in this process while the
workers build (the PDFs), and its result is returned.

The workers (``Workers``) are forked from a small server process that imported MkDocs, Material
and the plugin once, not from the build process: they do not inherit the rendered site (memory),
they start while the generator renders, and the live preview keeps them between rebuilds.
A worker ends as soon as the build process does, and its server then with it: a build killed
with SIGKILL leaves no process behind.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import select
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .assemble import LanguageBuild
from .cache import Cache, digest, tree_digest
from .problems import BuildError, Problems
from .progress import Step


@dataclass
class Outcome:
    """What one language's MkDocs build said."""

    language: str
    messages: list[str]
    """Its warnings and errors."""
    ok: bool


PRELOAD = ["mkdocs.commands.build", "mkdocs.config", "material", "generator.plugin", "generator.mkdocs_build"]
"""What the workers' server imports once, before any worker is forked from it."""


def _end_with_build(build: int) -> None:
    """In a worker: exit as soon as the build process ``build`` is gone. Python's workers would
    not: one blocks on a queue's lock its killed sibling held, and its server waits for it."""
    def watch() -> None:
        try:
            handle = os.pidfd_open(build)
        except (AttributeError, OSError):  # not Linux 5.3+: look twice a second instead
            while _alive(build):
                time.sleep(0.5)
        else:
            select.select([handle], [], [])  # readable once the process has exited
        os._exit(1)

    if not _alive(build):
        os._exit(1)
    threading.Thread(target=watch, daemon=True, name="end-with-build").start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Workers:
    """A pool of MkDocs worker processes (one per core), started at once."""

    def __init__(self, count: int | None = None):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self.count = count or max(1, min(2, os.cpu_count() or 1))
        self.pool = ProcessPoolExecutor(max_workers=self.count, mp_context=context, initializer=_end_with_build,
                                        initargs=(os.getpid(),))
        # Start the server and fork the workers now, from a thread: the server's imports (about
        # 0.7 s) then run on the other core while this process gathers and renders.
        self._warming = threading.Thread(target=lambda: [self.pool.submit(os.getpid) for _ in range(self.count)])
        self._warming.start()

    def close(self) -> None:
        self._warming.join()
        self.pool.shutdown()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def build_with_mkdocs(builds: list[LanguageBuild], config_file: Path, workers: Workers | None = None,
                      meanwhile: Callable[[], Any] = lambda: None, step: Step | None = None,
                      cache: Cache | None = None) -> Any:
    """Build every language (with ``workers``, side by side; without, one after the other in this
    process); raise BuildError with every warning, located; else return what ``meanwhile`` returned.

    A language whose docs, configuration and theme did not change since a build that ``cache``
    kept is not built again: its output is restored from the cache."""
    cache = cache or Cache(Path(), enabled=False)
    keys = {build.language: site_key(cache, build) for build in builds}
    reused = [build for build in builds if restore(cache, keys[build.language], build.output)]
    if step:
        step.advance(len(reused))
    builds = [build for build in builds if build not in reused]
    if workers is not None and len(builds) > 1:
        futures = [workers.pool.submit(build_language, build.config_file) for build in builds]
        extra = meanwhile()
        outcomes = [_counted(future.result(), step) for future in futures]
    else:
        outcomes = [_counted(build_language(build.config_file), step) for build in builds]
        extra = meanwhile()
    problems = Problems()
    for build, outcome in zip(builds, outcomes):
        for message in outcome.messages:
            path, line = locate_message(message, build.sources, config_file)
            problems.error(path, line, f"mkdocs ({build.language})", message)
        if not outcome.ok and not outcome.messages:
            problems.error(config_file, 1, f"mkdocs ({build.language})", "the build failed")
    if problems:
        raise BuildError(problems, "build")
    for build in builds:
        store(cache, keys[build.language], build.output)
    return extra


def site_key(cache: Cache, build: LanguageBuild) -> str:
    """A language's MkDocs output depends on its docs, its configuration and what else it reads."""
    docs = build.config_file.parent / "docs"
    configuration = build.config_file.read_bytes() if build.config_file.is_file() else b""
    return cache.key("site", tree_digest(docs), configuration,
                     *(tree_digest(path) if path.is_dir() else path.read_bytes() for path in build.reads))


def restore(cache: Cache, key: str, output: Path) -> bool:
    """Write a language's cached MkDocs output into ``output``; False (and nothing kept) when the
    entry or any of its files is missing or damaged. Every file is checked, so that each damaged
    one is removed now and stored again by the build that follows."""
    manifest = cache.get("site", key)
    if manifest is None:
        return False
    shutil.rmtree(output, ignore_errors=True)
    whole = True
    for relative, blob in json.loads(manifest).items():
        data = cache.get("blob", blob)
        whole = whole and data is not None
        if whole:
            (output / relative).parent.mkdir(parents=True, exist_ok=True)
            (output / relative).write_bytes(data)
    if not whole:
        shutil.rmtree(output, ignore_errors=True)
    return whole


def store(cache: Cache, key: str, output: Path) -> None:
    """Keep a language's MkDocs output: each file once by its content, and the list of them."""
    if not cache.enabled:
        return
    manifest = {}
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        manifest[str(path.relative_to(output))] = blob = digest(data)
        if not cache.has("blob", blob):  # the files an edit did not change are stored already
            cache.put("blob", blob, data)
    cache.put("site", key, json.dumps(manifest, sort_keys=True).encode("utf-8"))


def _counted(outcome: Outcome, step: Step | None) -> Outcome:
    if step:
        step.advance()
    return outcome


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_language(config_file: Path) -> Outcome:
    """Build one language's project with MkDocs, collecting its warnings."""
    import yaml
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    ok = True
    try:
        config = load_config(config_file=str(config_file))
        mkdocs_build(config)
    except (MkDocsException, SystemExit, OSError, yaml.YAMLError) as error:
        ok = False
        if str(error) and not str(error).startswith("Aborted with"):
            collect.messages.append(str(error))
    finally:
        logger.removeHandler(collect)
    return Outcome(config_file.parent.name, collect.messages, ok)


_DOC_MESSAGE = re.compile(r"Doc file '(?P<doc>[^']+)' contains (?:a|an unrecognized relative) link '(?P<link>[^']+)'")


def locate_message(message: str, sources: dict[str, str], fallback: Path) -> tuple[str, int]:
    """The file and line behind an MkDocs warning about a generated page.

    MkDocs names the generated Markdown file; we name the content page or template it was
    rendered from, at the first line that contains the offending link.
    """
    match = _DOC_MESSAGE.search(message)
    if not match or match["doc"] not in sources:
        return str(fallback), 1
    source = Path(sources[match["doc"]])
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return str(source), 1
    target = match["link"].split("#")[0] or match["link"]
    line = next((number for number, text in enumerate(lines, start=1) if target in text), 1)
    return str(source), line
