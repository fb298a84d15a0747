"""`make bench`: measure build cost, scaling and live-reload latency; rewrite benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py [--sizes 1,10,100,250] [--quick] [--keep]

Everything runs against a snapshot of the project taken at the start (generator, seeds,
content, templates, catalogs, mkdocs.yml, Makefile) in ``benchmarks/.work/project``, so that
edits made while the benchmark runs do not mix into its numbers, and ``site/`` is not touched.

1. The real briefing: ``make site`` in the snapshot (wall, CPU, peak memory), the phases of
   the same build (``build_once.py``), and a cProfile of it.
2. Synthetic corpora of N copies of the real briefing (``corpus.py``), built by our pipeline.
3. The Markdown of each corpus built by plain ``mkdocs build``, one language after the other.
4. The same pages built by Hugo (``hugo_site.py``), if Debian's ``hugo`` can be installed.
5. Live reload under ``briefing serve`` (``live_reload.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import experiments  # noqa: E402
import hugo_site  # noqa: E402
import live_reload  # noqa: E402
import measure  # noqa: E402
import profiles  # noqa: E402
import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
WORK = BENCH / ".work"
SNAPSHOT = WORK / "project"
VENV = Path(sys.prefix)
SNAPSHOT_ITEMS = ["generator", "seeds", "content", "templates", "locales", "mkdocs.yml", "Makefile",
                  "pyproject.toml", "requirements.lock", "babel.cfg"]
LANGUAGES_FILE = "mkdocs.yml"

# Repetitions: medians of several runs, fewer for the big sizes (a 250-briefing build takes minutes).
REAL_RUNS = 5
CORPUS_RUNS = {1: 5, 10: 3, 100: 2, 250: 1}
PLAIN_RUNS = {1: 3, 10: 2, 100: 1, 250: 1}
HUGO_RUNS = {1: 5, 10: 5, 100: 3, 250: 3}
EDITS = 7


@dataclass
class Run:
    """One measured build: the process measurement plus what the build reported."""

    wall: float
    cpu: float
    tree_rss: int
    max_rss: int
    main_rss: int
    worker_rss: int
    phases: dict[str, float] = field(default_factory=dict)
    sampled: bool = False
    cpu_pressure: float | None = None


@dataclass
class SizeResult:
    briefings: int
    pages: int = 0
    pages_by_language: dict[str, int] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    html_bytes: int = 0
    html_files: int = 0
    output_bytes: int = 0
    markdown_bytes: int = 0
    """The Markdown our generator wrote, both languages."""
    plain: dict[str, list[Run]] = field(default_factory=dict)
    """Plain ``mkdocs build`` per language."""
    hugo: list[Run] = field(default_factory=list)
    hugo_pages: int = 0
    hugo_html_bytes: int = 0
    hugo_output_bytes: int = 0
    error: str = ""


@dataclass
class RealResult:
    make_site: list[Run] = field(default_factory=list)
    builds: list[Run] = field(default_factory=list)
    pages: int = 0
    error: str = ""


@dataclass
class Results:
    started: str = ""
    seconds: float = 0.0
    machine: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    source: str = ""
    real: RealResult = field(default_factory=RealResult)
    sizes: list[SizeResult] = field(default_factory=list)
    live: live_reload.LiveReload | None = None
    hugo_note: str = ""
    sampler_overhead: float | None = None
    cpu_pressure: float | None = None
    """Share of the run during which some task of the machine waited for a CPU (Linux PSI)."""
    yaml_loader: dict[str, float] = field(default_factory=dict)
    imports: dict[str, float] = field(default_factory=dict)
    markdown: dict[str, float] = field(default_factory=dict)
    import_breakdown: dict[str, float] = field(default_factory=dict)
    """Cumulative seconds of the heaviest modules imported by ``generator.site`` (``-X importtime``)."""
    profiles: dict[str, profiles.Profile | None] = field(default_factory=dict)
    experiments: dict[str, experiments.Comparison] = field(default_factory=dict)
    repetitions: dict[str, str] = field(default_factory=dict)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Environment --------------------------------------------------------------------------

def take_snapshot() -> None:
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    SNAPSHOT.mkdir(parents=True)
    for name in SNAPSHOT_ITEMS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, SNAPSHOT / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, SNAPSHOT / name)


def environment() -> dict[str, str]:
    """Subprocesses import the snapshot's generator, not the working tree's."""
    return {**os.environ, "PYTHONPATH": str(SNAPSHOT)}


def describe_machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    system = platform.platform()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        for line in os_release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
    load = os.getloadavg()
    return {"CPU": cpu, "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
            "memory": f"{memory / 1024 / 1024:.1f} GiB", "system": system,
            "Python": platform.python_version(),
            "load average at start": f"{load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (1, 5, 15 min)"}


def describe_versions(hugo: Path | None) -> dict[str, str]:
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "Jinja2", "Babel", "Markdown", "pymdown-extensions",
                    "pydantic", "PyYAML"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    import yaml

    versions["PyYAML"] += " (libyaml C loader available)" if hasattr(yaml, "CSafeLoader") else " (no libyaml)"
    if hugo:
        output = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.strip()
        versions["hugo"] = output.split("+")[0].removeprefix("hugo ").strip() or output
    else:
        versions["hugo"] = "not available"
    return versions


def describe_source() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = [line for line in git("status", "--porcelain", "--", *SNAPSHOT_ITEMS).splitlines() if line]
    return f"commit {commit}" + (f" plus {len(changed)} uncommitted change{'s' if len(changed) != 1 else ''} "
                                 f"in the measured files" if changed else "")


def ensure_hugo() -> tuple[Path | None, str]:
    """Debian's ``hugo``; installed with apt-get when missing and allowed (root)."""
    found = shutil.which("hugo")
    if found:
        return Path(found), ""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None, "hugo is not installed and this user cannot install it (`apt-get install hugo` as root)"
    log("installing Debian's hugo package")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    attempt = subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], capture_output=True, text=True, env=env)
    if attempt.returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env)
        attempt = subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], capture_output=True, text=True, env=env)
    found = shutil.which("hugo")
    if found:
        return Path(found), ""
    reason = (attempt.stderr or attempt.stdout).strip().splitlines()[-1:] or ["unknown error"]
    return None, f"`apt-get install hugo` failed: {reason[0]}"


