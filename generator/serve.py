"""Live preview for editors: MkDocs' live-reload server around our whole pipeline.

Every change under ``seeds/``, ``content/``, ``templates/``, ``locales/`` or to ``mkdocs.yml``
rebuilds the site into the build folder and reloads the open pages. A build that fails prints
every problem and keeps serving the last good site.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import click
from mkdocs.livereload import LiveReloadServer

from .problems import BuildError
from .project import Project
from .mkdocs_build import Workers
from .site import build


def serve(project: Project, host: str, port: int) -> None:
    preview = replace(project, site_dir=project.build_dir / "preview")
    url = f"http://{host}:{port}/"
    workers = Workers()  # kept between rebuilds: MkDocs and Material are imported once

    def rebuild() -> None:
        try:
            # The preview skips the PDFs: they cost more than the rest of a rebuild.
            result = build(preview, site_url=url, today=date.today(), pdfs=False, workers=workers)
        except BuildError as error:
            click.echo(error.report(), err=True)
            click.echo("build failed: still serving the last good site", err=True)
            return
        click.echo(f"rebuilt in {result.timings['total']:.2f} s", err=True)

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
        workers.close()
