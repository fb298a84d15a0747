"""Prototypes of the recommended changes, measured on copies of a built project's MkDocs config.

Nothing here touches the generator, the theme or ``mkdocs.yml``: each experiment writes a
variant of ``.build/<lang>/mkdocs.yml`` into the benchmark's work folder and times plain
``mkdocs build`` on it, against the same command on the unchanged config.

* ``template_cache``: a MkDocs hook that gives the theme's Jinja environment a
  ``FileSystemBytecodeCache``, so that Material's templates are compiled once, not per build.
* ``pruned_nav``: a theme override of ``partials/nav.html`` that renders only the current
  section (and the pages outside sections), instead of every section's title in every page.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import measure

CACHE_HOOK = '''\
"""Benchmark prototype: compile the theme's templates once, keep them in a bytecode cache."""
import os

import jinja2


def on_env(env, config, files):
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(os.environ["BENCH_JINJA_CACHE"])
    return env
'''

_NAV_LOOP = "{{ item.render(nav_item, path, 1) }}"
_NAV_PRUNED = "{% if nav_item.active or not nav_item.children %}" + _NAV_LOOP + "{% endif %}"


@dataclass
class Comparison:
    baseline: list[float] = field(default_factory=list)
    variant: list[float] = field(default_factory=list)
    baseline_html: float = 0.0
    """Bytes of HTML per page."""
    variant_html: float = 0.0
    baseline_rss: int = 0
    variant_rss: int = 0
    note: str = ""


def _variant(config: Path, target: Path, change) -> Path:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site_dir"] = str(target / "site")
    change(data)
    target.mkdir(parents=True, exist_ok=True)
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def site_dir_of(config: Path) -> Path:
    return Path(yaml.safe_load(config.read_text(encoding="utf-8"))["site_dir"])


def html_per_page(site: Path) -> float:
    sizes = [path.stat().st_size for path in site.rglob("*.html") if path.name != "404.html"]
    return sum(sizes) / len(sizes) if sizes else 0.0


def _build(mkdocs: Path, config: Path, cwd: Path, env: dict[str, str]) -> measure.Measurement:
    return measure.run([str(mkdocs), "build", "-q", "-f", str(config)], cwd=cwd, env=env)


def template_cache(config: Path, work: Path, mkdocs: Path, env: dict[str, str], runs: int = 3) -> Comparison:
    """Plain ``mkdocs build`` of one language, without and with a template bytecode cache."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    hook = work / "jinja_cache_hook.py"
    hook.write_text(CACHE_HOOK, encoding="utf-8")
    baseline = _variant(config, work / "baseline", lambda data: None)
    variant = _variant(config, work / "cached",
                       lambda data: data.__setitem__("hooks", list(data.get("hooks") or []) + [str(hook)]))
    cached_env = {**env, "BENCH_JINJA_CACHE": str(work / "cache")}
    (work / "cache").mkdir()
    result = Comparison()
    first = _build(mkdocs, variant, work, cached_env)  # fills the cache
    if not first.ok:
        result.note = "the variant failed: " + (first.stderr or first.stdout)[-300:]
        return result
    for _ in range(runs):
        for path, env_, times in ((baseline, env, result.baseline), (variant, cached_env, result.variant)):
            run = _build(mkdocs, path, work, env_)
            if not run.ok:
                result.note = "a build failed: " + (run.stderr or run.stdout)[-300:]
                return result
            times.append(run.wall)
    shutil.rmtree(work, ignore_errors=True)
    return result


def pruned_nav(config: Path, work: Path, mkdocs: Path, env: dict[str, str]) -> Comparison:
    """Plain ``mkdocs build`` of one language with a navigation showing only the current section."""
    import material

    result = Comparison()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    theme = work / "theme"
    custom = (data.get("theme") or {}).get("custom_dir")
    if custom and Path(custom).is_dir():
        shutil.copytree(custom, theme)
    original = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
    text = original.read_text(encoding="utf-8")
    if _NAV_LOOP not in text:
        result.note = f"Material's partials/nav.html has no `{_NAV_LOOP}` line to change"
        return result
    (theme / "partials").mkdir(parents=True, exist_ok=True)
    (theme / "partials" / "nav.html").write_text(text.replace(_NAV_LOOP, _NAV_PRUNED), encoding="utf-8")

    def change(variant: dict) -> None:
        variant["theme"] = {**(variant.get("theme") or {}), "custom_dir": str(theme)}

    path = _variant(config, work, change)
    run = _build(mkdocs, path, work, env)
    if not run.ok:
        result.note = "the variant failed: " + (run.stderr or run.stdout)[-300:]
        return result
    result.variant.append(run.wall)
    result.variant_rss = run.max_rss
    result.variant_html = html_per_page(work / "site")
    shutil.rmtree(work, ignore_errors=True)
    return result