def languages() -> list[str]:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((SNAPSHOT / LANGUAGES_FILE).read_text(encoding="utf-8"), Loader=_Loader) or {}
    return list((config.get("extra") or {}).get("languages") or ["en"])


# --- Measuring ----------------------------------------------------------------------------

def _run_record(result: measure.Measurement, phases: dict | None = None, sampled: bool = False) -> Run:
    return Run(wall=result.wall, cpu=result.cpu, tree_rss=result.tree_rss, max_rss=result.max_rss,
               main_rss=result.peak_by_role.get("main", 0), worker_rss=result.peak_by_role.get("children", 0),
               phases=phases or {}, sampled=sampled, cpu_pressure=result.cpu_pressure)


def _failure(result: measure.Measurement) -> str:
    tail = (result.stderr or result.stdout).strip().splitlines()[-8:]
    return f"`{' '.join(result.command[:3])} ...` exited with {result.returncode}: " + " / ".join(tail)


def build_once(work: Path, seeds: Path | None = None, content: Path | None = None,
               samples: Path | None = None, cprofile: Path | None = None) -> tuple[measure.Measurement, dict]:
    """One ``generator.site.build`` in a fresh process (see build_once.py)."""
    result_file = work / "build.json"
    result_file.unlink(missing_ok=True)
    command = [str(VENV / "bin" / "python"), str(BENCH / "build_once.py"), "--root", str(SNAPSHOT),
               "--build-dir", str(work / ".build"), "--site-dir", str(work / "site"), "--result", str(result_file)]
    if seeds:
        command += ["--seeds", str(seeds), "--content", str(content)]
    if samples:
        shutil.rmtree(samples, ignore_errors=True)
        command += ["--samples", str(samples)]
    if cprofile:
        command += ["--cprofile", str(cprofile)]
    result = measure.run(command, cwd=work, env=environment())
    data = json.loads(result_file.read_text()) if result.ok and result_file.exists() else {}
    return result, data


