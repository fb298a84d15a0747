"""The benchmark harness still runs: its smoke mode writes a report with its tables and the raw numbers.

Nothing here times anything: a benchmark never fails a test for being slow.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table_rows(report: str, header: str) -> list[list[str]]:
    """The cells of each row of the Markdown table whose header line starts with ``header``."""
    lines = report.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_smoke_run_writes_the_report_and_the_raw_numbers(tmp_path):
    output = tmp_path / "out"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--output", str(output),
                          "--work", str(tmp_path / "work")], capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr

    report = (output / "RESULTS.md").read_text(encoding="utf-8")
    targets = table_rows(report, "| target | goal | measured | status | by how much |")
    assert any(row[0] == "Real briefing, full `make site`" and row[3] in ("met", "**missed**") for row in targets)
    assert table_rows(report, "| phase | seconds |")
    sizes = table_rows(report, "| briefings | pages | runs |")
    assert len(sizes) == 1 and sizes[0][0] == "1" and int(sizes[0][1]) > 0

    rebuilds = table_rows(report, "| briefings | pages | build | wall | CPU |")
    assert {"no change", "one-fact edit"} <= {row[2] for row in rebuilds}
    assert any(row[0] == "Real briefing, no-change `make site`" and row[3] in ("met", "**missed**") for row in targets)
    if Path("/usr/bin/chromium").is_file():  # the reader's payload runs in smoke on the real briefing's site
        assert table_rows(report, "| page | address | requests | first view |")
        assert any(row[0].startswith("One search") and row[3] in ("met", "**missed**") for row in targets)
    else:
        assert "Not measured: Chromium is not installed" in report

    results = json.loads((output / "results.json").read_text(encoding="utf-8"))
    for runs in (results["real"]["make_site"], results["real"]["make_site_unchanged"]):
        assert runs and all(run["wall"] > 0 and run["cpu"] > 0 and run["peak_rss"] > 0 for run in runs)
    assert results["real"]["builds"][0]["phases"] and results["real"]["pages"] > 0
    assert results["real"]["make_site_unchanged"][0]["phases"]  # read from `briefing build`'s lines on stderr
    (size,) = results["sizes"]
    assert size["pages"] > 0 and size["html_bytes"] > 0 and size["runs"][0]["wall"] > 0
    assert all(size["rebuilds"][name]["phases"] for name in ("first", "unchanged", "edit"))
