"""`make audit`: Lighthouse (mobile) on the home, profile, timeline, watchlist and sources pages of both
languages; rewrites benchmarks/LIGHTHOUSE.md.

    .venv/bin/python benchmarks/audit.py [--runs 3]

1. Builds the real site for a local address into ``benchmarks/.work/audit/`` (``site/`` is
   not touched) and serves it on 127.0.0.1 the way GitHub Pages serves it: gzip-compressed
   text, ``Cache-Control: max-age=600``.
2. Runs the Lighthouse installed by npm in ``node_modules/`` (``package.json`` pins it) with
   Debian's Chromium, one page at a time, ``--runs`` times each: Lighthouse's default mobile
   configuration (a mid-range phone, simulated slow 4G and 4x slower CPU).
3. Writes the median of each score per page, and the median metrics behind the performance
   score, into ``benchmarks/LIGHTHOUSE.md``. Raw reports stay in ``benchmarks/.work/audit/``.

Targets on every page: performance at least 95; accessibility, best practices and SEO 100.
The exit status is 1 if a page misses one (the table is written anyway).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import mimetypes
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timezone
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.site import Project, build  # noqa: E402

WORK = ROOT / "benchmarks" / ".work" / "audit"
RESULTS = ROOT / "benchmarks" / "LIGHTHOUSE.md"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

PAGES = [  # (page, French address, English address)
    ("home", "", "en/"),
    ("profile", "profil/", "en/profile/"),
    ("timeline", "chronologie/", "en/timeline/"),
    ("watchlist", "veille/", "en/watchlist/"),
    ("sources", "sources/", "en/sources/"),
]
CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility",
              "best-practices": "Best practices", "seo": "SEO"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS", "speed-index": "Speed index"}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip for text when asked, ten-minute caching."""

    compressed: dict[Path, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the base class redirects to the address with a slash
            path = path / "index.html"
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not content_type.startswith(COMPRESSED_TYPES)):
            return super().do_GET()
        if path not in self.compressed:
            self.compressed[path] = gzip.compress(path.read_bytes(), mtime=0)
        body = self.compressed[path]
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's signature
        pass


def chromium() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    sys.exit("audit: Chromium not found: apt-get install chromium (or set CHROME_PATH)")


def lighthouse(url: str, report: Path, browser: str) -> dict:
    """One Lighthouse run (mobile), its JSON report written to ``report`` and returned."""
    subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env={**os.environ, "CHROME_PATH": browser})
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(reports: list[dict]) -> dict:
    """Median score per category (0-100) and median metric values over the runs of one page."""
    scores = {name: round(100 * statistics.median(r["categories"][name]["score"] for r in reports))
              for name in CATEGORIES}
    metrics = {name: statistics.median(r["audits"][name]["numericValue"] for r in reports) for name in METRICS}
    failing = sorted({f"{r['audits'][ref['id']]['title']}" for r in reports for name in ("accessibility", "best-practices", "seo")
                      for ref in r["categories"][name]["auditRefs"]
                      if ref.get("weight") and (r["audits"][ref["id"]].get("score") is not None)
                      and r["audits"][ref["id"]]["score"] < 1})
    return {"scores": scores, "metrics": metrics, "failing": failing}


def metric(name: str, value: float) -> str:
    return f"{value:.3f}" if name == "cumulative-layout-shift" else f"{value / 1000:.1f} s" if value >= 1000 \
        else f"{value:.0f} ms"


def write_results(results: dict[str, dict], runs: int, versions: dict[str, str], took: float) -> list[str]:
    """Rewrite LIGHTHOUSE.md; return the pages and categories that miss their target."""
    misses = [f"{address or '/'}: {CATEGORIES[name]} {summary['scores'][name]} < {TARGETS[name]}"
              for address, summary in results.items() for name in CATEGORIES
              if summary["scores"][name] < TARGETS[name]]
    lines = [
        "# Lighthouse audit",
        "",
        "Written by `make audit` (`benchmarks/audit.py`); do not edit by hand. Lighthouse's mobile",
        "configuration (simulated slow 4G, 4x CPU slowdown) on the real site, built for a local address and",
        "served on 127.0.0.1 as GitHub Pages serves it (gzip, `Cache-Control: max-age=600`). Each score is",
        f"the median of {runs} run{'s' if runs != 1 else ''}. Targets: performance at least 95; accessibility,",
        "best practices and SEO 100.",
        "",
        "Needs Debian's `nodejs`, `npm` and `chromium`; `make audit` runs `npm ci` first. Lighthouse is",
        "pinned to 12.8.2 in `package.json`: Lighthouse 13 needs Node 22.19, Debian 12 has Node 20.",
        "",
        f"- Date: {date.today().isoformat()}; Lighthouse {versions['lighthouse']}; {versions['chromium']}",
        f"- Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores (shared); "
        f"{len(results) * runs} runs in {took / 60:.1f} min",
        f"- Result: {'every page meets every target' if not misses else 'MISSED: ' + '; '.join(misses)}",
        "",
        "| Page | Address | " + " | ".join(CATEGORIES.values()) + " |",
        "|---|---|" + "---:|" * len(CATEGORIES),
    ]
    for address, summary in results.items():
        lines.append(f"| {summary['page']} | `/{address}` | "
                     + " | ".join(str(summary["scores"][name]) for name in CATEGORIES) + " |")
    lines += ["", "Median metrics behind the performance score:", "",
              "| Address | " + " | ".join(METRICS.values()) + " |",
              "|---|" + "---:|" * len(METRICS)]
    for address, summary in results.items():
        lines.append(f"| `/{address}` | " + " | ".join(metric(name, summary["metrics"][name]) for name in METRICS) + " |")
    failing = sorted({title for summary in results.values() for title in summary["failing"]})
    if failing:
        lines += ["", "Audits that failed in accessibility, best practices or SEO: " + "; ".join(failing) + "."]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median kept)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("audit: Lighthouse is not installed: run `npm ci` (make audit does)")
    browser = chromium()
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "reports").mkdir(parents=True)
    site_dir = WORK / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesLikeHandler, directory=str(site_dir)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build(Project(root=ROOT, build_dir=WORK / "build", site_dir=site_dir), site_url=url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    versions = {"lighthouse": subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True,
                                             check=True).stdout.strip(),
                "chromium": subprocess.run([browser, "--version"], capture_output=True, text=True,
                                           check=True).stdout.strip()}
    started = time.monotonic()
    results: dict[str, dict] = {}
    try:
        for page, *addresses in PAGES:
            for address in addresses:
                reports = []
                for run in range(args.runs):
                    name = (address.strip("/").replace("/", "-") or "home-fr") + f"-{run + 1}.json"
                    reports.append(lighthouse(url + address, WORK / "reports" / name, browser))
                results[address] = {"page": page, **summarise(reports)}
                scores = results[address]["scores"]
                print(f"/{address}: " + ", ".join(f"{CATEGORIES[n]} {scores[n]}" for n in CATEGORIES), flush=True)
    finally:
        server.shutdown()
    misses = write_results(results, args.runs, versions, time.monotonic() - started)
    print(f"wrote {RESULTS.relative_to(ROOT)} ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)")
    for miss in misses:
        print(f"target missed: {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
