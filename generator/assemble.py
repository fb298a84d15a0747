"""Phase 6, assemble: one MkDocs project per language in the build folder.

Each language gets ``.build/<lang>/docs/`` (its rendered pages with their front matter, its
data files) and ``.build/<lang>/mkdocs.yml``: the root configuration specialised for that
language (address, theme language, navigation, the generator's plugin). The docs folder is kept
between builds and only the files whose text changed are written, so that MkDocs can tell the
pages to build again from the others (see ``mkdocs_build``). A record beside it (``docs.json``)
names the inputs each unit's pages were written from, and each file's size and time: a unit
whose inputs and files are as recorded is left alone, unread (at 2,000 pages, reading and
comparing every page was most of this phase and of the render phase's).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from .cache import digest, stamp, take_record
from .data import DataFiles
from .feeds import FEED_PATH
from .formatting import markup_typography
from .gather import Inputs
from .plan import Plan, relative_url, site_title
from .render import Rendered, RenderedPage


@dataclass
class LanguageBuild:
    """One language's MkDocs project, ready to build."""

    language: str
    config_file: Path
    sources: dict[str, str]
    """Each docs file's template or content page, to point MkDocs' warnings at what editors edit."""
    reads: tuple[Path, ...] = ()
    """What else MkDocs reads besides the docs and the configuration: the theme overrides, hooks."""

    @property
    def site(self) -> Path:
        """Where MkDocs writes it, kept between builds: ``.build/<lang>/site/``."""
        return kept_site(self.config_file)


def kept_site(config_file: Path) -> Path:
    """The site a language's MkDocs project (``config_file``) builds into, kept between builds."""
    return config_file.parent / "site"


def language_output(folder: Path, language: str) -> Path:
    """Where a language's MkDocs output goes in a shard's part: ``_fr/``."""
    return folder / f"_{language}"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML has it: the same text as Python's, five times sooner (a
language's configuration holds its whole navigation: 1,200 pages at 200 briefings)."""

RECORD = "docs.json"
"""Beside a language's docs folder (``.build/<lang>/docs.json``): which unit's pages it holds, as
written, and each file's size and modification time then."""


def assemble(inputs: Inputs, plan: Plan, rendered: Rendered, data: DataFiles, base_url: str,
             reuse: bool = True) -> list[LanguageBuild]:
    """Each language's MkDocs project. With ``reuse``, a unit whose docs the last build wrote
    from the same inputs, and left as they were, is neither read from the cache nor written again."""
    builds = []
    build_dir = inputs.project.build_dir
    for language in inputs.languages:
        docs = build_dir / language / "docs"
        record = _record(take_record(build_dir / language / RECORD, reuse))
        jsonld = data.jsonld[language]
        files, kept, keys, sources = {}, {}, {}, {}
        for unit in rendered.units[language]:
            paths = [page.places[language].doc_path for page in unit.planned]
            sources.update(zip(paths, unit.sources))
            keys[unit.name] = digest(unit.key, base_url, *(jsonld.get(page.key) or "" for page in unit.planned))
            if record["units"].get(unit.name) == keys[unit.name] and all(
                    record["files"].get(path) == stamp(docs / path) for path in paths):
                kept.update({path: record["files"][path] for path in paths})
            else:
                files.update({page.place.doc_path: document(page, base_url, jsonld.get(page.planned.key))
                              for page in unit.load()})
        synchronise(docs, {**files, **data.files[language]}, set(kept))
        # What a kept file was is what it is; what was written is stat'ed once written.
        _write_record(build_dir / language / RECORD, keys,
                      {**{path: stamp(docs / path) for path in sources if path not in kept}, **kept})
        config_file = build_dir / language / "mkdocs.yml"
        config = mkdocs_config(inputs, plan, language, base_url, docs, kept_site(config_file))
        config_file.write_text(yaml.dump(config, Dumper=_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
        reads = [Path(config["theme"]["custom_dir"])] if config["theme"].get("custom_dir") else []
        builds.append(LanguageBuild(language, config_file, sources,
                                    tuple(reads + [Path(hook) for hook in config.get("hooks") or []])))
    return builds


def _record(record: Any) -> dict[str, dict]:
    """The last build's record of a docs folder, if it has the record's shape; else an empty one."""
    if isinstance(record, dict) and isinstance(record.get("units"), dict) and isinstance(record.get("files"), dict):
        return record
    return {"units": {}, "files": {}}


def _write_record(path: Path, units: dict[str, str], files: dict[str, list[int] | None]) -> None:
    path.write_text(json.dumps({"units": units, "files": files}, sort_keys=True), encoding="utf-8")


def synchronise(folder: Path, files: dict[str, str], kept: set[str] = frozenset()) -> None:
    """Make ``folder`` hold exactly ``files`` (relative path -> text) and the files ``kept`` as
    they are, writing only those whose bytes differ: an unchanged file keeps its modification time."""
    wanted = {relative: text.encode("utf-8") for relative, text in files.items()}
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):  # files before their folders
            relative = path.relative_to(folder).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif relative in kept:
                continue
            elif relative not in wanted:
                path.unlink()
            elif path.stat().st_size == len(wanted[relative]) and path.read_bytes() == wanted[relative]:
                del wanted[relative]
    for relative, data in wanted.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)


