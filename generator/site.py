"""The pipeline: load facts -> validate -> render each language -> assemble -> build with MkDocs.

Everything is gathered and checked before anything is written, and everything is written into
a build folder: ``content/`` and ``seeds/`` are only read, and ``site/`` is replaced in one
rename once every language has built, so a failed build leaves the last good site untouched.
"""

from __future__ import annotations

import gzip
import logging
import multiprocessing
import os
import re
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable
from html import escape

import yaml
from babel import Locale

from . import build_hook
from .catalogs import compile_catalogs
from .facts import Briefing
from .pdf import build_pdf, pdf_path
from .problems import BuildError, Problems
from .render import ContentPage, PageRenderer, RenderedPage, language_prefix, read_content, render_site
from .validation import load_or_fail


@dataclass
class Project:
    """Where a project's inputs are, and where its outputs go. Defaults match the repository layout."""

    root: Path = Path(".")
    config_file: Path | None = None
    seeds: Path | None = None
    content: Path | None = None
    templates: Path | None = None
    locales: Path | None = None
    build_dir: Path | None = None
    site_dir: Path | None = None

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        defaults = {"config_file": "mkdocs.yml", "seeds": "seeds", "content": "content",
                    "templates": "templates", "locales": "locales", "build_dir": ".build",
                    "site_dir": "site"}
        for name, default in defaults.items():
            value = getattr(self, name)
            setattr(self, name, (self.root / default) if value is None else Path(value).resolve())


@dataclass
class BuildResult:
    """What a build produced, for the command line and the benchmarks."""

    briefings: list[Briefing]
    pages: dict[str, list[RenderedPage]]
    warnings: Problems
    timings: dict[str, float] = field(default_factory=dict)


def read_config(project: Project) -> dict[str, Any]:
    """The root ``mkdocs.yml``, read with MkDocs' own loader (``!ENV`` tags resolved)."""
    from mkdocs.utils.yaml import yaml_load

    with project.config_file.open("rb") as handle:
        config = yaml_load(handle) or {}
    return config


def base_url(config: dict[str, Any], override: str | None = None) -> str:
    """The site's absolute address, always ending in ``/`` (``https://owner.github.io/repo/``)."""
    url = override or os.environ.get("SITE_URL") or config.get("site_url") or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


@dataclass
class Inputs:
    """Everything a build reads, loaded and checked: nothing is rendered from partial inputs."""

    config: dict[str, Any]
    languages: list[str]
    briefings: list[Briefing]
    content: list[ContentPage]
    translations: dict[str, Any]
    warnings: Problems
    today: date
    """The build's reference date: which checkpoints are past, what the staleness notices say."""


def gather(project: Project, today: date | None = None, strict: bool = False) -> Inputs:
    """Phases 1-2: load the facts, the editors' pages and the catalogs; check them all.

    ``today`` is the reference date (by default the day of the build): the same inputs and the
    same reference date give the same site."""
    today = today or date.today()
    config = read_config(project)
    languages = list((config.get("extra") or {}).get("languages") or ["en"])
    briefings, warnings = load_or_fail(project.seeds, today, strict)
    problems = Problems()
    for briefing in briefings:
        missing = [lang for lang in languages if lang not in briefing.briefing.languages]
        if missing:
            problems.error(briefing.briefing.file, briefing.briefing.line_of("languages"),
                           "briefing.languages",
                           f"the site is published in {', '.join(languages)} (mkdocs.yml extra.languages); "
                           f"add {', '.join(missing)}")
    content = read_content(project.content, languages, problems)
    translations = compile_catalogs(project.locales, languages, project.build_dir / "locales", problems)
    if problems.errors:
        raise BuildError(problems, "check")
    return Inputs(config, languages, briefings, content, translations, warnings, today)


def render(project: Project, inputs: Inputs, url: str):
    """Phase 3: every page of every language, as Markdown, and the data files (raises BuildError
    naming file and line)."""
    cache = project.build_dir / "jinja-cache"
    cache.mkdir(parents=True, exist_ok=True)
    return render_site(inputs.briefings, inputs.content, inputs.languages, inputs.translations,
                       project.templates, url, inputs.today, cache)


