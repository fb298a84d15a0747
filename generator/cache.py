"""The build cache, under ``.build/cache/``: work done once is not done again for the same inputs.

An entry is stored under a key, the SHA-256 of everything that decides its content: the inputs
the caller names, plus ``ENVIRONMENT`` (the generator's own code, the versions of the libraries
that write the output). The reference date is part of the keys of whatever it can change, so an
entry never outlives a checkpoint. Each entry records the digest of its own bytes; an entry that
is truncated, corrupted or foreign does not match it, and is rebuilt, never served. Writes go
to a temporary file renamed into place, so an interrupted build leaves no half entry.
``briefing build --no-cache`` (or ``make clean``) builds cold.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .project import Project

LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "babel", "markdown", "pymdown-extensions", "pydantic",
             "typst", "pagefind", "pagefind_bin", "pyyaml")
"""The libraries whose version changes what a build reads or writes."""


def digest(*parts: bytes | str) -> str:
    """One SHA-256 over ``parts``, each length-prefixed so that no two lists of parts collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def stamp(path: Path | str) -> list[int] | None:
    """A file's size and modification time (nanoseconds), or None if there is none: what a build
    records of a file it leaves in the build folder, to tell next time whether it is as left."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def take_record(path: Path, reuse: bool = True) -> Any:
    """The JSON a build left at ``path`` about files it keeps in the build folder (what they were
    made from, their ``stamp``), or None if it is unreadable or not to be reused. The record is
    removed: the folder it describes is about to change, and the caller writes it again once the
    folder is in step."""
    record = None
    if reuse:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    path.unlink(missing_ok=True)
    return record


def tree_digest(folder: Path) -> str:
    """The digest of every file under ``folder``: paths and contents, in a fixed order."""
    files = sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []
    return digest(*(part for path in files for part in (str(path.relative_to(folder)), path.read_bytes())))


def project_digest(project: Project) -> str:
    """Everything of a project a build reads: its configuration and the files it names (hooks),
    the facts, the editors' pages, the templates and theme, the catalogs."""
    from mkdocs.utils.yaml import yaml_load

    configuration = project.config_file.read_bytes() if project.config_file.is_file() else b""
    try:
        hooks = (yaml_load(configuration) or {}).get("hooks") or []
    except Exception:  # an unreadable configuration is the check's to report; its bytes are in the digest
        hooks = []
    named = [project.config_file.parent / str(hook) for hook in hooks if isinstance(hook, str)]
    return digest(configuration, *(path.read_bytes() if path.is_file() else b"" for path in named),
                  *(tree_digest(folder) for folder in (project.seeds, project.content, project.templates,
                                                      *project.catalog_folders)))


def _environment() -> str:
    generator = Path(__file__).parent
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return digest(tree_digest(generator), *versions)


ENVIRONMENT = _environment()
"""The generator's code and the libraries' versions: part of every key."""


class Memory:
    """What a process that builds again and again (the preview) keeps of a build for the next:
    the cache entries it read, decoded. An entry a build does not use is forgotten when the
    build after it starts: at most two builds' entries are held."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, str], Any] = {}
        self._now: dict[tuple[str, str], Any] = {}

    def next_build(self) -> None:
        self._last, self._now = self._now, {}

    def recall(self, kind: str, key: str, read: Callable[[], Any]) -> Any:
        entry = (kind, key)
        value = self._now[entry] if entry in self._now else self._last[entry] if entry in self._last else read()
        if value is not None:
            self._now[entry] = value
        return value


class Cache:
    """Entries of bytes, by kind (``pdf``, ``pages``) and key; ``enabled=False`` stores and serves
    nothing. With a ``memory``, entries read as objects (``recall``) are kept between builds."""

    def __init__(self, folder: Path, enabled: bool = True, memory: Memory | None = None):
        self.folder, self.enabled, self.memory = folder, enabled, memory if enabled else None

    def recall(self, kind: str, key: str, decode: Callable[[bytes], Any]) -> Any:
        """The entry decoded by ``decode``, or None. With a memory, an entry the last build or this
        one decoded is not read again: the object it decoded is returned, as it is (keep it unchanged)."""
        def read() -> Any:
            data = self.get(kind, key)
            return None if data is None else decode(data)

        return self.memory.recall(kind, key, read) if self.memory is not None else read()

    def key(self, *parts: bytes | str) -> str:
        return digest(ENVIRONMENT, *parts)

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The entry's bytes, if it is there and whole; a damaged entry is removed."""
        if not self.enabled:
            return None
        path = self._path(kind, key)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        recorded, _, data = stored.partition(b"\n")
        if recorded.decode("ascii", "replace") != digest(kind, key, data):
            path.unlink(missing_ok=True)  # truncated, corrupted or foreign: never served
            return None
        return data

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is stored, unchecked: ``get`` checks it, and removes it if damaged."""
        return self.enabled and self._path(kind, key).is_file()

    def put(self, kind: str, key: str, data: bytes) -> None:
        if not self.enabled:
            return
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            try:
                handle.write(digest(kind, key, data).encode("ascii") + b"\n" + data)
            except BaseException:  # a full disk: no half-written file left behind
                handle.close()
                os.unlink(handle.name)
                raise
        os.replace(handle.name, path)
