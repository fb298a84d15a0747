"""One build at a time in a build folder: a second build waits for the first, says so, and
then builds; a killed holder never leaves the lock behind."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from pathlib import Path

from generator.locking import exclusive


def test_a_second_build_waits_for_the_first_and_says_so(project_copy):
    lock = project_copy / ".build" / "lock"
    lock.parent.mkdir(parents=True)
    with lock.open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a build in progress, as far as the second one knows
        handle.write("4242")
        handle.flush()
        second = subprocess.Popen(
            [str(Path(sys.executable).parent / "briefing"), "build", "--today", "2026-12-01"],
            cwd=project_copy, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert second.poll() is None, second.communicate()
        assert not (project_copy / "site").exists()
        fcntl.flock(handle, fcntl.LOCK_UN)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "waiting for the build running in" in err and "(process 4242)" in err
    assert (project_copy / "site" / "index.html").is_file()


def test_a_killed_holder_leaves_no_lock_behind(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from generator.locking import exclusive\n"
        f"with exclusive(Path({str(tmp_path)!r})):\n    print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    messages = []
    with exclusive(tmp_path, messages.append):
        pass
    assert messages == []  # taken at once: the system released the dead process's lock


def test_two_real_builds_at_once_make_one_complete_site(project_copy, file_digests):
    """Two ``briefing build`` of one project at the same time: the second waits for the first,
    both succeed, and ``site/`` is one whole build, the same as a cold build of the same inputs."""
    command = [str(Path(sys.executable).parent / "briefing"), "build", "--today", "2026-12-01"]
    lock = project_copy / ".build" / "lock"
    first = subprocess.Popen(command, cwd=project_copy, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (lock.is_file() and lock.read_text().strip() == str(first.pid)):  # the first holds the lock
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.02)
    second = subprocess.Popen(command, cwd=project_copy, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(process.communicate(timeout=120), process.returncode) for process in (first, second)]
    assert [code for _, code in results] == [0, 0], results
    assert f"waiting for the build running in {project_copy / '.build'} (process {first.pid})" in results[1][0][1]
    cold = project_copy.parent / "cold"
    subprocess.run([*command, "--no-cache", "--site-dir", str(cold)],
                   cwd=project_copy, check=True, capture_output=True)
    assert file_digests(project_copy / "site") == file_digests(cold)