def typeset(project: Project, inputs: Inputs, plan, url: str) -> dict[str, bytes]:
    """One PDF per briefing and language (Typst), by address in the site (``en/pdf/scale-ai-en.pdf``).

    It runs while MkDocs builds the languages, in this process: the workers do not need it."""
    pdfs = {}
    for language in inputs.languages:
        renderer = PageRenderer(language, inputs.translations[language], project.templates, plan, url, {},
                                inputs.today, project.build_dir / "jinja-cache")
        for briefing in inputs.briefings:
            pdfs[language_prefix(language, inputs.languages) + pdf_path(briefing, language)] = build_pdf(
                briefing, renderer, project.templates, project.build_dir / "pdf" / f"{briefing.id}-{language}")
    return pdfs


def assemble(project: Project, inputs: Inputs, plan, pages, data, url: str, staging: Path) -> list[tuple]:
    """Phase 4: one MkDocs project per language in the build folder (docs and mkdocs.yml)."""
    jobs = []
    for language in inputs.languages:
        work = project.build_dir / language
        shutil.rmtree(work / "docs", ignore_errors=True)
        (work / "docs").mkdir(parents=True)
        for page in pages[language]:
            target = work / "docs" / page.place.doc_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.document(inputs.languages, url), encoding="utf-8")
        for relative, content in data[language].items():
            target = work / "docs" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        output = staging / language_folder(language)
        language_config = mkdocs_config(project, inputs, language, plan, url, work / "docs", output)
        config_path = work / "mkdocs.yml"
        config_path.write_text(yaml.safe_dump(language_config, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
        jobs.append((language, str(config_path), {p.place.doc_path: p.source for p in pages[language]}))
    return jobs


def build_with_mkdocs(project: Project, inputs: Inputs, jobs: list[tuple], staging: Path,
                      parallel: bool = True, meanwhile: Callable[[], Any] | None = None) -> Any:
    """Phase 5: run MkDocs for each language (in parallel), strictly, then merge the outputs.

    ``meanwhile`` runs in this process while the MkDocs workers build; its result is returned."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(_source_date_epoch(inputs.briefings)))
    os.environ[build_hook.CACHE_VARIABLE] = str(project.build_dir / "jinja-cache")
    failures = Problems()
    sources = {language: page_sources for language, _, page_sources in jobs}
    results, extra = _run_builds(jobs, parallel, meanwhile or (lambda: None))
    for language, messages, ok in results:
        for message in messages:
            path, line = locate_mkdocs_message(message, sources[language], project.config_file)
            failures.error(path, line, f"mkdocs ({language})", message)
        if not ok and not messages:
            failures.error(project.config_file, 1, f"mkdocs ({language})", "the build failed")
    if failures:
        raise BuildError(failures, "build")
    _merge_language_outputs(staging, inputs.languages)
    return extra


def build(project: Project, site_url: str | None = None, today: date | None = None,
          strict: bool = False, parallel: bool = True, pdfs: bool = True) -> BuildResult:
    """The whole pipeline into ``project.site_dir``; raises BuildError with every problem found."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[phase] = now - clock
        clock = now

    inputs = gather(project, today, strict)
    lap("load")
    url = base_url(inputs.config, site_url)
    plan, pages, data = render(project, inputs, url)
    lap("render")
    staging = project.build_dir / "site.new"
    shutil.rmtree(staging, ignore_errors=True)
    jobs = assemble(project, inputs, plan, pages, data, url, staging)
    lap("assemble")
    overlapped: dict[str, float] = {}

    def typeset_pdfs() -> dict[str, bytes]:
        started = time.perf_counter()
        files = typeset(project, inputs, plan, url) if pdfs else {}  # previews (`serve`) skip them
        overlapped["pdf"] = time.perf_counter() - started
        return files

    for address, content in build_with_mkdocs(project, inputs, jobs, staging, parallel, typeset_pdfs).items():
        (staging / address).parent.mkdir(parents=True, exist_ok=True)
        (staging / address).write_bytes(content)
    write_sitemap_and_robots(staging, inputs, plan, url)
    lap("mkdocs")
    swap_into_place(staging, project.site_dir)
    lap("swap")
    timings["total"] = sum(timings.values())
    timings.update(overlapped)  # the PDFs are typeset while MkDocs builds: part of "mkdocs", not added
    return BuildResult(inputs.briefings, pages, inputs.warnings, timings)


def write_sitemap_and_robots(staging: Path, inputs: Inputs, plan, url: str) -> None:
    """One sitemap for every language, with hreflang alternates, and a robots.txt pointing to it.

    MkDocs writes one sitemap per language build, without alternates; they are replaced. The
    date comes from SOURCE_DATE_EPOCH (the data's latest date), so the bytes are reproducible.
    """
    lastmod = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=timezone.utc).date().isoformat()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    translations = [{language: url + place.url for language, place in page.places.items()} for page in plan]
    for briefing in inputs.briefings:  # each briefing's PDF, in every language it was built in
        pdfs = {language: language_prefix(language, inputs.languages) + pdf_path(briefing, language)
                for language in inputs.languages}
        translations.append({language: url + path for language, path in pdfs.items() if (staging / path).is_file()})
    for addresses in translations:
        for address in addresses.values():
            lines.append(f"  <url>\n    <loc>{escape(address)}</loc>\n    <lastmod>{lastmod}</lastmod>")
            for other, other_address in addresses.items():
                lines.append(f"    <xhtml:link rel=\"alternate\" hreflang=\"{escape(other)}\" "
                             f"href=\"{escape(other_address)}\"/>")
            if inputs.languages[0] in addresses:
                lines.append(f"    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" "
                             f"href=\"{escape(addresses[inputs.languages[0]])}\"/>")
            lines.append("  </url>")
    lines.append("</urlset>\n")
    sitemap = "\n".join(lines).encode("utf-8")
    for language in inputs.languages[1:]:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (staging / language / name).unlink(missing_ok=True)
    (staging / "sitemap.xml").write_bytes(sitemap)
    with (staging / "sitemap.xml.gz").open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=int(os.environ["SOURCE_DATE_EPOCH"])) as packed:
        packed.write(sitemap)
    (staging / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {url}sitemap.xml\n", encoding="utf-8")


def language_folder(language: str) -> str:
    """Each language builds into its own folder; they are merged once all succeeded."""
    return f"_{language}"


def _merge_language_outputs(staging: Path, languages: list[str]) -> None:
    """The default language becomes the site root; the others go under ``/<lang>/``."""
    default = staging / language_folder(languages[0])
    for language in languages[1:]:
        (staging / language_folder(language)).rename(default / language)
    for child in list(default.iterdir()):
        child.rename(staging / child.name)
    default.rmdir()


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` so that readers never see a half-written site."""
    old = staging.with_name("site.old")
    shutil.rmtree(old, ignore_errors=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if site_dir.exists():
        shutil.move(site_dir, old)  # a rename, unless site/ is on another file system
    shutil.move(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def mkdocs_config(project: Project, inputs: Inputs, language: str, plan, url: str, docs: Path,
                  output: Path) -> dict[str, Any]:
    """The root ``mkdocs.yml`` specialised for one language: its docs, address, search and nav."""
    config = dict(inputs.config)
    languages, briefings, translations = inputs.languages, inputs.briefings, inputs.translations
    prefix = language_prefix(language, languages)
    gettext = translations[language].gettext
    config["site_name"] = (briefings[0].briefing.title.get(language) if len(briefings) == 1
                           else gettext("Briefings"))
    config["site_url"] = url + prefix
    copyright = (config.get("extra") or {}).get("copyright")
    if isinstance(copyright, dict):
        config["copyright"] = copyright.get(language, "")
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(output)
    config["strict"] = True
    theme = dict(config.get("theme") or {})
    theme["language"] = language
    if "custom_dir" in theme:
        theme["custom_dir"] = str((project.config_file.parent / theme["custom_dir"]).resolve())
    config["theme"] = theme
    config["plugins"] = [_localise_plugin(plugin, language) for plugin in config.get("plugins") or ["search"]]
    extra = dict(config.get("extra") or {})
    extra["alternate"] = [{"name": Locale.parse(lang).get_display_name(lang).capitalize(),
                           "link": url + language_prefix(lang, languages), "lang": lang}
                          for lang in languages]
    extra["site_root"] = url
    extra["nav_current_section_only"] = len(briefings) > 1
    extra["not_found"] = {"title": gettext("Page not found"),
                          "text": gettext("This address does not exist, or no longer does."),
                          "home": gettext("Go to the home page")}
    config["extra"] = extra
    config["nav"] = _nav(plan, language, briefings, gettext)
    config["markdown_extensions"] = [_localise_extension(extension, gettext)
                                     for extension in config.get("markdown_extensions") or []]
    # The project's own hooks (relative to mkdocs.yml), then the generator's.
    config["hooks"] = ([str((project.config_file.parent / hook).resolve()) for hook in config.get("hooks") or []]
                       + [str(Path(__file__).with_name(name)) for name in GENERATOR_HOOKS])
    return config


GENERATOR_HOOKS = ("build_hook.py", "search_hook.py", "alternate_hook.py")
"""MkDocs hooks every language build runs (modules of this package)."""


def _localise_extension(extension: Any, gettext) -> Any:
    """Footnotes' back-links get a title in the page's language."""
    name, options = (extension, {}) if isinstance(extension, str) else next(iter(extension.items()))
    if name == "footnotes":
        return {"footnotes": {**(options or {}),
                              "BACKLINK_TITLE": gettext("Back to reference %d in the text")}}
    return extension


def _localise_plugin(plugin: Any, language: str) -> Any:
    """The search plugin indexes this language only, with its stemmer and stop words."""
    name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
    if name == "search":
        return {"search": {**(options or {}), "lang": [language]}}
    return plugin


def _nav(plan, language: str, briefings: list[Briefing], gettext) -> list[Any]:
    """Navigation: the briefing's pages (a section per briefing when there are several), then editors' pages."""
    from .render import BRIEFING_PAGES

    head: list[Any] = []
    sections: dict[str, list[Any]] = {}
    tail: list[Any] = []
    for page in plan:
        if language not in page.places:
            continue
        doc = page.places[language].doc_path
        if page.kind == "index":
            head.append({gettext("Briefings"): doc})
        elif page.briefing is not None:
            entry = {gettext(BRIEFING_PAGES[page.kind]): doc}
            if len(briefings) == 1:
                head.append(entry)
            else:
                sections.setdefault(page.briefing.id, []).append(entry)
        else:
            tail.append({page.content[language].meta["title"]: doc})
    titles = {briefing.id: briefing.briefing.title.get(language) for briefing in briefings}
    return head + [{titles[key]: entries} for key, entries in sections.items()] + tail


def _source_date_epoch(briefings: list[Briefing]) -> int:
    """Build dates (sitemap) come from the data, never from the clock."""
    latest = max(b.briefing.as_of.latest_day for b in briefings)
    return int(datetime(latest.year, latest.month, latest.day, tzinfo=timezone.utc).timestamp())


def _run_builds(jobs, parallel: bool, meanwhile: Callable[[], Any]) -> tuple[list[tuple[str, list[str], bool]], Any]:
    if parallel and len(jobs) > 1 and (os.cpu_count() or 1) > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1), mp_context=context) as pool:
            futures = [pool.submit(_mkdocs_build, job) for job in jobs]  # the workers are forked here
            extra = meanwhile()
            return [future.result() for future in futures], extra
    return [_mkdocs_build(job) for job in jobs], meanwhile()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _mkdocs_build(job: tuple[str, str, dict[str, str]]) -> tuple[str, list[str], bool]:
    """Build one language with MkDocs, strictly; return its warnings and whether it succeeded."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    language, config_path, _ = job
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    ok = True
    try:
        mkdocs_build(load_config(config_file=config_path))
    except (MkDocsException, SystemExit, OSError, yaml.YAMLError) as error:
        ok = False
        if str(error) and not str(error).startswith("Aborted with"):
            collect.messages.append(str(error))
    finally:
        logger.removeHandler(collect)
    return language, collect.messages, ok


_DOC_MESSAGE = re.compile(r"Doc file '(?P<doc>[^']+)' contains (?:a|an unrecognized relative) link '(?P<link>[^']+)'")


def locate_mkdocs_message(message: str, sources: dict[str, str], fallback: Path) -> tuple[str, int]:
    """The file and line behind an MkDocs warning about a generated page.

    MkDocs names the generated Markdown file; we name the content page or template it was
    rendered from, at the first line that contains the offending link.
    """
    match = _DOC_MESSAGE.search(message)
    if not match or match["doc"] not in sources:
        return str(fallback), 1
    source = Path(sources[match["doc"]])
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return str(source), 1
    target = match["link"].split("#")[0] or match["link"]
    line = next((number for number, text in enumerate(lines, start=1) if target in text), 1)
    return str(source), line
