"""A low-overhead sampling profiler that also follows the forked MkDocs workers.

cProfile slows Jinja-heavy code down by 1.5-2x and only sees its own process, while the MkDocs
builds run in forked worker processes. This sampler records the main thread's call stack every
10 ms of CPU time (``setitimer(ITIMER_PROF)`` and a ``SIGPROF`` handler), in the build process
and, through ``multiprocessing``'s after-fork hooks, in each worker; each process writes one
JSON file when it exits. The timed run itself can therefore be profiled (run.py measures the
overhead and reports it).

Signals rather than a sampling thread: a thread only gets the GIL when the main thread lets it
go, and the main thread lets it go first at system calls (``os.getcwd`` in ``posixpath.relpath``,
file writes), which a thread-based sampler then over-counts several times over. A signal handler
runs in the main thread at the next bytecode, so time spent in C code is charged to the Python
function that called it, and a process that waits (for its workers) records nothing.

Reading the samples: a function's *self* share is the fraction of samples where it is the
innermost Python frame; its *inclusive* share is the fraction of samples where it is anywhere
on the stack.
"""

from __future__ import annotations

import json
import multiprocessing.util
import os
import signal
from collections import Counter
from pathlib import Path

INTERVAL = 0.01
"""Seconds of CPU time between two samples."""


class Sampler:
    def __init__(self, folder: Path, role: str):
        self.folder = folder
        self.role = role
        self.stacks: Counter[tuple[str, ...]] = Counter()
        self._codes: dict[object, str] = {}

    def start(self) -> Sampler:
        signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
        return self

    def _name(self, code) -> str:
        name = self._codes.get(code)
        if name is None:
            name = self._codes[code] = f"{code.co_filename}:{code.co_firstlineno}:{code.co_name}"
        return name

    def _sample(self, _signal, frame) -> None:
        stack = []
        while frame is not None:
            stack.append(self._name(frame.f_code))
            frame = frame.f_back
        self.stacks[tuple(reversed(stack))] += 1

    def stop_and_write(self) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        self.folder.mkdir(parents=True, exist_ok=True)
        samples = sum(self.stacks.values())
        data = {"pid": os.getpid(), "role": self.role, "interval": INTERVAL, "seconds": samples * INTERVAL,
                "stacks": [[list(stack), count] for stack, count in self.stacks.items()]}
        (self.folder / f"{self.role}-{os.getpid()}.json").write_text(json.dumps(data), encoding="utf-8")


def profile_process_tree(folder: Path) -> Sampler:
    """Start sampling this process now, and every process ``multiprocessing`` forks from it."""
    sampler = Sampler(folder, "main").start()

    def in_worker(_parent_sampler: Sampler) -> None:
        # A forked child inherits the handler but not the timer: start its own sampler.
        worker = Sampler(folder, "worker").start()
        # multiprocessing runs these finalizers when the worker's target returns (fork start method).
        multiprocessing.util.Finalize(None, worker.stop_and_write, exitpriority=100)

    multiprocessing.util.register_after_fork(sampler, in_worker)
    return sampler
