"""RESULTS.md from one run's raw numbers (results.json): medians, targets, then the RESULTS.md.j2 template.

    .venv/bin/python benchmarks/run.py --report-only [--output DIR]   # the report again, no measuring
"""

from __future__ import annotations

import statistics
from pathlib import Path

import jinja2

BENCH = Path(__file__).resolve().parent

TARGET_MAKE_SITE = 3.0  # seconds, the real briefing's full `make site`
TARGET_GENERATOR_SHARE = 0.10
TARGET_SCALING = 0.25  # pages/s of the largest corpus within 25% of pages/s at 10 briefings
TARGET_PAGE_SIZE = 0.25  # HTML per page of the largest corpus within 25% of that at 10 briefings
TARGET_PAGES, TARGET_PAGES_SECONDS = 2000, 20.0
TARGET_MEMORY = 500e6  # bytes, peak of the process tree on the largest corpus
TARGET_LIVE_RELOAD = 1.0  # seconds from saving a fact to the new value served
TARGET_UNCHANGED, TARGET_EDIT = 2.0, 3.0  # seconds, rebuilds with the cache at TARGET_PAGES pages
TARGET_INDEX_PER_PAGE = 0.005  # seconds of Pagefind's index per page, after an edit (an aim)
TARGET_MAKE_SITE_UNCHANGED = 1.0  # seconds, the real briefing's `make site` with nothing changed
TARGET_VIEW, TARGET_SEARCH, TARGET_READER_BRIEFINGS = 500e3, 300e3, 200  # bytes sent, for a site of 200 briefings


def median(values) -> float:
    values = [value for value in values if value == value]
    return statistics.median(values) if values else float("nan")


def seconds(value: float | None) -> str:
    if value is None or value != value:
        return "n/a"
    return f"{value:.3f} s" if abs(value) < 0.1 else f"{value:.2f} s" if abs(value) < 100 else f"{value:.0f} s"


def size(value: float | None) -> str:
    if not value or value != value:
        return "n/a"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if value >= scale:
            return f"{value / scale:.1f} {unit}" if value / scale < 100 else f"{value / scale:.0f} {unit}"
    return f"{value:.0f} B"


def percent(value: float | None) -> str:
    return "n/a" if value is None or value != value else f"{value:.0%}" if abs(value) >= 0.1 else f"{value:.1%}"


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}" if len(values) > 1 else ""


def summary(runs: list[dict]) -> dict:
    """Medians of repeated measurements of one command."""
    keys = ("wall", "cpu", "peak_rss", "peak_process_rss")
    return {"runs": len(runs), "walls": [run["wall"] for run in runs],
            **{key: median([run[key] for run in runs]) for key in keys}}


def phases(builds: list[dict]) -> dict[str, float]:
    """Median of each phase, in the order the builds reported them."""
    names = list(dict.fromkeys(name for build in builds for name in build["phases"]))
    return {name: median([build["phases"].get(name, float("nan")) for build in builds]) for name in names}


def target(name: str, goal: str, measured: str = "not measured", met: bool | None = None, gap: str = "") -> dict:
    status = "not measured" if met is None else "met" if met else "**missed**"
    return {"name": name, "goal": goal, "measured": measured, "status": status, "gap": gap}


def under_or_over(measured: float, limit: float, unit) -> str:
    if measured <= limit:
        return f"{unit(limit - measured)} under"
    return f"{unit(measured - limit)} over ({measured / limit:.1f}x the target)"


