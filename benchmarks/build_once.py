"""One ``generator.site.build`` in a fresh process, writing its phases (and a profile) as JSON.

    python benchmarks/build_once.py --root DIR [--seeds DIR] [--content DIR] [--build-dir DIR]
        [--site-dir DIR] [--no-cache] --result FILE [--profile DIR] [--top 15]

This is ``briefing build`` without the command line: the phases are the time spent importing
the generator, then whatever ``BuildResult.timings`` holds, in its order. ``--no-cache`` builds
cold (``cache=False``: nothing reused from ``<build-dir>/cache/``, nothing stored). ``--profile`` runs the
build under pyinstrument with both languages in this process (``parallel=False``, so that
MkDocs is profiled too), writes ``profile.html`` into DIR and the heaviest functions into the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path


def top_functions(session, top: int) -> list[dict]:
    """Self and inclusive seconds of the functions that took most self time in the session."""
    from pyinstrument.frame_info import frame_info_get_identifier

    self_time: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for stack, seconds in session.frame_records:
        names = []
        for frame in stack:
            function, path, *_ = frame_info_get_identifier(frame).split("\x00") + ["", ""]
            if not function.startswith("["):  # pyinstrument's synthetic frames ([self], [await])
                names.append(f"`{function}` ({session.shorten_path(path)})")
        if names:
            self_time[names[-1]] += seconds
            for name in set(names):
                inclusive[name] += seconds
    return [{"name": name, "self": seconds, "inclusive": inclusive[name]}
            for name, seconds in self_time.most_common(top)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    for folder in ("--seeds", "--content", "--build-dir", "--site-dir", "--profile"):
        parser.add_argument(folder, type=Path)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--no-cache", action="store_true")
    options = parser.parse_args()
    profiler = None
    if options.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()

    started = time.perf_counter()
    from generator.problems import BuildError
    from generator.project import Project
    from generator.site import build

    imported = time.perf_counter()
    project = Project(root=options.root, seeds=options.seeds, content=options.content,
                      build_dir=options.build_dir, site_dir=options.site_dir)
    try:
        result = build(project, today=date.today(), parallel=profiler is None, cache=not options.no_cache)
    except BuildError as error:
        print(error.report(), file=sys.stderr)
        return 1
    data = {"phases": {"import": imported - started, **result.timings},
            "pages": result.pages, "briefings": result.briefings, "unchanged": result.unchanged}
    if profiler:
        session = profiler.stop()
        options.profile.mkdir(parents=True, exist_ok=True)
        (options.profile / "profile.html").write_text(profiler.output_html(), encoding="utf-8")
        data["profile"] = {"seconds": session.duration, "cpu": session.cpu_time, "samples": session.sample_count,
                           "functions": top_functions(session, options.top)}
    options.result.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
