"""RESULTS.md from one run's numbers: tables, targets met or missed, profiles, recommendations."""

from __future__ import annotations

from dataclasses import dataclass

from measure import median
from profiles import Profile

TARGET_MAKE_SITE = 3.0
TARGET_GENERATOR_SHARE = 0.10
TARGET_SCALING = 0.25
TARGET_PAGE_SIZE = 0.25
TARGET_2000_PAGES = 20.0
TARGET_MEMORY = 500e6
TARGET_LIVE_RELOAD = 1.0


def seconds(value: float | None) -> str:
    if value is None or value != value:
        return "n/a"
    if abs(value) < 0.1:
        return f"{value:.3f} s"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def size(value: float | None) -> str:
    if not value:
        return "n/a"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if value >= scale:
            return f"{value / scale:.1f} {unit}" if value / scale < 100 else f"{value / scale:.0f} {unit}"
    return f"{value:.0f} B"


def percent(value: float | None) -> str:
    return "n/a" if value is None or value != value else f"{value:.0%}" if value >= 0.1 else f"{value:.1%}"


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}" if len(values) > 1 else ""


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


@dataclass
class Target:
    name: str
    goal: str
    measured: str
    met: bool | None
    gap: str


def _over(measured: float, limit: float, unit) -> str:
    if measured <= limit:
        return f"{unit(limit - measured)} under"
    return f"{unit(measured - limit)} over ({measured / limit:.1f}x the target)"


def _generator_time(run) -> float:
    phases = run.phases
    return sum(phases.get(name, 0.0) for name in ("import", "load", "render", "assemble"))


def _pressure(runs) -> str:
    values = [run.cpu_pressure for run in runs if run.cpu_pressure is not None]
    return percent(median(values)) if values else "n/a"


def _pps(size_result) -> float:
    wall = median([run.wall for run in size_result.runs])
    return size_result.pages / wall if wall else float("nan")


def _plain_bound(size_result) -> tuple[float, float]:
    """Plain MkDocs: (both languages one after the other, the slower language alone)."""
    per_language = [median([run.wall for run in runs]) for runs in size_result.plain.values() if runs]
    if not per_language:
        return float("nan"), float("nan")
    return sum(per_language), max(per_language)


def targets(results) -> list[Target]:
    found = []
    real = results.real
    if real.make_site:
        wall = median([run.wall for run in real.make_site])
        found.append(Target("Real briefing, full `make site`", f"<= {TARGET_MAKE_SITE:.0f} s", seconds(wall),
                            wall <= TARGET_MAKE_SITE, _over(wall, TARGET_MAKE_SITE, seconds)))
        if real.builds:
            generator = median([_generator_time(run) for run in real.builds])
            share = generator / wall
            found.append(Target("Generator's share of `make site`", f"<= {TARGET_GENERATOR_SHARE:.0%}",
                                f"{share:.0%} ({seconds(generator)})", share <= TARGET_GENERATOR_SHARE,
                                f"{share - TARGET_GENERATOR_SHARE:+.0%} points; at most "
                                f"{seconds(TARGET_GENERATOR_SHARE * wall)} allowed" if share > TARGET_GENERATOR_SHARE
                                else "met"))
    sizes = [s for s in results.sizes if s.runs]
    by_count = {s.briefings: s for s in sizes}
    largest = max(sizes, key=lambda s: s.briefings) if sizes else None
    if largest and 10 in by_count and largest.briefings > 10:
        ten, big = _pps(by_count[10]), _pps(largest)
        change = big / ten - 1
        found.append(Target(f"Pages/s at {largest.briefings} briefings within 25% of pages/s at 10",
                            f">= {0.75 * ten:.1f} pages/s", f"{big:.1f} vs {ten:.1f} pages/s ({change:+.0%})",
                            change >= -TARGET_SCALING, "met" if change >= -TARGET_SCALING
                            else f"{-change - TARGET_SCALING:.0%} points beyond the 25% allowed"))
        small_page = by_count[10].html_bytes / max(by_count[10].html_files, 1)
        big_page = largest.html_bytes / max(largest.html_files, 1)
        growth = big_page / small_page - 1
        found.append(Target(f"HTML page size independent of corpus size ({largest.briefings} vs 10 briefings, "
                            "within 25%)", f"<= {size(small_page * 1.25)} per page",
                            f"{size(big_page)} vs {size(small_page)} per page ({growth:+.0%})",
                            growth <= TARGET_PAGE_SIZE, "met" if growth <= TARGET_PAGE_SIZE
                            else f"{growth:.0%} larger; {size(big_page - small_page)} more per page"))
    if largest:
        nearest = min(sizes, key=lambda s: abs(s.pages - 2000))
        estimate = 2000 / _pps(nearest)
        found.append(Target("2000 pages", f"<= {TARGET_2000_PAGES:.0f} s",
                            f"{seconds(estimate)} ({nearest.pages} pages took "
                            f"{seconds(median([r.wall for r in nearest.runs]))}, scaled to 2000)",
                            estimate <= TARGET_2000_PAGES, _over(estimate, TARGET_2000_PAGES, seconds)))
        memory = median([run.tree_rss for run in nearest.runs])
        found.append(Target(f"Peak memory ({nearest.pages} pages)", f"< {size(TARGET_MEMORY)}",
                            f"{size(memory)} (process tree)", memory < TARGET_MEMORY,
                            _over(memory, TARGET_MEMORY, size)))
    live = results.live
    if live and live.latencies:
        latency = median(live.latencies)
        found.append(Target("Live reload of a one-fact edit", f"<= {TARGET_LIVE_RELOAD:.0f} s", f"{latency:.3f} s",
                            latency <= TARGET_LIVE_RELOAD, _over(latency, TARGET_LIVE_RELOAD, seconds)))
    return found


