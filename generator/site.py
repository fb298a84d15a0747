"""The build, as its recipe: gather -> check -> plan -> render -> data files -> assemble ->
build with MkDocs -> finish.

Every input is gathered and checked before anything is written; everything is written into
the build folder; ``content/`` and ``seeds/`` are only read; and ``site/`` is replaced in one
rename once every language has built, so that a failed build leaves the last good site.
The PDFs need only the checked inputs and the plan: they are typeset in a thread from there to
MkDocs' end (Typst lays out without Python's lock, on the core the renderer leaves).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from .assemble import assemble
from .cache import Cache, Memory
from .check import check
from .data import data_files
from .finish import finish, restore_interrupted_swap, staging_folder, swap_into_place
from .gather import gather
from .locking import exclusive
from .mkdocs_build import Workers, build_with_mkdocs
from .pdf import typeset
from .plan import plan as plan_site
from .problems import BuildError, Problems
from .progress import Display, Phases
from .project import Project
from .render import render
from .shards import Shard, inputs_digest, read_parts, write_part
from .unchanged import inputs_key, record, recorded


@dataclass
class BuildResult:
    """What a build produced, for the command line and the benchmarks."""

    pages: dict[str, int]
    """Pages per language."""
    briefings: int
    warnings: Problems
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase, and ``total``; ``pdf`` (the PDFs) and ``search`` (the slower language's
    Pagefind index) run during ``mkdocs`` and are not added."""
    unchanged: bool = False
    """Nothing to do: the site in place is the build of these inputs (``unchanged``)."""


def build(project: Project, site_url: str | None = None, today: date | None = None,
          strict: bool = False, parallel: bool = True, pdfs: bool = True,
          workers: Workers | None = None, display: Display | None = None, cache: bool = True,
          shard: Shard | None = None, shard_dir: Path | None = None, search: bool = True,
          memory: Memory | None = None) -> BuildResult:
    """The whole pipeline into ``project.site_dir``; raises BuildError with every problem found.

    ``pdfs=False`` skips the PDFs (the live preview); ``workers`` are MkDocs worker processes
    kept by the caller between builds (the live preview), else started for this build when
    ``parallel``; ``display`` shows the phases as they run (the command line's); ``cache=False``
    builds cold, and stores nothing. With ``shard``, only that share of the languages and PDFs is
    built, into ``shard_dir`` (see ``shards``); ``site/`` is left alone. ``search=False`` leaves
    the search index as the last build made it, for the caller to make (the live preview).
    ``memory`` keeps what the build cache gave this build, decoded, for the caller's next build
    (the live preview: its briefings and their checks are not unpickled again)."""
    if workers is None and parallel:
        with Workers() as started:
            return build(project, site_url, today, strict, parallel, pdfs, started, display, cache, shard, shard_dir,
                         search, memory)
    with exclusive(project.build_dir), _frozen_inputs():  # one build at a time in a build folder
        return _build(project, site_url, today, strict, pdfs, workers, display, cache, shard, shard_dir, search,
                      memory)


@contextlib.contextmanager
def _frozen_inputs():
    """The gathered inputs live as long as the build: at 200 briefings, millions of objects that
    each of Python's full collections would scan again (a third of what gather and check took).
    Gather runs with the collector paused (``_gather``); what it made is then frozen out of its
    reach (``gc.freeze``) until the build ends. Objects are still freed when unreferenced."""
    try:
        yield
    finally:
        gc.unfreeze()


