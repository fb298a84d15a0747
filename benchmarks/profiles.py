"""Summaries of where the time goes: cProfile statistics and the sampler's stacks.

Both are reduced to the same two views:

* **by component**: self time grouped by who owns the code (our generator, our templates,
  Material's templates, MkDocs, Python-Markdown, Jinja2, PyYAML, pydantic, Babel...);
* **heaviest functions**: inclusive time of single functions, to say which step costs what.
"""

from __future__ import annotations

import json
import pstats
import sys
import sysconfig
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_STDLIB = str(Path(sysconfig.get_paths()["stdlib"]).resolve())

# Functions that only wait (for workers, a queue, a lock): shown apart from work.
_WAITING = {("threading.py", "wait"), ("connection.py", "_recv"), ("connection.py", "_poll"),
            ("selectors.py", "select"), ("queues.py", "get"), ("_base.py", "result"),
            ("connection.py", "wait"), ("connection.py", "recv_bytes"), ("popen_fork.py", "poll"),
            ("threading.py", "_wait_for_tstate_lock"), ("threading.py", "join"),
            ("process.py", "_chain_from_iterable_of_lists"), ("_base.py", "result_iterator"),
            ("process.py", "shutdown")}

_PACKAGES = {
    "mkdocs": "MkDocs", "material": "Material (Python)", "jinja2": "Jinja2 runtime",
    "markdown": "Python-Markdown", "pymdownx": "pymdown-extensions", "yaml": "PyYAML",
    "pydantic": "pydantic", "pydantic_core": "pydantic", "babel": "Babel",
    "markupsafe": "MarkupSafe", "watchdog": "watchdog", "pygments": "Pygments",
    "mkdocs_get_deps": "MkDocs", "pathspec": "MkDocs", "click": "click",
}


# Steps of the pipeline whose inclusive time is reported: (file ends with, function name or "").
PROBES = {
    "imports": ("<frozen importlib._bootstrap>", "_find_and_load"),
    "read YAML": ("generator/loading.py", "read_yaml"),
    "schema (pydantic)": ("pydantic/main.py", "model_validate"),
    "cross-checks": ("generator/validation.py", "check_consistency"),
    "load + validate": ("generator/site.py", "gather"),
    "render": ("generator/site.py", "render"),
    "render pages (ours)": ("generator/render.py", "render"),
    "footnotes (ours)": ("generator/render.py", "footnotes"),
    "format values (ours)": ("generator/render.py", "value"),
    "data exports (ours)": ("generator/export.py", ""),
    "assemble": ("generator/site.py", "assemble"),
    "pydantic docstrings": ("pydantic/_internal/_docs_extraction.py", "extract_docstrings_from_cls"),
    "MkDocs config": ("mkdocs/config/base.py", "load_config"),
    "Markdown to HTML": ("mkdocs/commands/build.py", "_populate_page"),
    "page templates": ("mkdocs/commands/build.py", "_build_page"),
    "navigation partials": ("material/templates/partials/nav-item.html", ""),
    "theme templates (404, sitemap)": ("mkdocs/commands/build.py", "_build_theme_template"),
    "search index": ("search/plugin.py", ""),
    "Jinja compile": ("jinja2/environment.py", "compile"),
    "copy static files": ("mkdocs/structure/files.py", "copy_static_files"),
}


def _matches(probe: tuple[str, str], file: str, function: str) -> bool:
    suffix, name = probe
    return file.endswith(suffix) and (not name or function == name)


@dataclass
class Row:
    name: str
    seconds: float
    share: float
    """Fraction of the profiled time (0-1)."""


@dataclass
class Profile:
    title: str
    seconds: float
    """Profiled time (wall for samples, total time for cProfile)."""
    components: list[Row]
    functions: list[Row]
    waiting: float = 0.0
    """Fraction of samples spent waiting (for the MkDocs workers, mostly)."""
    note: str = ""
    probes: dict[str, float] = field(default_factory=dict)
    """Inclusive share (0-1) of each step in ``PROBES``."""

    def seconds_of(self, probe: str) -> float:
        return self.probes.get(probe, 0.0) * self.busy_seconds

    @property
    def busy_seconds(self) -> float:
        return sum(row.seconds for row in self.components)


IMPORTING = "importing modules"


def component(path: str) -> str:
    """Who owns the code at ``path``."""
    if path.startswith("<frozen importlib"):
        return IMPORTING
    if path.endswith((".md.j2", ".j2")):
        return "our page templates (Jinja)"
    if path.endswith(".html"):
        if "/material/" in path:
            return "Material templates (Jinja)"
        return "our theme overrides (Jinja)" if "templates/theme" in path else "MkDocs templates (Jinja)"
    if path == "~":
        return "Python built-ins"
    if path.startswith("<frozen "):
        return f"stdlib ({path[len('<frozen '):-1]})"
    if path.startswith("<"):
        return f"generated code ({path})"
    if "/generator/" in path and "site-packages" not in path:
        return "our generator"
    if "/benchmarks/" in path:
        return "benchmark harness"
    if "site-packages/" in path:
        package = path.split("site-packages/", 1)[1].split("/", 1)[0]
        return _PACKAGES.get(package, package)
    resolved = str(Path(path).resolve()) if path.startswith("/") else path
    if resolved.startswith(_STDLIB):
        module = resolved[len(_STDLIB):].strip("/").split("/", 1)[0].removesuffix(".py")
        return f"stdlib ({module})"
    return "other"


def _short(path: str, function: str) -> str:
    if "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif "/generator/" in path:
        path = "generator/" + path.split("/generator/", 1)[1]
    elif path.startswith(_STDLIB):
        path = path[len(_STDLIB):].strip("/")
    else:
        path = "/".join(Path(path).parts[-2:])
    return f"`{function}` ({path})"


