"""One build at a time per build folder: a second ``briefing build`` (or a live preview's
rebuild) waits for the first to finish instead of mixing their files.

The lock is ``flock`` on ``<build folder>/lock``: the system releases it when its process ends,
however it ends (SIGKILL included), so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_NAME = "lock"


@contextmanager
def exclusive(build_dir: Path, announce=None) -> Iterator[None]:
    """Hold the build folder's lock; if another process holds it, say so (``announce``, by
    default standard error) and wait for it."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_NAME
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            message = f"waiting for the build running in {build_dir} (process {holder}) to finish"
            (announce or (lambda text: print(text, file=sys.stderr, flush=True)))(message)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