def render(results) -> str:
    out: list[str] = []
    add = out.append
    add("# Benchmark results")
    add("")
    add(f"Written by `make bench` (`benchmarks/run.py`) on {results.started}, in "
        f"{results.seconds / 60:.1f} minutes; do not edit by hand, the next run rewrites it. Measured: the "
        f"project at {results.source} (a snapshot taken when the run started). Medians of several runs "
        "unless said otherwise; sizes in decimal units (1 MB = 10^6 bytes).")
    add("")
    add("## Machine and versions")
    add("")
    out.extend(table(["", ""], [[key, value] for key, value in results.machine.items()]
                     + [[key, value] for key, value in results.versions.items()]))
    if results.hugo_note:
        add(f"Hugo: {results.hugo_note}.")
        add("")

    add("## Targets")
    add("")
    rows = []
    for target in targets(results):
        status = "met" if target.met else "**missed**" if target.met is not None else "n/a"
        rows.append([target.name, target.goal, target.measured, status, target.gap])
    out.extend(table(["target", "goal", "measured", "status", "by how much"], rows))
    if results.cpu_pressure is not None and results.cpu_pressure > 0.10:
        add(f"**Caution:** during this run some task waited for a CPU {results.cpu_pressure:.0%} of the time (other "
            "work on this shared machine): wall times are pessimistic; CPU times and the sizes are less affected. "
            "The per-section *CPU pressure* columns show where it hit.")
        add("")

    _real_section(results, out)
    _sizes_section(results, out)
    _plain_section(results, out)
    _hugo_section(results, out)
    _live_section(results, out)
    _profiles_section(results, out)
    _experiments_section(results, out)
    _recommendations(results, out)
    _method(results, out)
    return "\n".join(out).rstrip() + "\n"


def _real_section(results, out: list[str]) -> None:
    real = results.real
    out += ["## 1. The real briefing: `make site`", ""]
    if real.error:
        out += [f"The build failed: {real.error}", ""]
        return
    if not real.make_site:
        out += ["Not measured.", ""]
        return
    walls = [run.wall for run in real.make_site]
    out.extend(table(["", "median", "runs (min-max)"], [
        ["pages (both languages)", str(real.pages), ""],
        ["wall", seconds(median(walls)), spread(walls)],
        ["CPU (user + system, all processes)", seconds(median([run.cpu for run in real.make_site])),
         spread([run.cpu for run in real.make_site])],
        ["peak memory, process tree", size(median([run.tree_rss for run in real.make_site])), ""],
        ["peak memory, largest process", size(median([run.max_rss for run in real.make_site])), ""],
        ["CPU pressure (PSI: share of the time some task waited for a CPU)", _pressure(real.make_site), ""],
    ]))
    if real.builds:
        wall = median(walls)
        phases = {}
        for name in ("import", "load", "render", "assemble", "mkdocs", "pdf", "swap"):
            phases[name] = median([run.phases.get(name, 0.0) for run in real.builds])
        in_process = sum(value for name, value in phases.items() if name != "pdf")  # "pdf" overlaps "mkdocs"
        labels = {
            "import": "import the generator (Jinja2, Babel, pydantic, PyYAML)",
            "load": "load + validate the facts, compile the catalogs",
            "render": "render both languages to Markdown, visuals included (Jinja2 + Babel)",
            "pdf": "of which: typeset one PDF per language (Typst), while MkDocs builds",
            "assemble": "write docs and mkdocs.yml per language",
            "mkdocs": "MkDocs + Material, both languages in parallel",
            "swap": "move the new site into place",
        }
        rows = [[labels[name], seconds(value), percent(value / wall)] for name, value in phases.items()]
        reported = [run.wall - run.phases["build"] for run in real.make_site if "build" in run.phases]
        # `make site` prints the build's own time: the rest of its wall time is start-up, imports and exit.
        rest = median(reported) - phases["import"] if reported else wall - in_process
        rows.append(["`make`, Python start-up, command line, exit (the rest)",
                     seconds(max(rest, 0.0)), percent(max(rest, 0.0) / wall)])
        generator = sum(phases[name] for name in ("import", "load", "render", "assemble"))
        rows.append(["**generator (import + load + render + assemble)**", f"**{seconds(generator)}**",
                     f"**{percent(generator / wall)}**"])
        runs = f"{len(real.builds)} run{'s' if len(real.builds) != 1 else ''}"
        out += ["Where the time of `make site` goes (phases from the same build run by `build_once.py`, "
                f"{runs}; shares of the `make site` median):", ""]
        out.extend(table(["phase", "seconds", "share of make site"], rows))


