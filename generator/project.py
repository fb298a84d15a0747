"""Where a project's inputs are and where its outputs go: the folders every phase is given; and
which of its files may be read at all (size, links leading outside it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Project:
    """A project's folders. Defaults match the repository layout, relative to ``root``."""

    root: Path = Path(".")
    config_file: Path | None = None
    """The MkDocs configuration (``mkdocs.yml``)."""
    seeds: Path | None = None
    """The fact base: one folder of YAML files per briefing."""
    content: Path | None = None
    """Editors' pages: ``<name>.<language>.md``."""
    templates: Path | None = None
    """Page templates (``pages/``), the theme overrides (``theme/``) and the PDF layout (``pdf/``)."""
    locales: Path | None = None
    """Interface strings: ``messages.pot`` and ``<language>/LC_MESSAGES/messages.po``."""
    shared_locales: tuple[Path, ...] = ()
    """Further catalog folders, searched in order for a language ``locales`` lacks: a project
    that uses another project's templates uses that project's catalogs too."""
    build_dir: Path | None = None
    """Work files and caches (``.build/``); never published."""
    site_dir: Path | None = None
    """The published site (``site/``), replaced in one rename when a build succeeds."""

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        defaults = {"config_file": "mkdocs.yml", "seeds": "seeds", "content": "content",
                    "templates": "templates", "locales": "locales", "build_dir": ".build",
                    "site_dir": "site"}
        for name, default in defaults.items():
            value = getattr(self, name)
            setattr(self, name, (self.root / default) if value is None else Path(value).resolve())
        self.shared_locales = tuple(Path(folder).resolve() for folder in self.shared_locales)

    @property
    def catalog_folders(self) -> tuple[Path, ...]:
        """Where each language's catalog is looked for, first match wins."""
        return (self.locales, *self.shared_locales)

    @classmethod
    def configured(cls, config_file: Path | None = None, **folders: Any) -> Project:
        """The project of a configuration file: its folders are beside it (as MkDocs finds
        ``docs/``), unless its ``extra.briefing`` names others, relative to the file; explicit
        ``folders`` (the command line's) win over both."""
        path = (config_file or Path("mkdocs.yml")).resolve()
        given = {name: value for name, value in folders.items() if value is not None}
        return cls(root=path.parent, config_file=path, **{**configured_folders(path), **given})


FOLDER_SETTINGS = ("seeds", "content", "templates", "locales")
"""The folders ``extra.briefing`` may name in ``mkdocs.yml``; ``locales`` may be a list, the
project's own folder first."""


def configured_folders(config_file: Path) -> dict[str, Any]:
    """The folders named by ``extra.briefing`` in ``config_file``, resolved beside it. A file
    that cannot be read names none: the gather phase reports why."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as handle:
            settings = ((yaml_load(handle) or {}).get("extra") or {}).get("briefing") or {}
    except Exception:  # unreadable or invalid: gather reports it with its line
        return {}
    if not isinstance(settings, dict):
        return {}
    folders: dict[str, Any] = {}
    for name in FOLDER_SETTINGS:
        value = settings.get(name)
        if isinstance(value, str):
            folders[name] = config_file.parent / value
        elif name == "locales" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            folders["locales"] = config_file.parent / value[0]
            folders["shared_locales"] = tuple(config_file.parent / folder for folder in value[1:])
    return folders


MAX_FILE_BYTES = 10 * 1024 * 1024
"""The largest YAML file read (about 150 times the largest briefing file so far): a briefing
that needs more splits its sections over several files."""


def too_large(path: Path) -> str | None:
    """Why ``path`` is too large to be read, if it is."""
    size = path.stat().st_size
    if size <= MAX_FILE_BYTES:
        return None
    return (f"the file is {size / 1024 / 1024:.1f} MB; a file may hold at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB (split a briefing's sections over several files)")


def linked_outside(path: Path, *folders: Path) -> str | None:
    """Why ``path`` may not be read, if it is a link (or inside a linked folder) that leads
    outside ``folders`` (the project and the folder it was found in)."""
    target = path.resolve()
    if any(target.is_relative_to(folder.resolve()) for folder in folders):
        return None
    return f"a link to {target}, outside the project: copy the file into the project instead"
