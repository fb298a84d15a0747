"""Run one command and measure it with psutil: wall time, CPU time and peak memory of its process tree.

* wall: from just before the process starts to its exit;
* cpu: user + system seconds of the process and of every descendant it waited for (MkDocs
  workers, ``make``'s children), read by psutil from the exited, not yet reaped, process;
* peak_rss: the largest sum of the resident sets of the process and all its descendants,
  sampled every 0.1 s. An upper bound: forked workers share pages with their parent, counted
  once per process. This is the figure the memory target uses;
* peak_process_rss: the largest resident set of any single process of the tree (sampled).
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psutil

INTERVAL = 0.1


def _sample_tree(pid: int, peaks: dict[str, int], stop: threading.Event, deadline: float) -> None:
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        sizes = []
        for process in processes:
            try:
                sizes.append(process.memory_info().rss)
            except psutil.Error:
                pass
        peaks["tree"] = max(peaks["tree"], sum(sizes))
        peaks["process"] = max(peaks["process"], max(sizes, default=0))
        if time.perf_counter() > deadline:
            os.killpg(pid, signal.SIGKILL)
        stop.wait(INTERVAL)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 3600) -> dict:
    """Run ``command`` to completion; return its measurements, exit code and the end of its output."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen([str(part) for part in command], cwd=cwd, env=env, stdout=output,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        peaks, stop = {"tree": 0, "process": 0}, threading.Event()
        sampler = threading.Thread(target=_sample_tree, args=(process.pid, peaks, stop, start + timeout))
        sampler.start()
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped: psutil still reads it
        wall = time.perf_counter() - start
        stop.set()
        sampler.join()
        try:
            times = psutil.Process(process.pid).cpu_times()
            cpu = times.user + times.system + times.children_user + times.children_system
        except psutil.Error:
            cpu = float("nan")
        returncode = process.wait()
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    return {"wall": wall, "cpu": cpu, "peak_rss": peaks["tree"], "peak_process_rss": peaks["process"],
            "returncode": returncode, "output": text[-4000:]}


def cpu_stall_seconds() -> float | None:
    """Seconds some task of the machine has waited for a CPU since boot (Linux PSI), if the kernel tells."""
    try:
        with open("/proc/pressure/cpu") as handle:
            return int(handle.readline().rsplit("total=", 1)[1]) / 1e6
    except (OSError, ValueError, IndexError):
        return None