def _phases(data: dict) -> dict[str, float]:
    phases = {"import": data.get("import", 0.0)}
    phases.update({name: seconds for name, seconds in data.get("timings", {}).items() if name != "total"})
    return phases


def bench_real(results: Results) -> None:
    real = results.real
    work = WORK / "real"
    work.mkdir(parents=True, exist_ok=True)
    stamp = VENV / ".installed"
    make = ["make", "-s", "-o", str(stamp), "site", f"VENV={VENV}"]
    warm_up = measure.run(make, cwd=SNAPSHOT, env=environment(), output_dir=work)  # bytecode, catalogs
    if not warm_up.ok:
        real.error = _failure(warm_up)
        return
    log(f"real briefing: `make site` x{REAL_RUNS}")
    for _ in range(REAL_RUNS):
        result = measure.run(make, cwd=SNAPSHOT, env=environment(), output_dir=work)
        if not result.ok:
            real.error = _failure(result)
            return
        reported = re.search(r" in ([0-9.]+) s\s*$", result.stdout.strip())
        real.make_site.append(_run_record(result, {"build": float(reported.group(1))} if reported else None))
    log(f"real briefing: phases of the same build x{REAL_RUNS}")
    for _ in range(REAL_RUNS):
        result, data = build_once(work)
        if not result.ok:
            real.error = _failure(result)
            return
        real.builds.append(_run_record(result, _phases(data)))
        real.pages = sum(data["pages"].values())
    log("real briefing: cProfile (both languages in one process)")
    result, _ = build_once(work, cprofile=work / "real.prof")
    if result.ok:
        results.profiles["real"] = profiles.from_cprofile(
            work / "real.prof", "Real briefing, cProfile, both languages built in one process")
    log("real briefing: plain `mkdocs build` with and without a template bytecode cache")
    results.experiments["template cache"] = experiments.template_cache(
        work / ".build" / languages()[0] / "mkdocs.yml", WORK / "experiment-cache", VENV / "bin" / "mkdocs",
        environment())


def _output_sizes(site: Path) -> tuple[int, int, int]:
    html_bytes = html_files = total = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                html_bytes += size
                html_files += 1
    return html_bytes, html_files, total


