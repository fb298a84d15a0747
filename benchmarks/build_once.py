"""One build of one project, in a fresh process, reporting its phases as JSON.

    python benchmarks/build_once.py --root DIR [--seeds DIR] [--content DIR] --build-dir DIR
        --site-dir DIR --result FILE [--samples DIR | --cprofile FILE]

This is ``briefing build`` without the command line: the same ``generator.site.build`` call,
plus the time spent importing the generator (Jinja2, Babel, pydantic, PyYAML) and the phase
timings ``build`` returns. ``--samples`` runs the sampling profiler (``sampling.py``) over the
whole process tree; ``--cprofile`` runs cProfile with both languages built in this process
(no workers), so that every call is counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

STARTED = time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--content", type=Path)
    parser.add_argument("--build-dir", type=Path, required=True)
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--samples", type=Path, help="folder for the sampling profiler's files")
    parser.add_argument("--cprofile", type=Path, help="file for cProfile's statistics (sequential build)")
    options = parser.parse_args()

    sampler = None
    if options.samples:
        from sampling import profile_process_tree

        sampler = profile_process_tree(options.samples)
    profiler = None
    if options.cprofile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()

    before_import = time.perf_counter()
    from generator.problems import BuildError
    from generator.site import Project, build

    imported = time.perf_counter()
    project = Project(root=options.root, seeds=options.seeds, content=options.content,
                      build_dir=options.build_dir, site_dir=options.site_dir)
    try:
        result = build(project, today=date.today(), parallel=profiler is None)
    except BuildError as error:
        print(error.report(), file=sys.stderr)
        return 1
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(options.cprofile)
        if sampler:
            sampler.stop_and_write()
    finished = time.perf_counter()
    options.result.write_text(json.dumps({
        "startup": before_import - STARTED,
        "import": imported - before_import,
        "timings": result.timings,
        "in_process": finished - STARTED,
        "pages": {language: len(pages) for language, pages in result.pages.items()},
        "briefings": len(result.briefings),
    }, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