def _sizes_section(results, out: list[str]) -> None:
    out += ["## 2. Synthetic corpora built by our pipeline", "",
            "N copies of the real briefing (distinct ids and titles), both languages, one navigation section "
            "per briefing, built by `generator.site.build` in a fresh process. Pages per second = pages / wall "
            "time of the whole process (imports included).", ""]
    rows = []
    for s in results.sizes:
        if s.error and not s.runs:
            rows.append([str(s.briefings), "failed: " + s.error] + [""] * 12)
            continue
        if not s.runs:
            continue
        wall = median([run.wall for run in s.runs])
        phase = {name: median([run.phases.get(name, 0.0) for run in s.runs])
                 for name in ("import", "load", "render", "assemble", "mkdocs")}
        rows.append([str(s.briefings), str(s.pages), str(len(s.runs)),
                     seconds(wall) + (f" ({spread([run.wall for run in s.runs])})" if len(s.runs) > 1 else ""),
                     f"{s.pages / wall:.1f}",
                     seconds(median([run.cpu for run in s.runs])),
                     seconds(phase["import"] + phase["load"]), seconds(phase["render"]),
                     seconds(phase["assemble"]), seconds(phase["mkdocs"]),
                     size(s.markdown_bytes / max(s.pages, 1)),
                     size(s.html_bytes / max(s.html_files, 1)), size(s.output_bytes / max(s.pages, 1)),
                     size(s.output_bytes),
                     size(median([run.tree_rss for run in s.runs])),
                     f"{size(median([run.main_rss for run in s.runs]))} / "
                     f"{size(median([run.worker_rss for run in s.runs]))}", _pressure(s.runs)])
    out.extend(table(["briefings", "pages", "runs", "wall (min-max)", "pages/s", "CPU", "import + load", "render",
                      "assemble", "MkDocs", "Markdown per page", "HTML per page", "output per page", "output",
                      "peak memory (tree)", "peak: main / one worker", "CPU pressure"], rows))
    for s in results.sizes:
        if s.error and s.runs:
            out += [f"{s.briefings} briefings: {s.error}", ""]


def _plain_section(results, out: list[str]) -> None:
    out += ["## 3. The same Markdown built by plain `mkdocs build`", "",
            "After our build, each language's `.build/<lang>/mkdocs.yml` and `docs/` are built by "
            "`mkdocs build` alone, one language after the other: MkDocs + Material without our generator "
            "(our MkDocs hooks, configured in `mkdocs.yml`, still run). *Parallel bound* is the slower language "
            "alone, what the two languages take side by side on two cores.", ""]
    rows = []
    for s in results.sizes:
        if not s.runs or not any(s.plain.values()):
            continue
        ours = median([run.wall for run in s.runs])
        sequential, bound = _plain_bound(s)
        per_language = " / ".join(f"{language} {seconds(median([r.wall for r in runs]))}"
                                  for language, runs in s.plain.items() if runs)
        memory = max((median([r.max_rss for r in runs]) for runs in s.plain.values() if runs), default=0)
        rows.append([str(s.briefings), str(s.pages), per_language, seconds(sequential),
                     f"{s.pages / sequential:.1f}", seconds(bound), f"{s.pages / bound:.1f}",
                     seconds(ours), f"{ours / sequential:.2f}x", seconds(ours - bound), size(memory)])
    out.extend(table(["briefings", "pages", "plain MkDocs per language", "plain, sequential", "pages/s",
                      "parallel bound", "pages/s", "ours", "ours / plain sequential",
                      "our overhead over the bound", "plain peak memory (one language)"], rows))