def from_cprofile(path: Path, title: str, top: int = 15) -> Profile:
    """Self time by component and the heaviest functions by cumulative time."""
    stats = pstats.Stats(str(path))
    total = stats.total_tt
    cumulative: list[tuple[float, str]] = []
    for (file, _line, function), (_calls, _primitive, _self_time, cum_time, _callers) in stats.stats.items():
        if file != "~" and function not in ("<module>",) and not file.startswith("<frozen"):
            cumulative.append((cum_time, _short(file, function)))
    cumulative.sort(reverse=True)
    functions = [Row(name, seconds, seconds / total) for seconds, name in cumulative
                 if seconds / total < 0.97][:top]
    probes = {}
    for label, probe in PROBES.items():
        matching = [cum for (file, _line, function), (_c, _p, _s, cum, _callers) in stats.stats.items()
                    if _matches(probe, file, function)]
        # Nested or recursive entries would count twice: the largest one is a lower bound.
        probes[label] = max(matching, default=0.0) / total
    return Profile(title, total, _rows(_attributed(stats), total), functions, probes=probes)


def from_samples(folder: Path, title: str, role: str, top: int = 15) -> Profile | None:
    """Self and inclusive shares from the sampler's files for one role (``main`` or ``worker``)."""
    files = sorted(folder.glob(f"{role}-*.json"))
    if not files:
        return None
    stacks: Counter[tuple[str, ...]] = Counter()
    seconds = 0.0
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        seconds += data["seconds"]
        for stack, count in data["stacks"]:
            stacks[tuple(stack)] += count
    total = sum(stacks.values())
    waiting = sum(count for stack, count in stacks.items() if stack and _is_waiting(stack[-1]))
    busy = total - waiting
    if not busy:
        return None
    by_component: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    probe_counts: Counter[str] = Counter()
    for stack, count in stacks.items():
        if not stack or _is_waiting(stack[-1]):
            continue
        by_component[_owner(stack)] += count
        names = set()
        for frame in set(stack):
            file, _line, function = frame.rsplit(":", 2)
            if function != "<module>" and not file.startswith("<frozen"):
                inclusive[_short(file, function)] += count
            names.add((file, function))
        for label, probe in PROBES.items():
            if any(_matches(probe, file, function) for file, function in names):
                probe_counts[label] += count
    busy_seconds = seconds * busy / total
    functions = [Row(name, busy_seconds * count / busy, count / busy)
                 for name, count in inclusive.most_common() if count / busy < 0.97][:top]
    components = [Row(row.name, busy_seconds * row.share, row.share)
                  for row in _rows(by_component, busy)]
    return Profile(title, seconds, components, functions, waiting / total,
                   note=f"{len(files)} process{'es' if len(files) > 1 else ''}, {total} samples",
                   probes={label: probe_counts[label] / busy for label in PROBES})


def _delegates(owner: str) -> bool:
    """Time in the standard library or built-ins is charged to whoever called them."""
    return owner.startswith("stdlib") or owner in ("Python built-ins", "other")


def _owner(stack: tuple[str, ...]) -> str:
    """The component a sample's time is charged to (the stack runs from outermost to innermost)."""
    if any(frame.endswith(":_find_and_load") and frame.startswith("<frozen importlib") for frame in stack):
        return IMPORTING
    for frame in reversed(stack):
        owner = component(frame.rsplit(":", 2)[0])
        if not _delegates(owner):
            return owner
    return component(stack[-1].rsplit(":", 2)[0])


def _attributed(stats: pstats.Stats) -> Counter[str]:
    """Self time by component, built-in and standard-library time charged to their callers."""
    memo: dict[tuple, dict[str, float]] = {}

    def shares(function: tuple, seen: frozenset) -> dict[str, float]:
        if function in memo:
            return memo[function]
        file, _line, name = function
        owner = IMPORTING if name == "<module>" else component(file)
        callers = stats.stats.get(function, (0, 0, 0, 0, {}))[4]
        total = sum(values[3] for values in callers.values())
        if not _delegates(owner) or function in seen or len(seen) > 8 or total <= 0:
            result = {owner: 1.0}
        else:
            combined: Counter[str] = Counter()
            for caller, values in callers.items():
                for key, fraction in shares(caller, seen | {function}).items():
                    combined[key] += fraction * values[3] / total
            result = dict(combined)
        memo[function] = result
        return result

    attributed: Counter[str] = Counter()
    for function, (_calls, _primitive, self_time, _cumulative, _callers) in stats.stats.items():
        for key, fraction in shares(function, frozenset()).items():
            attributed[key] += self_time * fraction
    return attributed


def _is_waiting(frame: str) -> bool:
    file, _line, function = frame.rsplit(":", 2)
    return (Path(file).name, function) in _WAITING


def _rows(counter: Counter[str], total: float) -> list[Row]:
    return [Row(name, value, value / total) for name, value in counter.most_common() if total]


if __name__ == "__main__":  # summarise a profile by hand: profiles.py FILE.prof | SAMPLES_DIR
    target = Path(sys.argv[1])
    if target.is_dir():
        profiles = [from_samples(target, "main process", "main"), from_samples(target, "workers", "worker")]
    else:
        profiles = [from_cprofile(target, target.name)]
    for profile in filter(None, profiles):
        print(f"## {profile.title}: {profile.seconds:.2f} s {profile.note}")
        for row in profile.components[:12]:
            print(f"  {row.share:6.1%} {row.seconds:8.2f} s  {row.name}")
        print("  --")
        for row in profile.functions:
            print(f"  {row.share:6.1%} {row.seconds:8.2f} s  {row.name}")