def bench_size(briefings: int, largest: bool, results: Results, hugo: Path | None, keep: bool) -> SizeResult:
    size = SizeResult(briefings)
    work = WORK / f"corpus-{briefings}"
    log(f"{briefings} briefing(s): writing the corpus")
    seeds, content = corpus.make_corpus(work / "input", SNAPSHOT / "seeds", SNAPSHOT / "content", briefings)
    runs = CORPUS_RUNS.get(briefings, 1)
    for run in range(runs):
        sample = largest and run == runs - 1
        log(f"{briefings} briefing(s): our build, run {run + 1}/{runs}" + (" (sampling profiler)" if sample else ""))
        result, data = build_once(work, seeds, content, samples=work / "samples" if sample else None)
        if not result.ok:
            size.error = _failure(result)
            return size
        size.runs.append(_run_record(result, _phases(data), sampled=sample))
        size.pages_by_language = data["pages"]
        size.pages = sum(data["pages"].values())
    if briefings == 10 and results.sampler_overhead is None:
        log(f"{briefings} briefing(s): one more run with the sampling profiler, to measure its overhead")
        result, data = build_once(work, seeds, content, samples=work / "samples-overhead")
        if result.ok:
            plain = measure.median([run.cpu for run in size.runs])
            results.sampler_overhead = result.cpu / plain - 1
    if largest:
        results.profiles["largest-main"] = profiles.from_samples(
            work / "samples", f"{briefings} briefings, our build process (load, validate, render, assemble)", "main")
        results.profiles["largest-workers"] = profiles.from_samples(
            work / "samples", f"{briefings} briefings, the two MkDocs worker processes", "worker")
    size.html_bytes, size.html_files, size.output_bytes = _output_sizes(work / "site")
    shutil.rmtree(work / "site", ignore_errors=True)

    langs = list(size.pages_by_language)
    size.markdown_bytes = sum(path.stat().st_size for language in langs
                              for path in (work / ".build" / language / "docs").rglob("*.md"))
    for language in langs:
        size.plain[language] = []
    for run in range(PLAIN_RUNS.get(briefings, 1)):
        for language in langs:
            log(f"{briefings} briefing(s): plain `mkdocs build` ({language}), run {run + 1}")
            config = work / ".build" / language / "mkdocs.yml"
            result = measure.run([str(VENV / "bin" / "mkdocs"), "build", "-q", "-f", str(config)],
                                 cwd=work, env=environment())
            if not result.ok:
                size.error = "plain mkdocs: " + _failure(result)
                break
            size.plain[language].append(_run_record(result))
    first = langs[0] if langs else None
    if largest and first and size.plain.get(first):
        log(f"{briefings} briefing(s): plain `mkdocs build` ({first}) with a navigation pruned to the current section")
        comparison = experiments.pruned_nav(work / ".build" / first / "mkdocs.yml", WORK / "experiment-nav",
                                            VENV / "bin" / "mkdocs", environment())
        comparison.baseline = [run.wall for run in size.plain[first]]
        comparison.baseline_rss = int(measure.median([run.max_rss for run in size.plain[first]]))
        comparison.baseline_html = experiments.html_per_page(
            experiments.site_dir_of(work / ".build" / first / "mkdocs.yml"))
        results.experiments["pruned navigation"] = comparison
    for language in langs:
        shutil.rmtree(experiments.site_dir_of(work / ".build" / language / "mkdocs.yml"), ignore_errors=True)

    if hugo:
        docs = {language: work / ".build" / language / "docs" for language in langs}
        size.hugo_pages = hugo_site.make_hugo_site(docs, langs, work / "hugo")
        for run in range(HUGO_RUNS.get(briefings, 3)):
            shutil.rmtree(work / "hugo" / "public", ignore_errors=True)
            result = measure.run([str(hugo), "--quiet", "-s", str(work / "hugo"), "-d", str(work / "hugo" / "public")],
                                 cwd=work, env=environment())
            if not result.ok:
                results.hugo_note = f"hugo failed on {briefings} briefings: " + _failure(result)
                break
            size.hugo.append(_run_record(result))
        log(f"{briefings} briefing(s): hugo x{len(size.hugo)}")
        size.hugo_html_bytes, _, size.hugo_output_bytes = _output_sizes(work / "hugo" / "public")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return size


def bench_live_reload(results: Results) -> None:
    project = WORK / "serve"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(SNAPSHOT, project, ignore=shutil.ignore_patterns("site", ".build"))
    log(f"live reload: {EDITS} edits under `briefing serve`")
    env = {**environment(), "PYTHONPATH": str(project)}
    results.live = live_reload.measure(project, VENV / "bin" / "briefing", env, edits=EDITS)


def bench_yaml_loader(results: Results) -> None:
    """The proposed change to the fact loader, measured: the same loader on libyaml's parser."""
    code = r"""
import json, sys, time, yaml
from pathlib import Path
from generator import loading
files = sorted(Path(sys.argv[1]).glob("*.yaml"))
class CLoader(yaml.CSafeLoader):
    file = ""
CLoader.yaml_implicit_resolvers = loading._Loader.yaml_implicit_resolvers
CLoader.yaml_constructors = dict(loading._Loader.yaml_constructors)
def parse(cls):
    out = []
    for path in files:
        loader = cls(path.read_text(encoding="utf-8"))
        loader.file, loader.duplicates = str(path), []
        out.append(loader.get_single_data())
        loader.dispose()
    return out
def best(function, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter(); function(); times.append(time.perf_counter() - start)
    return min(times)
def positions(value, found):
    if isinstance(value, dict):
        found.append((value.line, sorted(value.key_lines.items(), key=str)))
        for item in value.values(): positions(item, found)
    elif isinstance(value, list):
        found.append((getattr(value, "line", 0), getattr(value, "item_lines", [])))
        for item in value: positions(item, found)
    return found
python, c = parse(loading._Loader), parse(CLoader)
from generator.problems import Problems
print(json.dumps({"python": best(lambda: parse(loading._Loader)), "c": best(lambda: parse(CLoader)),
                  "read_yaml": best(lambda: [loading.read_yaml(path, Problems()) for path in files]),
                  "same": python == c and positions(python, []) == positions(c, [])}))
"""
    try:
        output = subprocess.run([str(VENV / "bin" / "python"), "-c", code, str(SNAPSHOT / "seeds" / "scale-ai")],
                                capture_output=True, text=True, env=environment(), timeout=120, cwd=SNAPSHOT)
        results.yaml_loader = json.loads(output.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, json.JSONDecodeError, IndexError, AttributeError):
        results.yaml_loader = {}


