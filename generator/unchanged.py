"""A build whose inputs are those of the site in place has nothing to do: ``site/`` is that build.

After each build, the build cache records, under the key of everything the build read (the
project's files, the reference date, the address, the options, the generator and its libraries),
the size and modification time of every file of the site it made, its warnings and its counts.
A build with the same key, whose site is still exactly those files, stops there: no phase runs,
and it is as fast at 2,000 pages as at 20. A site touched by hand, another key, ``--no-cache``,
or inputs that changed while the build ran (then nothing is recorded) give a full build.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .cache import Cache, project_digest
from .problems import Problems
from .project import Project

KIND = "unchanged"


@dataclass
class Record:
    """What the build of one key made."""

    files: dict[str, tuple[int, int]]
    """Each file of the site (relative path): its size and modification time in nanoseconds."""
    warnings: Problems
    pages: dict[str, int]
    """Pages per language."""
    briefings: int


def inputs_key(cache: Cache, project: Project, today: date, site_url: str | None, pdfs: bool) -> str:
    """The key of a build: its inputs, where it writes, and what decides its address."""
    return cache.key(KIND, project_digest(project), today.isoformat(), site_url or "",
                     os.environ.get("SITE_URL", ""), str(project.site_dir.resolve()), str(pdfs))


def site_files(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``site_dir`` with its size and modification time."""
    files: dict[str, tuple[int, int]] = {}
    pending = [site_dir]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            else:
                stat = entry.stat(follow_symlinks=False)
                files[os.path.relpath(entry.path, site_dir)] = (stat.st_size, stat.st_mtime_ns)
    return files


def recorded(cache: Cache, key: str, site_dir: Path) -> Record | None:
    """The record of ``key`` if ``site_dir`` is still exactly the site it made."""
    stored = cache.get(KIND, key)
    if stored is None:
        return None
    record = pickle.loads(stored)
    return record if isinstance(record, Record) and record.files == site_files(site_dir) else None


def record(cache: Cache, key: str, site_dir: Path, warnings: Problems, pages: dict[str, int],
           briefings: int) -> None:
    cache.put(KIND, key, pickle.dumps(Record(site_files(site_dir), warnings, pages, briefings)))