def document(page: RenderedPage, base_url: str, jsonld: str | None) -> str:
    """The Markdown file as written: front matter (title, description, alternates), then the body."""
    alternates = {lang: base_url + place.url for lang, place in page.planned.places.items()}
    # The language switcher's links are relative, so that it stays on the site wherever the
    # site is served (a local copy, a preview); hreflang links stay absolute.
    switcher = {lang: relative_url(place.url, page.place.url) for lang, place in page.planned.places.items()}
    front: dict[str, Any] = {"title": page.title, "description": page.description,
                             "alternates": alternates, "switcher": switcher}
    if jsonld:
        front["jsonld"] = jsonld
    return "---\n" + front_matter(front) + "---\n\n" + page.markdown


_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
"""What JSON leaves as it is but a YAML double-quoted scalar may not hold: C1 controls, line
and paragraph separators (YAML line breaks), the byte order mark, non-characters."""


def front_matter(front: dict[str, str | dict[str, str]]) -> str:
    """Texts and one level of mappings of texts as YAML, each text double-quoted: a JSON string
    with the few characters YAML reads otherwise escaped. Thirty times faster than
    ``yaml.safe_dump``, which was most of this phase at 2,000 pages."""
    def quoted(text: str) -> str:
        return _NOT_YAML_PRINTABLE.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(text, ensure_ascii=False))

    lines = []
    for key, value in front.items():
        if isinstance(value, dict):
            lines += [f"{key}:" + ("" if value else " {}"),
                      *(f"  {quoted(name)}: {quoted(text)}" for name, text in value.items())]
        else:
            lines.append(f"{key}: {quoted(value)}")
    return "\n".join(lines) + "\n"


def mkdocs_config(inputs: Inputs, plan: Plan, language: str, base_url: str, docs: Path,
                  output: Path) -> dict[str, Any]:
    """The root ``mkdocs.yml`` specialised for one language."""
    config = dict(inputs.config)
    root = inputs.project.config_file.parent
    gettext = inputs.translations[language].gettext
    briefings = inputs.briefings
    config["site_name"] = site_title(briefings, language, gettext)
    config["site_url"] = base_url + plan.prefix(language)
    copyright = (config.get("extra") or {}).get("copyright")
    if isinstance(copyright, dict):
        config["copyright"] = markup_typography(copyright.get(language, ""), language)
    config.update(docs_dir=str(docs), site_dir=str(output), strict=True)
    theme = dict(config.get("theme") or {})
    theme["language"] = language
    if "custom_dir" in theme:
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    config["theme"] = theme
    plugins = list(config.get("plugins") or [])
    others = [plugin for plugin in plugins if _plugin_name(plugin) != "briefing"]
    own = {"build_date": plan.build_date.isoformat(), "template_cache": str(inputs.project.build_dir / "jinja-cache"),
           "search_lock": str(inputs.project.build_dir / "search.lock")}
    # A project may list the plugin itself, with options of its own: the generator's come on top.
    theirs = next((plugin["briefing"] or {} for plugin in plugins if isinstance(plugin, dict) and "briefing" in plugin), {})
    # Pages dropped once written, unless a project's plugin or hook may still read them after.
    own["compact_pages"] = theirs.get("compact_pages", not others and not config.get("hooks"))
    config["plugins"] = others + [{"briefing": {**theirs, **own}}]
    extra = dict(config.get("extra") or {})
    extra["alternate"] = [{"name": Locale.parse(lang).get_display_name(lang).capitalize(),
                           "link": base_url + plan.prefix(lang), "lang": lang} for lang in inputs.languages]
    extra["site_root"] = base_url
    extra["feed"] = {"href": FEED_PATH, "title": gettext("What changed, as a feed")}
    extra["nav_current_section_only"] = len(briefings) > 1
    extra["not_found"] = {"title": gettext("Page not found"),
                          "text": gettext("This address does not exist, or no longer does."),
                          "home": gettext("Go to the home page")}
    config["extra"] = extra
    config["nav"] = plan.navigation[language]
    config["markdown_extensions"] = [_localise_extension(extension, gettext)
                                     for extension in config.get("markdown_extensions") or []]
    # A project's own hooks are relative to its mkdocs.yml.
    if config.get("hooks"):
        config["hooks"] = [str((root / hook).resolve()) for hook in config["hooks"]]
    return config


def _localise_extension(extension: Any, gettext) -> Any:
    """Footnotes' back-links get a title in the page's language."""
    name, options = (extension, {}) if isinstance(extension, str) else next(iter(extension.items()))
    if name == "footnotes":
        return {"footnotes": {**(options or {}), "BACKLINK_TITLE": gettext("Back to reference %d in the text")}}
    return extension


def _plugin_name(plugin: Any) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))