def targets(make_site: dict | None, sizes: list[dict], live: dict | None, unchanged: dict | None,
            reader: dict | None) -> list[dict]:
    found = []
    goal = f"<= {TARGET_MAKE_SITE:.0f} s"
    if make_site:
        wall = make_site["wall"]
        found.append(target("Real briefing, full `make site`", goal, seconds(wall), wall <= TARGET_MAKE_SITE,
                            under_or_over(wall, TARGET_MAKE_SITE, seconds)))
    else:
        found.append(target("Real briefing, full `make site`", goal))
    name = "Generator's share of `make site` (the part not spent in plain MkDocs)"
    goal = f"<= {TARGET_GENERATOR_SHARE:.0%}"
    one = next((size for size in sizes if size["briefings"] == 1 and size["plain"]), None)
    if make_site and one:
        share = 1 - one["plain_bound"] / make_site["wall"]
        allowed = TARGET_GENERATOR_SHARE * make_site["wall"]
        found.append(target(name, goal, f"{share:.0%} ({seconds(make_site['wall'] - one['plain_bound'])})",
                            share <= TARGET_GENERATOR_SHARE, f"{share - TARGET_GENERATOR_SHARE:+.0%} points; "
                            f"{seconds(allowed)} allowed"))
    else:
        found.append(target(name, goal, "not measured (needs the 1-briefing corpus)"))
    ten = next((size for size in sizes if size["briefings"] == 10), None)
    largest = max(sizes, key=lambda size: size["briefings"], default=None)
    if ten and largest and largest["briefings"] > 10:
        change = largest["pages_per_second"] / ten["pages_per_second"] - 1
        found.append(target(f"Pages/s at {largest['briefings']} briefings within 25% of pages/s at 10",
                            f">= {(1 - TARGET_SCALING) * ten['pages_per_second']:.1f} pages/s",
                            f"{largest['pages_per_second']:.1f} vs {ten['pages_per_second']:.1f} ({change:+.0%})",
                            change >= -TARGET_SCALING, f"{abs(change + TARGET_SCALING):.0%} points "
                            + ("to spare" if change >= -TARGET_SCALING else "beyond the 25% allowed")))
        growth = largest["html_per_page"] / ten["html_per_page"] - 1
        found.append(target(f"HTML page size independent of corpus size ({largest['briefings']} vs 10 briefings, "
                            "within 25%)", f"<= {size(ten['html_per_page'] * (1 + TARGET_PAGE_SIZE))} per page",
                            f"{size(largest['html_per_page'])} vs {size(ten['html_per_page'])} ({growth:+.0%})",
                            growth <= TARGET_PAGE_SIZE, f"{growth:+.0%} against +25% allowed"))
    else:
        found.append(target("Pages/s at 100 briefings within 25% of pages/s at 10", "within 25%",
                            "not measured (needs corpora of 10 and more briefings)"))
        found.append(target("HTML page size independent of corpus size", "within 25%",
                            "not measured (needs corpora of 10 and more briefings)"))
    goal = f"<= {TARGET_PAGES_SECONDS:.0f} s"
    if largest and largest["pages"]:
        estimate = TARGET_PAGES / largest["pages_per_second"]
        found.append(target(f"{TARGET_PAGES} pages", goal, f"{seconds(estimate)} ({largest['pages']} pages took "
                            f"{seconds(largest['ours']['wall'])}, scaled)", estimate <= TARGET_PAGES_SECONDS,
                            under_or_over(estimate, TARGET_PAGES_SECONDS, seconds)))
        memory = largest["ours"]["peak_rss"]
        briefings = f"{largest['briefings']} briefing{'s' if largest['briefings'] != 1 else ''}"
        found.append(target(f"Peak memory ({briefings}, {largest['pages']} pages)",
                            f"< {size(TARGET_MEMORY)}", f"{size(memory)} (process tree)", memory < TARGET_MEMORY,
                            under_or_over(memory, TARGET_MEMORY, size)))
    else:
        found.append(target(f"{TARGET_PAGES} pages", goal))
        found.append(target("Peak memory (largest corpus)", f"< {size(TARGET_MEMORY)}"))
    goal = f"<= {TARGET_LIVE_RELOAD:.0f} s"
    if live and live["latencies"]:
        latency = median(live["latencies"])
        found.append(target("Live reload of a one-fact edit", goal, seconds(latency), latency <= TARGET_LIVE_RELOAD,
                            under_or_over(latency, TARGET_LIVE_RELOAD, seconds)))
    else:
        found.append(target("Live reload of a one-fact edit", goal))
    name, goal = "Real briefing, no-change `make site`", f"<= {TARGET_MAKE_SITE_UNCHANGED:.0f} s"
    if unchanged:
        wall = unchanged["wall"]
        found.append(target(name, goal, seconds(wall), wall <= TARGET_MAKE_SITE_UNCHANGED,
                            under_or_over(wall, TARGET_MAKE_SITE_UNCHANGED, seconds)))
    else:
        found.append(target(name, goal))
    for key, name, limit in (("unchanged", "No-change rebuild", TARGET_UNCHANGED),
                             ("edit", "One-fact edit rebuild, all but the search index", TARGET_EDIT)):
        rebuild = (largest or {}).get("rebuilds", {}).get(key)
        name, goal = f"{name}, {TARGET_PAGES} pages", f"<= {limit:.0f} s"
        if rebuild and largest["pages"]:
            search = rebuild.get("phases", {}).get("search", 0.0)  # within the MkDocs phase, both languages at once
            estimate = (rebuild["wall"] - search) * TARGET_PAGES / largest["pages"]
            index = f", the search index {seconds(search)} more" if search else ""
            found.append(target(name, goal, f"{seconds(estimate)} ({largest['pages']} pages took "
                                f"{seconds(rebuild['wall'] - search)}{index}, scaled)", estimate <= limit,
                                under_or_over(estimate, limit, seconds)))
            if search:
                languages = len(rebuild.get("pages") or {}) or 1
                per_page = search / (largest["pages"] / languages)
                found.append(target(f"Search index after a one-fact edit, per page of the slower language "
                                    f"({largest['pages'] // languages} pages, the languages side by side)",
                                    f"<= {TARGET_INDEX_PER_PAGE * 1000:.0f} ms", f"{per_page * 1000:.1f} ms "
                                    f"({seconds(search)})", per_page <= TARGET_INDEX_PER_PAGE,
                                    under_or_over(per_page * 1000, TARGET_INDEX_PER_PAGE * 1000,
                                                  lambda ms: f"{ms:.1f} ms")))
        else:
            found.append(target(name, goal))
    for key, name, limit in (("view_bytes", "First view of a page", TARGET_VIEW),
                             ("search_bytes", "One search", TARGET_SEARCH)):
        name = f"{name} ({TARGET_READER_BRIEFINGS} briefings), the heaviest page"
        if reader and reader["pages"]:
            worst = max(reader["pages"], key=lambda row: row[key])
            found.append(target(name, f"<= {size(limit)}", f"{size(worst[key])} ({worst['page']}; "
                                f"{reader['briefings']} briefing(s) measured)", worst[key] <= limit,
                                under_or_over(worst[key], limit, size)))
        else:
            found.append(target(name, f"<= {size(limit)}"))
    return found


