"""Live reload latency: seconds from saving a fact to the rebuilt page being served.

``briefing serve`` runs in a copy of the project (the real briefing); each edit rewrites the
value of one fact (``company.headcount``, shown on the home page) in the copy's
``facts.yaml``, and the home page is fetched every 10 ms until the new value appears in the
fact's element. The time
runs from the moment the file is written to the first response containing the new value.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

FACT = "company.headcount"
_VALUE = re.compile(r"(- id: company\.headcount\n(?:    .*\n)*?    value: )(\d+)")
_REBUILT = re.compile(r"^rebuilt in ([0-9.]+) s", re.M)  # not "search index rebuilt in", which follows


@dataclass
class LiveReload:
    latencies: list[float] = field(default_factory=list)
    rebuilds: list[float] = field(default_factory=list)
    """The generator's own ``rebuilt in X s`` for each edit (the build part of the latency)."""
    startup: float = 0.0
    """Seconds from starting ``briefing serve`` to the first page served."""
    error: str = ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def measure(project: Path, briefing_cli: Path, env: dict[str, str], edits: int = 7,
            timeout: float = 60.0) -> LiveReload:
    facts = project / "seeds" / "scale-ai" / "facts.yaml"
    original = facts.read_text(encoding="utf-8")
    match = _VALUE.search(original)
    result = LiveReload()
    if not match:
        result.error = f"{facts}: no '{FACT}' fact with a 'value:' line to edit"
        return result
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = project / "serve.log"
    started = time.perf_counter()
    with open(log, "wb") as output:
        server = subprocess.Popen([str(briefing_cli), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        while FACT not in _fetch(url):
            if server.poll() is not None or time.perf_counter() - started > timeout:
                result.error = "the preview never served the home page: " + log.read_text()[-2000:]
                return result
            time.sleep(0.05)
        result.startup = time.perf_counter() - started
        time.sleep(1.5)  # let the watcher take its first snapshot of the files
        base = int(match.group(2))
        for edit in range(1, edits + 1):
            value = base + edit
            expected = re.compile(rf'data-fact="{re.escape(FACT)}"[^>]*>(?:<[^>]*>)*{value}<')
            text = _VALUE.sub(lambda m: f"{m.group(1)}{value}", original, count=1)
            offset = log.stat().st_size
            # Saved whole (write, then rename over), so the watcher never sees a half-written file.
            draft = facts.with_name(facts.name + ".saving")
            draft.write_text(text, encoding="utf-8")
            os.replace(draft, facts)
            saved = time.perf_counter()
            while not expected.search(_fetch(url)):
                if time.perf_counter() - saved > timeout:
                    result.error = f"edit {edit}: the new value never appeared: " + log.read_text()[-2000:]
                    return result
                time.sleep(0.01)
            result.latencies.append(time.perf_counter() - saved)
            time.sleep(1.0)  # the server is idle again before the next edit
            with open(log, encoding="utf-8", errors="replace") as handle:
                handle.seek(offset)
                rebuilt = _REBUILT.findall(handle.read())
            if rebuilt:
                result.rebuilds.append(float(rebuilt[0]))
        return result
    finally:
        facts.write_text(original, encoding="utf-8")
        # The server is in its own session: stop it and only it, by its process group.
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
