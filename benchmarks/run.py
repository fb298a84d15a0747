"""`make bench`: measure what a build costs and how it scales; write RESULTS.md and results.json.

    .venv/bin/python benchmarks/run.py [--smoke | --quick | --sizes 1,10,100,200] [--output DIR]
        [--work DIR] [--keep] [--report-only]

Everything runs against a snapshot of the project taken at the start (``<work>/project``), so
edits made meanwhile do not leak into the numbers and the working tree's ``site/`` and
``.build/`` are left alone:

1. the real briefing: the phases of a cold ``generator.site.build`` (``build_once.py``), ``make site``
   cold and with no change (wall, CPU, peak memory of the process tree) and a pyinstrument profile;
2. synthetic corpora of N copies of the real briefing (``corpus.py``), built cold by our pipeline,
   their Markdown built by plain ``mkdocs build`` and, if ``hugo`` is installed, by Hugo, then
   rebuilt with the build cache: filling it, with no change, after a one-fact edit;
3. what a reader downloads from the largest corpus's site (``payload.py``);
4. live reload latency under ``briefing serve`` (``live_reload.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import time
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import hugo_site  # noqa: E402
import live_reload  # noqa: E402
import measure  # noqa: E402
import payload  # noqa: E402
import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
BIN = Path(sys.prefix) / "bin"
SNAPSHOT_ITEMS = ["generator", "seeds", "content", "templates", "locales", "mkdocs.yml", "Makefile",
                  "pyproject.toml", "requirements.lock", "babel.cfg"]
VERSIONS = ["mkdocs", "mkdocs-material", "Jinja2", "Babel", "Markdown", "pymdown-extensions", "pydantic",
            "PyYAML", "typst", "psutil", "pyinstrument"]

# Repetitions (medians are reported); sizes not listed run once. "reader": pages opened by payload.py.
MODES = {
    "full": {"sizes": [1, 10, 100, 200], "real": 5, "warm_up": True, "profile": True, "hugo": True, "edits": 7,
             "ours": {10: 3, 100: 2}, "plain": {1: 3, 10: 2}, "hugo_runs": {1: 5, 10: 5, 100: 3, 200: 3}, "reader": 4},
    "quick": {"sizes": [1, 10], "real": 1, "warm_up": True, "profile": True, "hugo": True, "edits": 3,
              "ours": {}, "plain": {}, "hugo_runs": {1: 1, 10: 1}, "reader": 4},
    "smoke": {"sizes": [1], "real": 1, "warm_up": False, "profile": False, "hugo": False, "edits": 0,
              "ours": {}, "plain": {}, "hugo_runs": {}, "reader": 1},
}
EDITED_FACT = "deal.amount"  # the one-fact edit: this money fact of the first briefing, 10% higher
PHASE_LINE = re.compile(r"^(\w+): (?:\d+ \w+, )?([\d.]+) s$", re.M)  # `briefing build` on stderr, not a terminal


class Failed(Exception):
    """A measured command exited with an error; the section records it and the run goes on."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Bench:
    def __init__(self, work: Path, mode: dict, keep: bool):
        self.work, self.mode, self.keep = work, mode, keep
        self.snapshot = work / "project"
        self.env = {**os.environ, "PYTHONPATH": str(self.snapshot)}  # the snapshot's generator, not the tree's

    def take_snapshot(self) -> None:
        shutil.rmtree(self.snapshot, ignore_errors=True)
        self.snapshot.mkdir(parents=True)
        for name in SNAPSHOT_ITEMS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, self.snapshot / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, self.snapshot / name)

    def measure(self, command: list, cwd: Path, env: dict | None = None, phases: bool = False) -> dict:
        result = measure.run(command, cwd=cwd, env=env or self.env)
        if result.pop("returncode"):
            raise Failed(f"`{' '.join(str(part) for part in command[:3])} ...` failed: " + result["output"][-1500:])
        output = result.pop("output")
        if phases:  # `briefing build`'s line per phase: "render: 12 pages, 0.41 s"
            result["phases"] = {name: float(value) for name, value in PHASE_LINE.findall(output)}
        return result

    def build_once(self, result_dir: Path, profile: bool = False, cold: bool = False, **folders: Path) -> dict:
        """One build in a fresh process (``cold``: ``cache=False``); its measurement, phases and pages."""
        result_dir.mkdir(parents=True, exist_ok=True)
        result_file = result_dir / "build.json"
        command = [BIN / "python", BENCH / "build_once.py", "--root", self.snapshot, "--result", result_file]
        command += ["--no-cache"] if cold else []
        for name, path in folders.items():
            command += [f"--{name.replace('_', '-')}", path]
        if profile:
            command += ["--profile", result_dir]
        run = self.measure(command, cwd=result_dir)
        return {**run, **json.loads(result_file.read_text(encoding="utf-8"))}

    def real(self) -> dict:
        real = {"builds": [], "make_site": [], "make_site_unchanged": [], "pages": 0, "profile": None, "error": ""}
        make = ["make", "-s", "-o", BIN.parent / ".installed", "site", f"VENV={BIN.parent}"]
        try:
            if self.mode["warm_up"]:
                log("real briefing: warm-up `make site` (bytecode, catalogs, template cache)")
                self.measure(make, self.snapshot)
            log(f"real briefing: phases of `generator.site.build` x{self.mode['real']}")
            for _ in range(self.mode["real"]):
                build = self.build_once(self.work / "real", cold=True)
                real["builds"].append(build)
                real["pages"] = sum(build["pages"].values())
            log(f"real briefing: cold `make site` x{self.mode['real']} (the build cache emptied before each)")
            for _ in range(self.mode["real"]):
                shutil.rmtree(self.snapshot / ".build" / "cache", ignore_errors=True)
                real["make_site"].append(self.measure(make, self.snapshot))
            log(f"real briefing: no-change `make site` x{self.mode['real']}")
            real["make_site_unchanged"] = [self.measure(make, self.snapshot, phases=True)
                                           for _ in range(self.mode["real"])]
            if self.mode["profile"]:
                log("real briefing: pyinstrument profile (both languages in one process)")
                real["profile"] = self.build_once(self.work / "profile", profile=True, cold=True)["profile"]
        except Failed as error:
            real["error"] = str(error)
        return real

    def size(self, briefings: int, real: dict) -> dict:
        """A corpus of N copies of the real briefing; 1 is the real briefing itself, its builds above."""
        size = {"briefings": briefings, "pages": 0, "runs": [], "plain": {}, "hugo": [], "error": ""}
        work = built = self.work / f"corpus-{briefings}"
        try:
            if briefings == 1:
                built, size["runs"] = self.snapshot, real["builds"]
                if not real["builds"]:
                    raise Failed(real["error"] or "the real briefing was not built")
            else:
                log(f"{briefings} briefings: writing the corpus")
                seeds, content = corpus.make_corpus(work / "input", self.snapshot / "seeds",
                                                    self.snapshot / "content", briefings)
                runs = self.mode["ours"].get(briefings, 1)
                for run in range(runs):
                    log(f"{briefings} briefings: our build, run {run + 1}/{runs}")
                    size["runs"].append(self.build_once(work, cold=True, seeds=seeds, content=content,
                                                        build_dir=work / ".build", site_dir=work / "site"))
            size["pages"] = sum(size["runs"][-1]["pages"].values())
            size["html_bytes"], size["html_files"], size["output_bytes"] = output_sizes(built / "site")
            languages = list(size["runs"][-1]["pages"])  # the site's order: the first one is at /
            configs = {path.parent.name: path for path in sorted((built / ".build").glob("*/mkdocs.yml"), key=lambda
                       path: languages.index(path.parent.name) if path.parent.name in languages else len(languages))}
            docs = {language: Path(yaml.safe_load(path.read_text(encoding="utf-8"))["docs_dir"])
                    for language, path in configs.items()}
            size["markdown_bytes"] = sum(path.stat().st_size for folder in docs.values()
                                         for path in folder.rglob("*.md"))
            for language, config in configs.items():
                runs = self.mode["plain"].get(briefings, 1)
                log(f"{briefings} briefing(s): plain `mkdocs build` ({language}) x{runs}")
                size["plain"][language] = [self.plain_mkdocs(config, built) for _ in range(runs)]
            hugo = shutil.which("hugo") if self.mode["hugo"] else None
            if hugo and docs:
                size["hugo_pages"] = hugo_site.make_hugo_site(docs, list(docs), work / "hugo")
                public = work / "hugo" / "public"
                runs = self.mode["hugo_runs"].get(briefings, 3)
                log(f"{briefings} briefing(s): hugo x{runs}")
                for _ in range(runs):
                    shutil.rmtree(public, ignore_errors=True)
                    size["hugo"].append(self.measure([hugo, "--quiet", "-s", work / "hugo", "-d", public], work))
                size["hugo_html_bytes"], size["hugo_html_files"], _ = output_sizes(public)
            size["rebuilds"] = self.rebuilds(briefings, work)
            if briefings == max(self.mode["sizes"]):
                log(f"{briefings} briefing(s): what a reader downloads (Chromium)")
                size["payload"] = self.payload(briefings, work / "site")
        except Failed as error:
            size["error"] = str(error)
        if not self.keep:
            shutil.rmtree(work, ignore_errors=True)
        return size

    def rebuilds(self, briefings: int, work: Path) -> dict:
        """With the build cache: a build that fills it, a rebuild with no change, one after a one-fact edit."""
        seeds, content, briefing = work / "input" / "seeds", work / "input" / "content", f"{corpus.REAL_BRIEFING}-0001"
        if briefings == 1:  # the real briefing, in a copy: the edit must not touch the snapshot
            shutil.rmtree(work / "input", ignore_errors=True)
            shutil.copytree(self.snapshot / "seeds", seeds)
            shutil.copytree(self.snapshot / "content", content)
            briefing = corpus.REAL_BRIEFING
        shutil.rmtree(work / ".build" / "cache", ignore_errors=True)
        runs = {}
        for name in ("first", "unchanged", "edit"):
            if name == "edit":
                corpus.edit_fact(seeds / briefing / "facts.yaml", EDITED_FACT)
            log(f"{briefings} briefing(s): rebuild with the cache, {name}")
            runs[name] = self.build_once(work / "rebuild", seeds=seeds, content=content,
                                         build_dir=work / ".build", site_dir=work / "site")
        return runs

    def payload(self, briefings: int, site: Path) -> dict:
        """One briefing's home and profile pages in each language, the first ``reader`` of them."""
        prefix = "" if briefings == 1 else f"{corpus.REAL_BRIEFING}-0001/"
        pages = {"French home": (prefix, "licenciements"), "English home": (f"en/{prefix}", "layoffs"),
                 "French profile": (f"{prefix}profil/", "licenciements"),
                 "English profile": (f"en/{prefix}profile/", "layoffs")}
        try:
            return payload.measure(site, dict(list(pages.items())[:self.mode["reader"]]))
        except Exception as error:  # Playwright's: the section says so, the run goes on
            return {"error": f"{type(error).__name__}: {error}", "pages": []}

    def plain_mkdocs(self, config: Path, cwd: Path) -> dict:
        run = self.measure([BIN / "mkdocs", "build", "-q", "-f", config], cwd)
        shutil.rmtree(yaml.safe_load(config.read_text(encoding="utf-8"))["site_dir"], ignore_errors=True)
        return run

    def live_reload(self) -> dict:
        project = self.work / "serve"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(self.snapshot, project, ignore=shutil.ignore_patterns("site", ".build"))
        log(f"live reload: {self.mode['edits']} edits under `briefing serve`")
        env = {**self.env, "PYTHONPATH": str(project)}
        return asdict(live_reload.measure(project, BIN / "briefing", env, edits=self.mode["edits"]))


