"""Live preview for editors: MkDocs' live-reload server around our whole pipeline.

Every change under ``seeds/``, ``content/``, ``templates/``, ``locales/`` or to ``mkdocs.yml``
rebuilds the site into the build folder and reloads the open pages. A build that fails prints
every problem and keeps serving the last good site. The pages are served as soon as MkDocs has
built them; the search index follows (``LateIndex``): Pagefind indexes every page of a language
again whatever changed, which at 2,000 pages takes longer than the rest of the rebuild.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import click
from mkdocs.livereload import LiveReloadServer

from .assemble import kept_site
from .cache import Memory
from .mkdocs_build import Workers
from .plugin.pagefind import BUNDLE, command
from .problems import BuildError
from .project import Project
from .site import build


class LateIndex:
    """The preview's search index, made once its pages are served: Pagefind indexes each
    language's kept site (``.build/<lang>/site/``) into ``pagefind.new/`` beside the served
    index, which it then replaces. A rebuild stops it first, so an index never lands on a site
    built after it started."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []
        self.thread: threading.Thread | None = None

    def start(self, project: Project, languages: list[str]) -> None:
        folders = [(kept_site(project.build_dir / language / "mkdocs.yml"),
                    project.site_dir / (language if position else "") / BUNDLE)
                   for position, language in enumerate(languages)]  # the first language is at the root
        for _, served in folders:
            shutil.rmtree(served.with_name(BUNDLE + ".new"), ignore_errors=True)
        self.processes = [subprocess.Popen(command(site, served.with_name(BUNDLE + ".new")),
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                          for site, served in folders]
        self.thread = threading.Thread(target=self._replace, args=(self.processes, folders), daemon=True)
        self.thread.start()

    @staticmethod
    def _replace(processes: list[subprocess.Popen], folders: list[tuple[Path, Path]]) -> None:
        started = time.perf_counter()
        if [process.wait() for process in processes] != [0] * len(processes):
            return  # stopped by a rebuild, or failed: the next rebuild makes another
        for _, served in folders:
            fresh, old = served.with_name(BUNDLE + ".new"), served.with_name(BUNDLE + ".old")
            if served.is_dir():
                served.rename(old)
            fresh.rename(served)
            shutil.rmtree(old, ignore_errors=True)
        click.echo(f"search index rebuilt in {time.perf_counter() - started:.2f} s", err=True)

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
        if self.thread:
            self.thread.join()
        self.processes, self.thread = [], None


def serve(project: Project, host: str, port: int) -> None:
    preview = replace(project, site_dir=project.build_dir / "preview")
    url = f"http://{host}:{port}/"
    workers = Workers()  # kept between rebuilds: MkDocs and Material are imported once
    memory = Memory()  # and the briefings, read and checked, while their files stay the same
    index = LateIndex()

    def rebuild() -> None:
        index.stop()
        try:
            # The preview skips the PDFs (they cost more than the rest of a rebuild), and makes
            # the search index once the pages are served.
            result = build(preview, site_url=url, today=date.today(), pdfs=False, workers=workers, search=False,
                           memory=memory)
        except BuildError as error:
            click.echo(error.report(), err=True)
            click.echo("build failed: still serving the last good site", err=True)
            return
        click.echo(f"rebuilt in {result.timings['total']:.2f} s", err=True)
        if not result.unchanged:
            index.start(preview, list(result.pages))

    rebuild()
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
    logging.basicConfig(format="%(message)s")
    # Poll often: the inputs are a few hundred small files at most, and an editor waits on every
    # save; and start the build 50 ms after the last change seen rather than MkDocs' 100 ms.
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(preview.site_dir),
                              polling_interval=0.05)
    server.build_delay = 0.05
    for path in (project.seeds, project.content, project.templates, *project.catalog_folders, project.config_file):
        if path.exists():
            server.watch(str(path))
    click.echo(f"serving on {url} (Ctrl+C to stop)", err=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        index.stop()
        workers.close()
