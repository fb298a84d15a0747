"""Run one command and measure it: wall and CPU seconds, peak memory of its whole process tree.

* Wall time: from just before the process starts to its exit (``time.perf_counter``).
* CPU time: user + system seconds of the process and of every descendant it waited for (the
  MkDocs workers included), from ``os.wait4``.
* Peak memory, two ways:
  - ``tree_rss``: the largest sum of the resident sets of the process and all its descendants,
    sampled every 0.1 s from ``/proc/<pid>/statm``. An upper bound: forked workers share some
    pages with their parent, which this counts twice. This is the figure the targets use.
  - ``max_rss``: the peak resident set of the single largest process (exact, from ``wait4``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_INTERVAL = 0.1


@dataclass
class Measurement:
    command: list[str]
    returncode: int
    wall: float
    """Seconds from start to exit."""
    cpu: float
    """User + system seconds, the process and its descendants."""
    max_rss: int
    """Bytes: peak resident set of the largest single process."""
    tree_rss: int
    """Bytes: peak of the summed resident sets of the process tree (sampled)."""
    peak_by_role: dict[str, int] = field(default_factory=dict)
    """Bytes: peak resident set of the main process ("main") and of its largest descendant ("children")."""
    cpu_pressure: float | None = None
    """Share of the wall time during which some runnable task of the machine waited for a CPU
    (Linux PSI, ``/proc/pressure/cpu``): other work on a shared machine shows up here."""
    stdout: str = ""
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def cpu_stall_seconds() -> float | None:
    """Total seconds some task has waited for a CPU since boot (Linux PSI), if the kernel tells."""
    try:
        with open("/proc/pressure/cpu") as handle:
            for line in handle:
                if line.startswith("some"):
                    return int(line.rsplit("total=", 1)[1]) / 1e6
    except (OSError, ValueError, IndexError):
        pass
    return None


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            pass
    return found


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue.extend(_children(current))
    return pids


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class _TreeMemory:
    """Samples the resident memory of a process tree until stopped."""

    def __init__(self, root_pid: int):
        self.root_pid = root_pid
        self.main_pid: int | None = None
        self.peak_total = 0
        self.peak_main = 0
        self.peak_child = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(SAMPLE_INTERVAL):
                return

    def sample(self) -> None:
        sizes = {pid: _rss(pid) for pid in _tree(self.root_pid)}
        self.peak_total = max(self.peak_total, sum(sizes.values()))
        main = self.main_pid or self._find_python(sizes)
        if main is None:
            return
        self.peak_main = max(self.peak_main, sizes.get(main, 0))
        for pid in _children(main):
            self.peak_child = max(self.peak_child, sizes.get(pid, 0))

    def _find_python(self, sizes: dict[int, int]) -> int | None:
        """Under ``make``, the main process is the first Python one (``briefing``, ``python``)."""
        for pid in sorted(sizes):
            try:
                with open(f"/proc/{pid}/comm") as handle:
                    if handle.read().strip().startswith(("python", "briefing", "mkdocs")):
                        self.main_pid = pid
                        return pid
            except OSError:
                pass
        return None

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 3600,
        output_dir: Path | None = None) -> Measurement:
    """Run ``command`` to completion and measure it; its output is kept in the result."""
    output_dir = output_dir or Path(cwd)
    output_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = output_dir / ".stdout", output_dir / ".stderr"
    stalled_before = cpu_stall_seconds()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err,
                                   stdin=subprocess.DEVNULL)
        with _TreeMemory(process.pid) as memory:
            deadline = start + timeout
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    process.kill()
                time.sleep(0.005)
        wall = time.perf_counter() - start
    stalled_after = cpu_stall_seconds()
    process.returncode = os.waitstatus_to_exitcode(status)
    measurement = Measurement(
        command=[str(part) for part in command], returncode=process.returncode, wall=wall,
        cpu=usage.ru_utime + usage.ru_stime, max_rss=usage.ru_maxrss * 1024,
        tree_rss=max(memory.peak_total, usage.ru_maxrss * 1024),
        peak_by_role={"main": memory.peak_main, "children": memory.peak_child},
        cpu_pressure=(stalled_after - stalled_before) / wall if stalled_before is not None and wall else None,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"))
    out_path.unlink()
    err_path.unlink()
    return measurement


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Summary:
    """Medians over repeated measurements of the same command."""

    runs: int
    wall: float
    cpu: float
    tree_rss: int
    max_rss: int
    walls: list[float]

    @classmethod
    def of(cls, measurements: list[Measurement]) -> Summary:
        return cls(runs=len(measurements),
                   wall=median([m.wall for m in measurements]),
                   cpu=median([m.cpu for m in measurements]),
                   tree_rss=int(median([m.tree_rss for m in measurements])),
                   max_rss=int(median([m.max_rss for m in measurements])),
                   walls=[m.wall for m in measurements])