def size_row(size: dict) -> dict:
    row = dict(size, ours=summary(size["runs"]), phases=phases(size["runs"]) if size["runs"] else {})
    wall, pages = row["ours"]["wall"], size["pages"]
    row["pages_per_second"] = pages / wall if pages and wall == wall else float("nan")
    row["html_per_page"] = size.get("html_bytes", 0) / max(size.get("html_files", 0), 1)
    row["markdown_per_page"] = size.get("markdown_bytes", 0) / max(pages, 1)
    row["plain"] = {language: summary(runs) for language, runs in size["plain"].items() if runs}
    walls = [plain["wall"] for plain in row["plain"].values()]
    row["plain_sequential"] = sum(walls) if walls else float("nan")
    row["plain_bound"] = max(walls, default=float("nan"))  # the slower language alone: both side by side
    row["plain_peak"] = max((plain["peak_rss"] for plain in row["plain"].values()), default=float("nan"))
    row["hugo"] = summary(size["hugo"]) if size["hugo"] else None
    row["rebuilds"] = size.get("rebuilds", {})
    return row


def render(results: dict) -> str:
    real = results["real"]
    make_site = summary(real["make_site"]) if real["make_site"] else None
    unchanged = real.get("make_site_unchanged") or []
    unchanged = dict(summary(unchanged), phases=phases(unchanged)) if unchanged else None
    sizes = [size_row(size) for size in results["sizes"]]
    real_phases = phases(real["builds"]) if real["builds"] else {}
    rest = None
    if make_site and "total" in real_phases:  # make, Python start-up, command line, exit
        rest = make_site["wall"] - real_phases["total"] - real_phases.get("import", 0.0)
        rest = rest if rest >= 0 else None  # separate runs: noise can exceed the rest
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(BENCH), trim_blocks=True, lstrip_blocks=True,
                                     keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    environment.filters.update(seconds=seconds, size=size, percent=percent, spread=spread, median=median)
    analysis = BENCH / "ANALYSIS.md"
    reader = next((dict(size["payload"], briefings=size["briefings"]) for size in sizes if size.get("payload")), None)
    rebuild_phases = list(dict.fromkeys(name for size in sizes for run in size["rebuilds"].values()
                                        for name in run["phases"]))
    return environment.get_template("RESULTS.md.j2").render(
        results, make_site=make_site, real_phases=real_phases, rest=rest, sizes=sizes,
        size_phases=list(dict.fromkeys(name for size in sizes for name in size["phases"])),
        targets=targets(make_site, sizes, results["live"], unchanged, reader), profile=real["profile"],
        unchanged=unchanged, reader=reader, rebuild_phases=rebuild_phases,
        analysis=analysis.read_text(encoding="utf-8").strip() if analysis.exists() else "")