def _hugo_section(results, out: list[str]) -> None:
    out += ["## 4. Hugo on an equivalent bilingual site", ""]
    if results.hugo_note and not any(s.hugo for s in results.sizes):
        out += [f"Not measured: {results.hugo_note}.", ""]
        return
    out += ["The same Markdown bodies and addresses, translations paired, `.md` links resolved, a pruned "
            "navigation, a table of contents, hreflang links, a sitemap and a JSON search index per language, "
            "with a minimal layout (see `hugo_site.py`).", ""]
    rows = []
    for s in results.sizes:
        if not s.hugo:
            continue
        hugo = median([run.wall for run in s.hugo])
        ours = median([run.wall for run in s.runs]) if s.runs else float("nan")
        sequential, _ = _plain_bound(s)
        rows.append([str(s.briefings), str(s.hugo_pages), str(len(s.hugo)), seconds(hugo),
                     f"{s.hugo_pages / hugo:.0f}", size(s.hugo_html_bytes / max(s.hugo_pages, 1)),
                     size(median([run.tree_rss for run in s.hugo])), f"{ours / hugo:.0f}x",
                     f"{sequential / hugo:.0f}x", seconds(median([run.cpu for run in s.hugo])), _pressure(s.hugo)])
    out.extend(table(["briefings", "pages", "runs", "hugo", "pages/s", "HTML per page", "peak memory",
                      "ours / hugo", "plain MkDocs (sequential) / hugo", "hugo CPU", "CPU pressure"], rows))
    if results.hugo_note:
        out += [f"Note: {results.hugo_note}.", ""]


def _live_section(results, out: list[str]) -> None:
    out += ["## 5. Live reload under `briefing serve` (real briefing)", ""]
    live = results.live
    if live is None:
        out += ["Not measured.", ""]
        return
    if live.error:
        out += [f"Failed: {live.error}", ""]
    if not live.latencies:
        return
    latency = median(live.latencies)
    rebuild = median(live.rebuilds) if live.rebuilds else float("nan")
    rest = _rest(live)
    out.extend(table(["", "median", "each edit"], [
        ["save the fact -> new value served", seconds(latency), ", ".join(f"{v:.2f}" for v in live.latencies)],
        ["of which the rebuild (`rebuilt in`, generator + MkDocs)", seconds(rebuild),
         ", ".join(f"{v:.2f}" for v in live.rebuilds)],
        ["of which noticing the change, waiting, serving (the rest)", seconds(median(rest)),
         ", ".join(f"{v:.2f}" for v in rest)],
        ["first page served after `briefing serve` starts", seconds(live.startup), ""],
    ]))


def _rest(live) -> list[float]:
    """Per edit: the latency minus the rebuild (polling, build delay, reload, serving)."""
    if len(live.rebuilds) != len(live.latencies) or not live.rebuilds:
        return []
    return [latency - rebuild for latency, rebuild in zip(live.latencies, live.rebuilds)]


def _profile_table(profile: Profile, out: list[str], components: int = 10, functions: int = 12) -> None:
    out += [f"### {profile.title}", ""]
    details = [f"{seconds(profile.seconds)} of CPU time sampled" if profile.note
               else f"{seconds(profile.seconds)} profiled"]
    if profile.note:
        details.append(profile.note)
    if profile.waiting:
        details.append(f"{profile.waiting:.0%} of the samples spent waiting (for the workers), left out below")
    out += ["; ".join(details) + ".", ""]
    out.extend(table(["component (self time; standard library charged to its caller)", "share", "seconds"],
                     [[row.name, percent(row.share), seconds(row.seconds)] for row in profile.components[:components]]))
    steps = [[label, percent(share), seconds(share * profile.busy_seconds)]
             for label, share in sorted(profile.probes.items(), key=lambda item: -item[1]) if share >= 0.005]
    if steps:
        out.extend(table(["pipeline step (inclusive)", "share", "seconds"], steps))
    out.extend(table(["heaviest functions (inclusive)", "share", "seconds"],
                     [[row.name, percent(row.share), seconds(row.seconds)] for row in profile.functions[:functions]]))


def _profiles_section(results, out: list[str]) -> None:
    out += ["## Where the time goes", "",
            "Self time grouped by the code that owns it (time in the standard library and built-ins is charged to "
            "the component that called it), then the inclusive time of the pipeline's steps, then the heaviest "
            "single functions. The real briefing is profiled with cProfile, both languages in one process (cProfile "
            "inflates Jinja-heavy code about 2x: read shares, not seconds); the largest corpus with the sampling "
            "profiler of `sampling.py` (one sample per 10 ms of CPU time) during its timed run, the build process "
            "and the two MkDocs workers apart.", ""]
    for key in ("real", "largest-main", "largest-workers"):
        profile = results.profiles.get(key)
        if profile:
            _profile_table(profile, out)


