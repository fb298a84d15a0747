"""Phase 1, gather: read every input of a build (configuration, facts, editors' pages, catalogs).

Nothing is written and nothing is checked beyond what reading needs: a file that cannot be
parsed is a problem collected in ``Inputs.problems``, and the check phase decides what the
inputs add up to. ``briefing check`` and ``briefing build`` gather the same way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel.support import Translations

from .briefing import Briefing
from .cache import Cache, tree_digest
from .catalogs import Catalog, read_catalogs
from .content import ContentPage, read_content
from .problems import Problems
from .project import Project
from .seeds import load_briefings
from .translations import Confirmations, read_confirmations


@dataclass
class Inputs:
    """Everything a build reads."""

    project: Project
    config: dict[str, Any]
    """The root ``mkdocs.yml`` (``!ENV`` tags resolved)."""
    languages: list[str]
    """The site's languages (``extra.languages``), the default first."""
    briefings: list[Briefing]
    content: list[ContentPage]
    catalogs: dict[str, Catalog]
    today: date
    """The build's reference date: which checkpoints are past, what the staleness notices say."""
    problems: Problems
    """What could not be read."""
    confirmations: Confirmations
    """The translations editors confirmed (``seeds/translations.yaml``)."""
    digests: dict[Path, str] = field(default_factory=dict)
    """Each briefing's folder of YAML as one digest, by folder (two briefings may claim one id,
    which the check reports): what a briefing's cached work is keyed on (see ``digest``)."""

    def digest(self, briefing: Briefing) -> str:
        """The digest of ``briefing``'s folder: its check, pages, data files and PDFs are kept under it."""
        return self.digests[briefing_folder(briefing)]

    @property
    def translations(self) -> dict[str, Translations]:
        return {language: catalog.translations for language, catalog in self.catalogs.items()}

    def base_url(self, override: str | None = None) -> str:
        """The site's absolute address, ending in ``/``: the argument, ``$SITE_URL``, then
        ``site_url`` in ``mkdocs.yml``."""
        url = override or os.environ.get("SITE_URL") or self.config.get("site_url") or "http://127.0.0.1:8000/"
        return url if url.endswith("/") else url + "/"


def gather(project: Project, today: date | None = None, cache: Cache | None = None) -> Inputs:
    """Read the project. ``today`` is the reference date (by default the day of the build): the
    same inputs and the same reference date give the same site. With ``cache`` (a build's), an
    unchanged briefing is read from it already validated."""
    problems = Problems()
    config = read_config(project, problems)
    languages = [str(language) for language in (config.get("extra") or {}).get("languages") or ["en"]]
    briefings = load_briefings(project.seeds, problems, project.root, cache)
    content = read_content(project.content, languages, problems, project.root)
    catalogs = read_catalogs(project.catalog_folders, languages, problems)
    confirmations = read_confirmations(project.seeds, problems, project.root)
    digests = {briefing_folder(briefing): tree_digest(briefing_folder(briefing)) for briefing in briefings}
    return Inputs(project, config, languages, briefings, content, catalogs, today or date.today(), problems,
                  confirmations, digests)


def read_config(project: Project, problems: Problems) -> dict[str, Any]:
    """The root ``mkdocs.yml``, read with MkDocs' own loader (``!ENV`` tags resolved)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with project.config_file.open("rb") as handle:
            config = yaml_load(handle) or {}
    except OSError as error:
        problems.error(project.config_file, 1, "(file)", f"cannot read the configuration: {error.strerror}")
        return {}
    except ConfigurationError as error:  # MkDocs wraps the YAML error, which has the position
        cause = error.__context__
        mark = getattr(cause, "problem_mark", None)
        detail = getattr(cause, "problem", None) or str(error)
        problems.error(project.config_file, mark.line + 1 if mark else 1, "(yaml)", f"YAML syntax error: {detail}")
        return {}
    if not isinstance(config, dict):
        problems.error(project.config_file, 1, "(file)", "expected a mapping of MkDocs settings")
        return {}
    return config


def briefing_folder(briefing: Briefing) -> Path:
    """The folder a briefing was read from."""
    return Path(briefing.briefing.file).parent