def bench_imports(results: Results) -> None:
    """Costs each build pays again: importing the generator, and a MkDocs build's one-time costs
    (imports, plugin discovery) measured as a first build against a second one in the same process."""
    config = SNAPSHOT / ".build" / languages()[0] / "mkdocs.yml"
    code = r"""
import json, logging, sys, time
start = time.perf_counter()
import generator.site
generator_import = time.perf_counter() - start
logging.getLogger("mkdocs").setLevel(logging.ERROR)
from mkdocs.commands.build import build
from mkdocs.config import load_config
times = []
for _ in range(2):
    start = time.perf_counter()
    build(load_config(config_file=sys.argv[1]))
    times.append(time.perf_counter() - start)
print(json.dumps({"generator": generator_import, "mkdocs_first": times[0], "mkdocs_again": times[1]}))
"""
    values: dict[str, list[float]] = {}
    for _ in range(3):
        output = subprocess.run([str(VENV / "bin" / "python"), "-c", code, str(config)], capture_output=True,
                                text=True, env=environment(), cwd=SNAPSHOT)
        try:
            for key, value in json.loads(output.stdout.strip().splitlines()[-1]).items():
                values.setdefault(key, []).append(value)
        except (json.JSONDecodeError, IndexError):
            return
    shutil.rmtree(SNAPSHOT / ".build" / "site.new", ignore_errors=True)
    results.imports = {key: measure.median(times) for key, times in values.items()}
    # Where the import time goes: python -X importtime, modules under generator.site of 15 ms or more.
    output = subprocess.run([str(VENV / "bin" / "python"), "-X", "importtime", "-c", "import generator.site"],
                            capture_output=True, text=True, env=environment(), cwd=SNAPSHOT)
    heavy = {}
    for line in output.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            depth = (len(name) - len(name.lstrip()) - 1) // 2
            if 1 <= depth <= 2 and int(parts[1]) >= 15000:
                heavy[name.strip()] = int(parts[1]) / 1e6
    results.import_breakdown = heavy