def _experiments_section(results, out: list[str]) -> None:
    found = results.experiments
    if not found:
        return
    out += ["## Prototypes of two proposed changes, measured", "",
            "Plain `mkdocs build` of one language on a variant of the config our generator wrote "
            "(`experiments.py`); the generator, theme and `mkdocs.yml` are untouched.", ""]
    rows = []
    cache = found.get("template cache")
    if cache:
        if cache.baseline and cache.variant:
            before, after = median(cache.baseline), median(cache.variant)
            real_profile = results.profiles.get("real")
            compile_share = real_profile.probes.get("Jinja compile", 0.0) if real_profile else 1.0
            rows.append(["Jinja bytecode cache for the theme (`on_env` hook), real briefing"
                         + (f" (our build already caches them: compiling is {percent(compile_share)} of it)"
                            if compile_share < 0.10 else ""),
                         f"{seconds(before)} ({len(cache.baseline)} runs)", f"{seconds(after)} ({len(cache.variant)} runs)",
                         f"{seconds(after - before)} ({after / before - 1:+.0%})"])
        elif cache.note:
            rows.append(["Jinja bytecode cache", "", "", cache.note])
    nav = found.get("pruned navigation")
    if nav:
        if nav.baseline and nav.variant:
            before, after = median(nav.baseline), median(nav.variant)
            sizes = {s.briefings: s for s in results.sizes if s.runs}
            largest = sizes[max(sizes)] if sizes else None
            constant = (10 in sizes and largest and largest.briefings > 10 and
                        largest.html_bytes / max(largest.html_files, 1)
                        <= 1.25 * sizes[10].html_bytes / max(sizes[10].html_files, 1))
            rows.append(["Navigation pruned to the current section (`partials/nav.html`), largest corpus"
                         + (" (our theme already does it: page size does not grow with the corpus)" if constant else ""),
                         f"{seconds(before)}, {size(nav.baseline_html)} per page, {size(nav.baseline_rss)}",
                         f"{seconds(after)}, {size(nav.variant_html)} per page, {size(nav.variant_rss)}",
                         f"{seconds(after - before)} ({after / before - 1:+.0%}); pages "
                         f"{nav.variant_html / nav.baseline_html - 1:+.0%}" if nav.baseline_html else ""])
        elif nav.note:
            rows.append(["Navigation pruned to the current section", "", "", nav.note])
    out.extend(table(["prototype", "as built now (wall, HTML per page, peak memory)", "with the change",
                      "difference"], rows))


