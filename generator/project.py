"""Where a project's inputs are and where its outputs go: the folders every phase is given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