def bench_markdown(results: Results) -> None:
    """Python-Markdown on the real briefing's generated pages, with and without footnote definitions."""
    docs = SNAPSHOT / ".build" / languages()[0] / "docs"
    code = r"""
import json, re, sys, time
from pathlib import Path
import markdown
extensions = ["attr_list", "footnotes", "tables", "toc"]
configs = {"toc": {"permalink": True, "permalink_title": ""}}
footnote = re.compile(r"^\[\^[^\]]+\]:")
def best(text):
    times = []
    for _ in range(3):
        converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
        start = time.perf_counter(); converter.convert(text); times.append(time.perf_counter() - start)
    return min(times)
totals = {"all": 0.0, "without_footnotes": 0.0, "bytes": 0, "footnote_bytes": 0}
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    lines = text.splitlines()
    notes = [line for line in lines if footnote.match(line)]
    totals["all"] += best(text)
    totals["without_footnotes"] += best("\n".join(line for line in lines if not footnote.match(line)))
    totals["bytes"] += len(text.encode())
    totals["footnote_bytes"] += len("\n".join(notes).encode())
print(json.dumps(totals))
"""
    output = subprocess.run([str(VENV / "bin" / "python"), "-c", code, str(docs)], capture_output=True,
                            text=True, env=environment(), cwd=SNAPSHOT)
    try:
        results.markdown = json.loads(output.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        results.markdown = {}


def load_results(path: Path) -> Results:
    """The raw numbers of a run (``results.json``), to write RESULTS.md again without measuring."""
    data = json.loads(path.read_text(encoding="utf-8"))

    def runs(items: list[dict]) -> list[Run]:
        return [Run(**item) for item in items]

    def profile(item: dict | None) -> profiles.Profile | None:
        if item is None:
            return None
        rows = {key: [profiles.Row(**row) for row in item[key]] for key in ("components", "functions")}
        return profiles.Profile(**{**item, **rows})

    real = data.pop("real")
    sizes = data.pop("sizes")
    live = data.pop("live")
    return Results(
        **{key: value for key, value in data.items() if key not in ("profiles", "experiments")},
        real=RealResult(make_site=runs(real["make_site"]), builds=runs(real["builds"]), pages=real["pages"],
                        error=real["error"]),
        sizes=[SizeResult(**{**item, "runs": runs(item["runs"]), "hugo": runs(item["hugo"]),
                             "plain": {language: runs(items) for language, items in item["plain"].items()}})
               for item in sizes],
        live=live_reload.LiveReload(**live) if live else None,
        profiles={key: profile(item) for key, item in data["profiles"].items()},
        experiments={key: experiments.Comparison(**item) for key, item in data["experiments"].items()})


# --- Main ---------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,250", help="numbers of briefings in the corpora")
    parser.add_argument("--quick", action="store_true", help="one run of each, sizes 1 and 10, 3 edits")
    parser.add_argument("--keep", action="store_true", help="keep each corpus's outputs in benchmarks/.work")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--report-only", action="store_true",
                        help="write RESULTS.md again from the last run's benchmarks/.work/results.json")
    options = parser.parse_args()
    if options.report_only:
        options.output.write_text(report.render(load_results(WORK / "results.json")), encoding="utf-8")
        log(f"wrote {options.output} from {WORK / 'results.json'}")
        return 0
    global REAL_RUNS, EDITS
    sizes = [int(size) for size in options.sizes.split(",")]
    if options.quick:
        sizes = [size for size in sizes if size <= 10] or [1]
        REAL_RUNS, EDITS = 1, 3
        for table in (CORPUS_RUNS, PLAIN_RUNS, HUGO_RUNS):
            for key in table:
                table[key] = 1

    started = time.perf_counter()
    stalled = measure.cpu_stall_seconds()
    results = Results(started=time.strftime("%Y-%m-%d %H:%M %Z"))
    results.machine = describe_machine()
    hugo, results.hugo_note = ensure_hugo()
    results.versions = describe_versions(hugo)
    results.source = describe_source()
    results.repetitions = {
        "make site": f"{REAL_RUNS} run{'s' if REAL_RUNS != 1 else ''}",
        "phases": f"{REAL_RUNS} run{'s' if REAL_RUNS != 1 else ''}",
        "our build": ", ".join(f"{size}: {CORPUS_RUNS.get(size, 1)}" for size in sizes),
        "plain mkdocs": ", ".join(f"{size}: {PLAIN_RUNS.get(size, 1)}" for size in sizes),
        "hugo": ", ".join(f"{size}: {HUGO_RUNS.get(size, 3)}" for size in sizes), "live reload": f"{EDITS} edits"}
    log(f"snapshot of the project into {SNAPSHOT.relative_to(ROOT)} ({results.source})")
    take_snapshot()
    global_languages = languages()
    log(f"languages: {', '.join(global_languages)}")

    bench_yaml_loader(results)
    bench_real(results)
    bench_imports(results)
    bench_markdown(results)
    for size in sizes:
        results.sizes.append(bench_size(size, size == max(sizes), results, hugo, options.keep))
    bench_live_reload(results)
    results.seconds = time.perf_counter() - started
    load = os.getloadavg()
    results.machine["load average at the end"] = f"{load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (1, 5, 15 min)"
    if stalled is not None:
        share = results.cpu_pressure = (measure.cpu_stall_seconds() - stalled) / results.seconds
        results.machine["CPU pressure during the run"] = (
            f"{share:.0%} of the time some task waited for a CPU (Linux PSI; near 0% on an idle machine "
            "besides our own parallel work)")

    raw = WORK / "results.json"
    raw.write_text(json.dumps(asdict(results), indent=1, default=str), encoding="utf-8")
    options.output.write_text(report.render(results), encoding="utf-8")
    log(f"wrote {options.output.relative_to(ROOT) if options.output.is_relative_to(ROOT) else options.output} "
        f"in {results.seconds / 60:.1f} min (raw numbers: {raw.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