def _recommendations(results, out: list[str]) -> None:
    out += ["## What would meet the targets", "",
            "Changes to the generator, theme or configuration, for their owners to make (the benchmark makes "
            "none), each with this run's numbers behind it. Expected gains are estimates from "
            "these measurements.", ""]
    real = results.real
    sizes = [s for s in results.sizes if s.runs]
    by_count = {s.briefings: s for s in sizes}
    largest = max(sizes, key=lambda s: s.briefings) if sizes else None
    real_profile = results.profiles.get("real")
    main_profile = results.profiles.get("largest-main")
    worker_profile = results.profiles.get("largest-workers")
    make_wall = median([run.wall for run in real.make_site]) if real.make_site else float("nan")
    items: list[str] = []
    done: list[str] = []

    # YAML parsing.
    loader = results.yaml_loader
    if loader.get("python") and loader.get("c"):
        if loader.get("read_yaml") and loader["read_yaml"] < 2 * loader["c"]:
            done.append(f"libyaml parsing: `read_yaml` reads the real briefing in {seconds(loader['read_yaml'])}, "
                        f"libyaml's speed ({seconds(loader['c'])}; the pure-Python loader takes "
                        f"{seconds(loader['python'])})")
        else:
            saving = loader["python"] - loader["c"]
            line = (f"**Parse the facts with libyaml (`generator/loading.py`, `read_yaml`).** Parsing the real "
                    f"briefing's YAML files takes {seconds(loader.get('read_yaml') or loader['python'])}; the same "
                    f"loader class on `yaml.CSafeLoader` takes {seconds(loader['c'])}, with "
                    f"{'identical data and line numbers' if loader.get('same') else 'DIFFERENT data or line numbers (check)'} "
                    "(measured by this run on a copy of `_Loader`'s resolvers and constructors). Change: derive the "
                    "loader from `getattr(yaml, 'CSafeLoader', yaml.SafeLoader)` and re-parse a file with the "
                    "pure-Python loader only when libyaml reports a syntax error, so that messages stay word for "
                    f"word. Expected gain: {seconds(saving)} per briefing per build")
            if largest and largest.briefings > 1:
                line += f", about {seconds(saving * largest.briefings)} at {largest.briefings} briefings"
            items.append(line + ".")

    # Navigation: page size and MkDocs time grow with the number of briefings.
    nav = results.experiments.get("pruned navigation")
    small = by_count[10].html_bytes / max(by_count[10].html_files, 1) if 10 in by_count else 0
    big = largest.html_bytes / max(largest.html_files, 1) if largest else 0
    if small and largest and largest.briefings > 10 and big <= small * (1 + TARGET_PAGE_SIZE):
        done.append(f"navigation limited to the current briefing: {size(small)} of HTML per page at 10 briefings, "
                    f"{size(big)} at {largest.briefings}")
    elif small and largest and largest.briefings > 10:
        per_briefing = (big - small) / (largest.briefings - 10)
        line = (f"**Render only the current briefing's navigation (theme override "
                f"`templates/theme/partials/nav.html`).** With `navigation.prune`, Material still renders every "
                f"top-level section's title in every page: each briefing adds {size(per_briefing)} to every page "
                f"({size(small)} per page at 10 briefings, {size(big)} at {largest.briefings}). Copy Material's "
                "`partials/nav.html` and wrap its `item.render(nav_item, path, 1)` in "
                "`{% if nav_item.active or not nav_item.children %}`: the sidebar keeps the site index, the current "
                "briefing's pages and the editors' pages; the index page already lists every briefing.")
        if worker_profile:
            line += (f" Material's navigation partials are {percent(worker_profile.probes.get('navigation partials'))} "
                     f"of the MkDocs workers' time at {largest.briefings} briefings.")
        if nav and nav.baseline and nav.variant:
            before, after = median(nav.baseline), median(nav.variant)
            line += (f" Measured (prototype above, one language): {seconds(before)} -> {seconds(after)}, "
                     f"{size(nav.baseline_html)} -> {size(nav.variant_html)} per page, which meets the page-size "
                     f"target and would take our build at {largest.briefings} briefings from "
                     f"{seconds(median([r.wall for r in largest.runs]))} to about "
                     f"{seconds(median([r.wall for r in largest.runs]) - (before - after))}.")
        items.append(line)

    # Footnotes.
    markdown = results.markdown
    if markdown.get("all"):
        saved = 1 - markdown["without_footnotes"] / markdown["all"]
        line = (f"**Write the footnotes as HTML, not Markdown (`generator/render.py`, `PageRenderer.footnotes` "
                f"and `Citations.note`).** Footnote definitions are {markdown['footnote_bytes'] / markdown['bytes']:.0%} "
                f"of the Markdown our generator writes (each repeats the fact, its sources and where they say it) "
                f"and {saved:.0%} of Python-Markdown's time on it: converting the real briefing's pages of one "
                f"language takes {seconds(markdown['all'])}, {seconds(markdown['without_footnotes'])} without "
                "the definitions. The generator already numbers the notes: it can write the references "
                "(`<sup id=\"fnref:1\"><a class=\"footnote-ref\" href=\"#fn:1\">1</a></sup>`) and the "
                "`<div class=\"footnote\">` list in the exact HTML the `footnotes` extension produces (Material's "
                "styles and `content.tooltips` keep working), with the links to the sources page as the final "
                "addresses it already knows (`Place.url`). MkDocs passes raw HTML through untouched, so those links "
                "are no longer checked by MkDocs: a generator test must check them instead.")
        if worker_profile and largest:
            convert = worker_profile.probes.get("Markdown to HTML", 0.0)
            line += (f" Expected gain: Markdown conversion is {percent(convert)} of the MkDocs workers' time at "
                     f"{largest.briefings} briefings, so about {percent(convert * saved)} of MkDocs' time "
                     f"(about {seconds(convert * saved * median([r.phases.get('mkdocs', 0.0) for r in largest.runs]))} "
                     "of wall time there).")
        items.append(line)

    # Template compilation.
    cache = results.experiments.get("template cache")
    compile_share = real_profile.probes.get("Jinja compile", 0.0) if real_profile else 0.0
    if real_profile and compile_share < 0.10:
        done.append(f"compiled templates cached: compiling Jinja templates is {percent(compile_share)} of the real "
                    "briefing's build")
    elif cache and cache.baseline and cache.variant:
        before, after = median(cache.baseline), median(cache.variant)
        share = real_profile.probes.get("Jinja compile", 0.0) if real_profile else 0.0
        items.append(
            f"**Cache compiled Jinja templates.** Every build, and every live-reload rebuild, compiles Material's "
            f"templates again in each MkDocs worker ({percent(share)} of the real briefing's build under cProfile). "
            "Change: a hook in the `hooks` list of `mkdocs.yml` with `def on_env(env, config, files): "
            "env.bytecode_cache = jinja2.FileSystemBytecodeCache(<build folder>/jinja); return env`. Measured "
            f"(prototype above): one language of the real briefing {seconds(before)} -> {seconds(after)}; the "
            f"languages build side by side, so about {seconds(before - after)} off `make site` "
            f"({seconds(make_wall)}) and off each live-reload rebuild. Our own page templates are compiled once per "
            "language (`PageRenderer` makes one `SandboxedEnvironment` per language): the same `bytecode_cache=` "
            "there saves a little more.")

    # Rendering our pages.
    if main_profile and largest:
        footnotes = main_profile.probes.get("footnotes (ours)", 0.0)
        values = main_profile.probes.get("format values (ours)", 0.0)
        render_share = main_profile.probes.get("render", 0.0)
        if render_share and footnotes + values >= 0.05:
            items.append(
                f"**Format each fact once per language (`generator/render.py`).** Rendering is "
                f"{percent(render_share)} of our build process at {largest.briefings} briefings "
                f"({seconds(render_share * main_profile.busy_seconds)}); within it, the footnotes "
                f"(`PageRenderer.footnotes`, {percent(footnotes)} of the process) and the formatted values "
                f"(`PageRenderer.value`, {percent(values)}) are recomputed each time a fact is cited, on every page "
                "that cites it. A cache keyed by (briefing id, fact id) on each `PageRenderer` for `value()` and for "
                "a footnote's text (everything but its number) removes most of the repeats: expected gain, most of "
                f"those {percent(footnotes + values)}.")

    # pydantic docstrings (import time).
    if real_profile and real_profile.probes.get("pydantic docstrings", 0.0) < 0.01:
        done.append("no attribute-docstring parsing by pydantic at import (under 1% of the real build)")
    elif real_profile:
        items.append(
            f"**Drop `use_attribute_docstrings=True` from `Record.model_config` (`generator/facts.py`).** With it, "
            f"pydantic reads the source of every model with `inspect` and parses it with `ast` when `generator.facts` "
            f"is imported: {percent(real_profile.probes['pydantic docstrings'])} of the real build under cProfile, "
            "paid by every `briefing` command. Nothing in `generator/` reads the field descriptions it produces; the "
            "docstrings stay in the code for readers. Expected gain: most of that, out of an import of "
            f"`generator.site` that takes {seconds(results.imports.get('generator'))} "
            f"({percent(results.imports.get('generator', 0.0) / make_wall)} of `make site`).")

    # Live reload.
    live = results.live
    if live and live.latencies:
        latency = median(live.latencies)
        rebuild = median(live.rebuilds) if live.rebuilds else float("nan")
        rest = median(_rest(live)) if _rest(live) else latency - rebuild
        line = (f"**Live reload ({seconds(latency)}: {seconds(rebuild)} rebuilding, {seconds(rest)} noticing the "
                "change and serving).**")
        if rest > 0.3:
            line += (" MkDocs' `LiveReloadServer` polls the watched folders every 0.5 s by default "
                     "(`polling_interval`) and waits `build_delay` = 0.1 s more: pass `polling_interval=0.1` in "
                     "`generator/serve.py` and set `server.build_delay` lower.")
        else:
            done.append(f"live reload notices a change and serves the new page in {seconds(rest)} beyond the rebuild")
        line += (f" The target needs the rebuild under about {seconds(TARGET_LIVE_RELOAD - rest)}; the changes "
                 "above that shorten a build of the real briefing (footnotes as HTML, facts formatted once) apply.")
        first, again = results.imports.get("mkdocs_first"), results.imports.get("mkdocs_again")
        if first and again is not None and first - again >= 0.1:
            line += (f" Keeping the two MkDocs worker processes alive between rebuilds (one `ProcessPoolExecutor` "
                     f"made by `serve` and passed to `build`) saves their start-up: {seconds(first)} for a first "
                     f"build of one language in a fresh process, {seconds(again)} for the next one in the same "
                     f"process, about {seconds(first - again)} per rebuild.")
        items.append(line)

    # The generator's share of `make site`.
    if real.builds and real.make_site:
        generator = median([_generator_time(run) for run in real.builds])
        allowed = TARGET_GENERATOR_SHARE * make_wall
        if generator > allowed:
            phases = {name: median([run.phases.get(name, 0.0) for run in real.builds])
                      for name in ("import", "load", "render", "assemble")}
            heavy = ", ".join([f"`{name}` {seconds(value)}" for name, value in
                              sorted(results.import_breakdown.items(), key=lambda item: -item[1])
                              if not name.startswith("__editable")][:5])
            items.append(
                f"**The generator's share of `make site` ({percent(generator / make_wall)}, {seconds(generator)}) "
                f"against at most {seconds(allowed)}.** Importing the generator takes {seconds(phases['import'])}"
                + (f" (heaviest modules, cumulative: {heavy})" if heavy else "")
                + f", loading and checking the facts {seconds(phases['load'])}, rendering both languages "
                f"{seconds(phases['render'])}. "
                + ("Importing the generator alone (pydantic and the models' validators, Jinja2, Babel) exceeds "
                   "the allowance, so the items above bring the generator down but not to 10% of a build whose "
                   f"MkDocs part takes {seconds(median([run.phases.get('mkdocs', 0.0) for run in real.builds]))}: "
                   "the target is out of reach for this design. "
                   if phases["import"] > allowed else
                   "The items above that shorten loading and rendering apply. ")
                + "What would move the share further: overlap generation with MkDocs (start each language's "
                "MkDocs build as soon as that language is rendered, so that the other core renders the next "
                "one).")

    # Memory.
    if largest:
        run = largest.runs[-1]
        plain = [median([r.max_rss for r in runs]) for runs in largest.plain.values() if runs]
        tree = median([r.tree_rss for r in largest.runs])
        line = (f"**Memory: do not fork the MkDocs workers from the loaded generator (`generator/site.py`, "
                f"`_run_builds`).** At {largest.briefings} briefings the process tree peaks at {size(tree)}: the "
                f"build process at {size(run.main_rss)}, and each MkDocs worker, forked from it after the whole corpus "
                f"was loaded and rendered, at up to {size(run.worker_rss)}: it starts with the parent's heap, which "
                "Python's reference counting and garbage collector soon copy page by page. Use the `forkserver` or "
                "`spawn` context (the jobs are plain strings and dictionaries, so they pickle; the workers import "
                "MkDocs anyway).")
        if plain:
            line += (f" Plain `mkdocs build` of one language of this corpus peaks at {size(max(plain))}: expected "
                     f"tree peak about {size(run.main_rss + sum(plain))}.")
            if run.main_rss + sum(plain) >= TARGET_MEMORY:
                line += (f" Under {size(TARGET_MEMORY)} also needs the generator's memory gone before MkDocs starts "
                         "(render into the build folder from a child process that exits, or write each page as it "
                         f"is rendered and keep nothing): about {size(sum(plain))} with both languages side by "
                         f"side, {size(max(plain))} one after the other, which doubles MkDocs' time: at this size "
                         "the memory target and the time target pull against each other.")
        items.append(line)

    # What MkDocs itself allows.
    if largest and any(largest.plain.values()):
        sequential, bound = _plain_bound(largest)
        best = largest.pages / bound
        reach = ("out of reach of MkDocs + Material on this machine, even with no generator at all"
                 if 2000 / best > TARGET_2000_PAGES else "within reach of plain MkDocs + Material")
        line = (f"**The 2000-page target is {reach}:** plain `mkdocs build` of the {largest.pages} generated pages "
                f"takes {seconds(sequential)} one language after the other, {seconds(bound)} for the slower language "
                f"alone, that is at best {best:.0f} pages/s on two cores ({seconds(2000 / best)} for 2000 pages")
        if worker_profile:
            line += (f"; in the workers, Markdown conversion is {percent(worker_profile.probes.get('Markdown to HTML'))} "
                     f"and page templates {percent(worker_profile.probes.get('page templates'))}")
        line += ")."
        hugo = median([r.wall for r in largest.hugo]) if largest.hugo else None
        if hugo:
            line += f" Hugo builds the same pages in {seconds(hugo)}."
        line += (" The changes above remove the largest shares that are ours; what is left is Python-Markdown, "
                 "Material's page template and its search index per page. Beyond that, the target calls for "
                 "lighter pages or another engine (the `zensical` hedge in TOOLING.md, or Hugo).")
        items.append(line)

    out += [f"{number}. {item}" for number, item in enumerate(items, start=1)]
    out += [""]
    if done:
        out += ["Already in place, as this run measured it: " + "; ".join(done) + ".", ""]