def _gather(project: Project, today: date | None, cache: Cache):
    collecting = gc.isenabled()
    gc.disable()
    try:
        return gather(project, today, cache)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _build(project: Project, site_url: str | None, today: date | None, strict: bool, pdfs: bool,
           workers: Workers | None, display: Display | None, cache: bool, shard: Shard | None,
           shard_dir: Path | None, search: bool, memory: Memory | None) -> BuildResult:
    restore_interrupted_swap(project.build_dir, project.site_dir)
    if memory is not None:
        memory.next_build()
    kept = Cache(project.build_dir / "cache", enabled=cache, memory=memory)
    phases = Phases(display)
    key = None
    if kept.enabled and not shard:
        with phases.phase("compare"):  # is the site in place the build of these inputs?
            key = inputs_key(kept, project, today or date.today(), site_url, pdfs)
            same = recorded(kept, key, project.site_dir)
        if same:
            if strict and same.warnings.warnings:
                raise BuildError(same.warnings, "check", strict=True)
            return BuildResult(same.pages, same.briefings, same.warnings,
                               {**phases.timings, "total": sum(phases.timings.values())}, unchanged=True)
    with phases.phase("gather"):
        inputs = _gather(project, today, kept)
    with phases.phase("check"):
        warnings = check(inputs, strict, kept)
    url = inputs.base_url(site_url)
    with phases.phase("plan"):
        plan = plan_site(inputs.briefings, inputs.content, inputs.languages, inputs.translations)
    overlapped: dict[str, float] = {}
    takes = shard.takes if shard else (lambda position: True)  # which languages and PDFs this build makes
    with _beside(lambda going: typeset(inputs, plan, kept, lambda position: going() and takes(position))
                 if pdfs else {}, overlapped, "pdf") as typeset_pdfs:  # the PDFs, from here to MkDocs' end
        with phases.phase("render", total=sum(len(plan.in_language(lang)) for lang in inputs.languages),
                          unit="pages") as step:
            rendered = render(inputs, plan, kept, jinja_cache=project.build_dir / "jinja-cache", step=step)
        with phases.phase("data"):
            data = data_files(inputs, plan, url, kept)
        with phases.phase("assemble"):
            builds = assemble(inputs, plan, rendered, data, url, reuse=kept.enabled)
        pages = rendered.count()
        del rendered, data  # written into the docs
        _give_back_memory()
        builds = [language_build for position, language_build in enumerate(builds) if takes(position)]
        with phases.phase("mkdocs", total=len(builds), unit="languages") as step:
            documents = build_with_mkdocs(builds, project.config_file, workers, typeset_pdfs, step=step,
                                          incremental=kept.enabled, timings=overlapped, search=search)
    with phases.phase("finish"):
        sites = {language_build.language: language_build.site for language_build in builds}
        if shard:
            write_part(shard_dir, shard, inputs_digest(project, url, inputs.today), sites, documents)
        else:
            staging = staging_folder(project.build_dir, reuse=kept.enabled)
            finish(inputs, plan, sites, documents, url, staging, search)
            swap_into_place(staging, project.site_dir)
    if key and search and key == inputs_key(kept, project, inputs.today, site_url, pdfs):  # nothing changed meanwhile
        record(kept, key, project.site_dir, warnings, pages, len(inputs.briefings))
    timings = {**phases.timings, "total": sum(phases.timings.values()), **overlapped}
    return BuildResult(pages, len(inputs.briefings), warnings, timings)


def _give_back_memory() -> None:
    """Return to the system what the render, data and assemble phases freed: glibc's allocator
    keeps freed memory for the process otherwise, through MkDocs, the PDFs and the search index
    (at 200 briefings, 0.19 GB of the main process in a cold build)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # another C library: nothing to trim
        pass


@contextlib.contextmanager
def _beside(work: Callable[[Callable[[], bool]], Any], timings: dict[str, float], name: str):
    """Run ``work`` in a thread while the block runs; the block gets a function that waits for
    its result. ``work`` is given a function that says whether to go on: if the block fails,
    the thread is told to stop and waited for, so that nothing outlives the build (its lock)."""
    going = threading.Event()
    going.set()
    result: dict[str, Any] = {}

    def run() -> None:
        started = time.perf_counter()
        try:
            result["value"] = work(going.is_set)
        except BaseException as error:  # raised again by ``wait``
            result["error"] = error
        timings[name] = time.perf_counter() - started

    thread = threading.Thread(target=run, name=name, daemon=True)

    def wait() -> Any:
        thread.join()
        if "error" in result:
            raise result["error"]
        return result["value"]

    thread.start()
    try:
        yield wait
    finally:
        going.clear()
        thread.join()


def merge(project: Project, parts: list[Path], site_url: str | None = None, today: date | None = None) -> None:
    """``site/`` from the N parts of a sharded build of the same inputs (see ``shards``)."""
    with exclusive(project.build_dir):
        _merge(project, parts, site_url, today)


def _merge(project: Project, parts: list[Path], site_url: str | None, today: date | None) -> None:
    inputs = gather(project, today)
    check(inputs)
    url = inputs.base_url(site_url)
    plan = plan_site(inputs.briefings, inputs.content, inputs.languages, inputs.translations)
    outputs, documents = read_parts(parts, inputs_digest(project, url, inputs.today), inputs.languages)
    staging = staging_folder(project.build_dir)
    finish(inputs, plan, {language: outputs[language] for language in inputs.languages}, documents, url, staging)
    swap_into_place(staging, project.site_dir)