def output_sizes(folder: Path) -> tuple[int, int, int]:
    """Bytes of HTML, number of HTML files, bytes of every file under ``folder``."""
    files = [path for path in folder.rglob("*") if path.is_file()]
    html = [path.stat().st_size for path in files if path.suffix == ".html"]
    return sum(html), len(html), sum(path.stat().st_size for path in files)


def describe_machine() -> dict[str, str]:
    import psutil

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    return {"CPU": cpu, "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
            "memory": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
            "system": platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
            + f", Linux {platform.release()}", "Python": platform.python_version(),
            "load average at start": "{:.2f}, {:.2f}, {:.2f} (1, 5, 15 min)".format(*os.getloadavg())}


def describe_versions() -> dict[str, str]:
    versions = {}
    for package in VERSIONS:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    hugo = shutil.which("hugo")
    versions["hugo"] = (measure.run([hugo, "version"], cwd=ROOT)["output"].split("+")[0].removeprefix("hugo ")
                        .strip() if hugo else "not installed")
    return versions


def describe_source() -> str:
    """The commit checked out, read from ``.git`` (no git command, no lock taken)."""
    head = (ROOT / ".git" / "HEAD").read_text().strip() if (ROOT / ".git" / "HEAD").is_file() else ""
    if not head.startswith("ref: "):
        return f"commit {head[:7] or 'unknown'}"
    ref = head[5:]
    loose = ROOT / ".git" / ref
    packed = ROOT / ".git" / "packed-refs"
    commit = loose.read_text().strip() if loose.is_file() else next(
        (line.split()[0] for line in (packed.read_text().splitlines() if packed.is_file() else [])
         if line.endswith(" " + ref)), "unknown")
    return f"commit {commit[:7]} on {ref.removeprefix('refs/heads/')} with the working tree's uncommitted changes"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--smoke", action="store_true", help="the real briefing only, one run each, no profile, "
                       "no Hugo, no live reload (checks the harness in seconds)")
    group.add_argument("--quick", action="store_true", help="one run of each, corpora of 1 and 10 briefings")
    group.add_argument("--sizes", help="numbers of briefings in the corpora (default 1,10,100,200)")
    parser.add_argument("--output", type=Path, help="folder for RESULTS.md and results.json (default: "
                        "benchmarks/RESULTS.md and benchmarks/.work/results.json; --smoke and --quick write "
                        "both into the work folder)")
    parser.add_argument("--work", type=Path, default=BENCH / ".work", help="snapshot and corpora (default "
                        "benchmarks/.work)")
    parser.add_argument("--keep", action="store_true", help="keep each corpus's outputs in the work folder")
    parser.add_argument("--report-only", action="store_true", help="write RESULTS.md again from results.json")
    options = parser.parse_args()
    name = "smoke" if options.smoke else "quick" if options.quick else "full"
    mode = dict(MODES[name], sizes=[int(size) for size in options.sizes.split(",")] if options.sizes
                else MODES[name]["sizes"])
    work = options.work.resolve()
    raw = (options.output or work) / "results.json"
    output = options.output / "RESULTS.md" if options.output else (
        work / "RESULTS.md" if name != "full" else BENCH / "RESULTS.md")
    if options.report_only:
        output.write_text(report.render(json.loads(raw.read_text(encoding="utf-8"))), encoding="utf-8")
        log(f"wrote {output} from {raw}")
        return 0

    started, stalled = time.perf_counter(), measure.cpu_stall_seconds()
    results = {"started": time.strftime("%Y-%m-%d %H:%M %Z"), "mode": name, "source": describe_source(),
               "machine": describe_machine(), "versions": describe_versions(),
               "repetitions": {"real": mode["real"], "edits": mode["edits"], **{
                   key: ", ".join(f"{size}: {runs.get(size, default)}" for size in mode["sizes"])
                   for key, runs, default in (("ours", {**mode["ours"], 1: mode["real"]}, 1),
                                              ("plain", mode["plain"], 1), ("hugo_runs", mode["hugo_runs"], 3))}}}
    bench = Bench(work, mode, options.keep)
    log(f"{name} run: snapshot of the project into {bench.snapshot} ({results['source']})")
    bench.take_snapshot()
    results["real"] = bench.real()
    results["sizes"] = [bench.size(size, results["real"]) for size in mode["sizes"]]
    results["hugo_note"] = ("" if shutil.which("hugo") else "hugo is not installed (`apt-get install hugo`)"
                            ) if mode["hugo"] else f"not run in a {name} run"
    results["live"] = bench.live_reload() if mode["edits"] else None
    results["seconds"] = time.perf_counter() - started
    results["machine"]["load average at the end"] = "{:.2f}, {:.2f}, {:.2f} (1, 5, 15 min)".format(*os.getloadavg())
    if stalled is not None:
        share = (measure.cpu_stall_seconds() - stalled) / results["seconds"]
        results["machine"]["CPU pressure during the run"] = f"{share:.0%} of the time some task waited for a CPU"

    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(results, indent=1), encoding="utf-8")
    output.write_text(report.render(results), encoding="utf-8")
    log(f"wrote {output} and {raw} in {results['seconds']:.1f} s")
    errors = [results["real"]["error"], *(size["error"] for size in results["sizes"]),
              *(size.get("payload", {}).get("error", "") for size in results["sizes"]),
              (results["live"] or {}).get("error", "")]
    for error in filter(None, errors):
        log(f"failed: {error}")
    return 1 if any(errors) else 0


if __name__ == "__main__":
    sys.exit(main())