def _method(results, out: list[str]) -> None:
    out += ["## How it is measured", ""]
    notes = [
        "Each build runs in a fresh process; wall time from start to exit, CPU time (user + system) of the process "
        "and all its descendants (`os.wait4`). Peak memory of the process tree is the largest sum of the resident "
        "sets of the process and its descendants, sampled every 0.1 s: an upper bound, since forked workers share "
        "some pages with their parent. *Largest process* is the exact peak of the single largest one.",
        "`make site` runs as `make -o .venv/.installed site` in the snapshot, so the dependencies are installed "
        "beforehand and `site/` of the working tree is untouched. The generator's share is the median of "
        "import + load + render + assemble (phases returned by `generator.site.build`, timed in "
        "`build_once.py`) over the median wall time of `make site`.",
        "Synthetic corpora: `corpus.py` copies `seeds/scale-ai` N times as `scale-ai-0001`... with numbered "
        "titles and, with several briefings, makes the editors' pages name the briefing of the facts they cite "
        "(`fact('deal.amount', 'scale-ai-0001')`, or `briefing: scale-ai-0001` in their front matter): a page "
        "outside any briefing that cites `fact('deal.amount')` alone, as `content/method.*.md` does, fails the "
        "build as soon as the site has two briefings.",
        "Repetitions: " + "; ".join(f"{key}: {value}" for key, value in results.repetitions.items())
        + ". The largest corpus is built once, with the sampling profiler running.",
    ]
    if results.sampler_overhead is not None:
        notes.append(f"The sampling profiler's overhead, measured at 10 briefings (the CPU time of one sampled run "
                     f"against the median of the unsampled ones; wall time is too noisy on a shared machine): "
                     f"{results.sampler_overhead:+.0%}.")
    out += [f"- {note}" for note in notes]
    out += ["", "Raw numbers of the last run: `benchmarks/.work/results.json` (not committed).", ""]
