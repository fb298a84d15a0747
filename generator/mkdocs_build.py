"""Phase 7, build with MkDocs: each language's project, strictly, in parallel worker processes.

MkDocs' warnings are errors (``strict``); each is reported against the template or content
page the offending Markdown was rendered from. Each language's site is kept between builds
(``.build/<lang>/site/``): when nothing every page depends on changed (configuration and
navigation, theme, the list of pages, the generator), MkDocs builds only the pages whose
Markdown changed, and Material's assets are not copied again. ``meanwhile`` runs in this process while the
workers build (the build waits there for its PDFs), and its result is returned.

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
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .assemble import LanguageBuild
from .cache import ENVIRONMENT, digest, tree_digest
from .problems import BuildError, Problems
from .progress import Step


@dataclass
class Outcome:
    """What one language's MkDocs build said."""

    language: str
    messages: list[str]
    """Its warnings and errors."""
    ok: bool
    search: float = 0.0
    """Seconds Pagefind took to index it, within the build."""


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
                      incremental: bool = True, timings: dict[str, float] | None = None,
                      search: bool = True) -> Any:
    """Build every language (with ``workers``, side by side; without, one after the other in this
    process), each into its kept site (``LanguageBuild.site``); raise BuildError with every
    warning, located; else return what ``meanwhile`` returned. ``incremental=False`` builds every page again. ``timings``
    gets ``search``: the seconds the slowest language's search index took, within the build;
    ``search=False`` leaves the index to the caller (``serve``)."""
    if workers is not None and len(builds) > 1:
        futures = [workers.pool.submit(build_language, build, incremental, search) for build in builds]
        extra = meanwhile()
        outcomes = [_counted(future.result(), step) for future in futures]
    else:
        outcomes = [_counted(build_language(build, incremental, search), step) for build in builds]
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
    if timings is not None and outcomes:
        timings["search"] = max(outcome.search for outcome in outcomes)
    return extra


STATE = "site.json"
"""Beside a language's kept site (``.build/<lang>/site.json``): what its last build was made of."""


def shell_key(build: LanguageBuild) -> str:
    """What every page of a language depends on besides its own Markdown: the configuration
    (navigation included), the theme and hooks, the list of docs, the generator and libraries."""
    docs = build.config_file.parent / "docs"
    names = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())
    configuration = build.config_file.read_bytes() if build.config_file.is_file() else b""
    return digest(ENVIRONMENT, configuration, "\n".join(names),
                  *(tree_digest(path) if path.is_dir() else path.read_bytes() for path in build.reads))


def _files(site: Path) -> dict[str, list[int]]:
    return {path.relative_to(site).as_posix(): [(stat := path.stat()).st_size, stat.st_mtime_ns]
            for path in sorted(site.rglob("*")) if path.is_file()}


def reusable(build: LanguageBuild, key: str, state_file: Path) -> dict[str, Any] | None:
    """The last build's record of each page (from ``state_file``), if the kept site can be built
    on: same key, and each of its files as that build left it. A file that is not (touched,
    truncated, foreign, added) is removed, so that MkDocs writes it again; None builds the
    language whole."""
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
        if state["key"] != key or not build.site.is_dir():
            return None
        recorded, pages = state["files"], state["pages"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for relative, found in _files(build.site).items():
        if recorded.get(relative) != found:
            (build.site / relative).unlink()
    return pages


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build's navigation may be wrong; the plugin makes it right."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def build_language(build: LanguageBuild, incremental: bool = True, search: bool = True) -> Outcome:
    """Build one language's project with MkDocs, collecting its warnings.

    When the last build of the language left a record matching what every page depends on,
    the build is MkDocs' dirty one: only the pages whose Markdown is newer than their HTML (those
    the assemble phase rewrote) are built; the plugin completes what MkDocs knows of the others.
    The record is removed while the build runs, so that an interrupted or failed build is
    followed by a whole one."""
    import yaml
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    notice = _DirtyNotice()
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    state_file = build.config_file.parent / STATE
    ok, indexing = True, 0.0
    try:
        key = shell_key(build)
        previous = reusable(build, key, state_file) if incremental else None
        state_file.unlink(missing_ok=True)
        config = load_config(config_file=str(build.config_file))
        plugin = config.plugins.get("briefing")
        if plugin is not None:
            plugin.previous, plugin.search_later = previous, not search
        mkdocs_build(config, dirty=previous is not None)
        indexing = getattr(plugin, "search_seconds", 0.0)
        if plugin is not None:
            state = {"key": key, "files": _files(build.site), "pages": plugin.pages}
            state_file.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    except (MkDocsException, SystemExit, OSError, yaml.YAMLError) as error:
        ok = False
        if str(error) and not str(error).startswith("Aborted with"):
            collect.messages.append(str(error))
    finally:
        logger.removeHandler(collect)
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    return Outcome(build.language, collect.messages, ok, indexing)


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
