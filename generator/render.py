"""Render every page of the site to Markdown, one language at a time.

The page plan (which page exists, at which address in each language) is computed once for all
languages, so that pages can link to each other and to their translations. Each page is then
rendered by a Jinja2 template from ``templates/pages/`` (or, for editors' pages, from the
Markdown in ``content/``) with the language's gettext catalog and Babel filters.

Templates and editors' pages run in Jinja's sandbox; every value that comes from the data is
escaped so that a fact containing HTML renders as text.
"""

from __future__ import annotations

import json
import posixpath
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from babel.support import Translations
from jinja2 import (BaseLoader, ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader,
                    StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError, pass_context)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from . import formatting
from .export import data_paths, facts_csv, facts_json, organization_jsonld
from .facts import Briefing, Localized, PartialDate
from .formatting import N_, pgettext_noop
from .problems import BuildError, Problems

BRIEFING_PAGES = {
    "home": N_("Overview"),
    "profile": N_("Company profile"),
    "timeline": N_("Deal timeline"),
    "watchlist": N_("Watchlist"),
    "sources": N_("Sources"),
}
"""The pages every briefing has, with their navigation titles; templates are ``pages/<kind>.md.j2``."""

SLUGS = {
    "profile": pgettext_noop("slug", "profile"),
    "timeline": pgettext_noop("slug", "timeline"),
    "watchlist": pgettext_noop("slug", "watchlist"),
    "sources": pgettext_noop("slug", "sources"),
}
"""Address of each page kind, translated through the catalog's ``slug`` context (``profil``)."""


# --- Editors' pages -----------------------------------------------------------------------

@dataclass
class ContentPage:
    """An editor's Markdown page in one language: ``content/<key>.<lang>.md``."""

    key: str
    """The page's name, shared by its translations (``method``)."""
    language: str
    path: Path
    meta: dict[str, Any]
    """Front matter: ``title`` and ``description`` are required, ``slug`` and ``order`` optional."""
    body: str
    body_line: int
    """The line of ``path`` the body starts on (after the front matter)."""


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)


def read_content(content: Path, languages: list[str], problems: Problems) -> list[ContentPage]:
    """Read every ``content/<key>.<lang>.md``; each key must exist in every language."""
    pages: list[ContentPage] = []
    if not content.is_dir():
        return pages
    for path in sorted(content.glob("*.md")):
        stem, _, language = path.stem.rpartition(".")
        if not stem or language not in languages:
            problems.error(path, 1, "(file)", f"name content pages <name>.<language>.md with a language "
                           f"among {', '.join(languages)} (for example method.{languages[0]}.md)")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problems.error(path, 1, "(file)", f"not valid UTF-8 (offset {error.start}); save the file as UTF-8")
            continue
        match = _FRONT_MATTER.match(text)
        meta: Any = {}
        if match:
            try:
                meta = yaml.safe_load(match.group(1)) or {}
            except yaml.MarkedYAMLError as error:
                line = (error.problem_mark.line + 2) if error.problem_mark else 1
                problems.error(path, line, "(front matter)", f"YAML syntax error: {error.problem}")
                continue
        if not isinstance(meta, dict):
            problems.error(path, 1, "(front matter)", "expected a mapping between the '---' lines")
            continue
        for required in ("title", "description"):
            if not isinstance(meta.get(required), str) or not meta[required].strip():
                problems.error(path, 1, required, f"front matter needs a '{required}' (text)")
        body_line = text[: match.end()].count("\n") + 1 if match else 1
        pages.append(ContentPage(stem, language, path, meta, text[match.end():] if match else text, body_line))
    keys = {page.key for page in pages}
    for key in sorted(keys):
        have = {page.language for page in pages if page.key == key}
        for language in languages:
            if language not in have:
                problems.error(content / f"{key}.{languages[0] if languages[0] in have else sorted(have)[0]}.md",
                               1, "(file)", f"no {language} version: add content/{key}.{language}.md")
    return pages


# --- The page plan ------------------------------------------------------------------------

@dataclass
class Place:
    """Where a page lives in one language."""

    doc_path: str
    """Path inside that language's docs folder (``profil.md``, ``scale-ai/index.md``)."""
    url: str
    """Address relative to the site root (``profil/``, ``en/profile/``)."""


@dataclass
class PlannedPage:
    key: str
    """Unique key shared by the translations of the page (``scale-ai/profile``, ``content/method``)."""
    kind: str
    """``home``, ``profile``... for briefing pages, ``index`` for the site index, ``content``."""
    briefing: Briefing | None
    places: dict[str, Place]
    content: dict[str, ContentPage] = field(default_factory=dict)


def language_prefix(language: str, languages: list[str]) -> str:
    """The first language is served at the site root, the others under ``/<lang>/``."""
    return "" if language == languages[0] else f"{language}/"


def plan_pages(briefings: list[Briefing], content: list[ContentPage], languages: list[str],
               translations: dict[str, Translations]) -> list[PlannedPage]:
    """Decide every page's file and address in every language, before anything is rendered.

    One briefing is published at the site root; several get a folder each (``/<id>/``) and a
    site index listing them.
    """
    single = len(briefings) == 1

    def place(language: str, folder: str, slug: str | None) -> Place:
        doc = posixpath.join(folder, f"{slug}.md" if slug else "index.md")
        url = posixpath.join(folder, f"{slug}/" if slug else "")
        url = url if url in ("", "/") or url.endswith("/") else url + "/"
        return Place(doc, language_prefix(language, languages) + (url if url != "/" else ""))

    plan: list[PlannedPage] = []
    if not single:
        plan.append(PlannedPage("index", "index", None, {lang: place(lang, "", None) for lang in languages}))
    for briefing in briefings:
        folder = "" if single else briefing.id
        for kind in BRIEFING_PAGES:
            places = {lang: place(lang, folder, None if kind == "home" else
                                  translations[lang].pgettext("slug", SLUGS[kind]))
                      for lang in languages}
            plan.append(PlannedPage(f"{briefing.id}/{kind}", kind, briefing, places))
    by_key: dict[str, dict[str, ContentPage]] = {}
    for page in content:
        by_key.setdefault(page.key, {})[page.language] = page
    for key, versions in sorted(by_key.items(), key=lambda item: (_order(item[1]), item[0])):
        places = {lang: place(lang, "", str(versions[lang].meta.get("slug") or key)) for lang in versions}
        plan.append(PlannedPage(f"content/{key}", "content", None, places, versions))
    return plan


def _order(versions: dict[str, ContentPage]) -> int:
    orders = [v.meta.get("order") for v in versions.values() if isinstance(v.meta.get("order"), int)]
    return min(orders) if orders else 1000


# --- Rendering ----------------------------------------------------------------------------

@dataclass
class RenderedPage:
    """One page of one language, ready to be written into that language's docs folder."""

    planned: PlannedPage
    language: str
    title: str
    description: str
    markdown: str
    """Body with footnotes (no front matter)."""
    source: str
    """The template or content file it was rendered from (for error messages)."""

    @property
    def place(self) -> Place:
        return self.planned.places[self.language]

    def document(self, languages: list[str], base_url: str) -> str:
        """The Markdown file as written to disk: front matter with title, description, alternates."""
        alternates = {lang: base_url + place.url for lang, place in self.planned.places.items()}
        front: dict[str, Any] = {"title": self.title, "description": self.description, "alternates": alternates}
        if self.planned.kind == "profile":
            front["jsonld"] = json.dumps(organization_jsonld(self.planned.briefing, self.language,
                                                             alternates[self.language]),
                                         ensure_ascii=False, sort_keys=True)
        return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + self.markdown


class _PathLoader(BaseLoader):
    """Loads editors' pages by path, so Jinja errors and tracebacks carry the real file name."""

    def __init__(self, sources: dict[str, str]):
        self.sources = sources

    def get_source(self, environment, template):
        if template not in self.sources:
            raise TemplateNotFound(template)
        return self.sources[template], template, lambda: True


class FactNotFound(Exception):
    """An editor's page or a template asked for a fact id the briefing does not have."""


class Citations:
    """The footnotes of one page: each fact cited gets one note, numbered by first use."""

    def __init__(self) -> None:
        self.order: list[tuple[str, str]] = []

    def note(self, briefing: Briefing, fact_id: str) -> str:
        key = (briefing.id, fact_id)
        if key not in self.order:
            self.order.append(key)
        return f"[^{self.order.index(key) + 1}]"


def _escape_value(value: Any) -> Markup:
    """Data is escaped for HTML before it is put into Markdown, so that it renders as text."""
    return Markup.escape(value)


class PageRenderer:
    """Renders the pages of one language: catalog, filters and fact helpers bound to it."""

    def __init__(self, language: str, translations: Translations, templates: Path,
                 plan: list[PlannedPage], base_url: str, content_sources: dict[str, str],
                 cache: Path | None = None):
        self.language = language
        self.translations = translations
        self.plan = {page.key: page for page in plan}
        self.briefings = {page.briefing.id: page.briefing for page in plan if page.briefing}
        self._notes: dict[tuple[str, str, str], str] = {}
        self.base_url = base_url
        self.templates = templates
        env = SandboxedEnvironment(
            loader=ChoiceLoader([_PathLoader(content_sources), FileSystemLoader(str(templates))]),
            extensions=["jinja2.ext.i18n"], undefined=StrictUndefined, autoescape=True,
            keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
            bytecode_cache=FileSystemBytecodeCache(str(cache)) if cache else None)
        env.install_gettext_translations(translations, newstyle=True)
        env.filters.update(
            t=self.text, money=self.money, number=self.number, percent=self.percent,
            date=self.date, value=self.value, colon=self.colon,
            sentence=self.sentence)
        env.globals.update(fact=self.fact, cite=self.cite, link=self.link, data_link=self.data_link,
                           language=language,
                           source_anchor=source_anchor, LEVELS=LEVELS)
        self.env = env

    # Filters: locale formatting with this renderer's locale.
    def text(self, value: Localized | str | None) -> str:
        if value is None:
            return ""
        return value.get(self.language) if isinstance(value, Localized) else value

    def money(self, amount, currency: str) -> str:
        return formatting.format_money(amount, currency, self.language)

    def number(self, value) -> str:
        return formatting.format_number(value, self.language)

    def percent(self, value) -> str:
        return formatting.format_percentage(value, self.language)

    def date(self, value: PartialDate | None) -> str:
        return formatting.format_partial_date(value, self.language, self.translations.gettext) if value else ""

    def colon(self, label: str) -> Markup:
        """``Label:`` in English, ``Label :`` in French: the label followed by a colon."""
        return Markup(self.translations.gettext("%(label)s:")) % {"label": label}

    def number_only(self, fact, upper: bool = False) -> str:
        """A numeric fact's value (or its upper bound) without qualifier, for ranges."""
        number = fact.upper if upper and fact.upper is not None else fact.value
        if fact.kind == "money":
            return self.money(number, fact.currency)
        return self.percent(number) if fact.kind == "percentage" else self.number(number)

    def sentence(self, text: str) -> str:
        """Text with its first letter capitalised (``été 2017`` starting a heading)."""
        return text[:1].upper() + text[1:]

    def value(self, fact) -> str:
        """A fact's value formatted for this language, without provenance."""
        gettext = self.translations.gettext
        if fact.kind in ("money", "count", "percentage"):
            single = {"money": lambda v: self.money(v, fact.currency), "count": self.number,
                      "percentage": self.percent}[fact.kind]
            text = single(fact.value)
            if fact.upper is not None:
                text = formatting.join_range(text, single(fact.upper), gettext)
            return formatting.qualify(text, fact.qualifier, gettext)
        if fact.kind == "date":
            return self.date(fact.value)
        if fact.kind == "text":
            return self.text(fact.value)
        return fact.value

    # Globals: facts with provenance, links between pages.
    @pass_context
    def fact(self, context, fact_id: str, briefing: Briefing | None = None) -> Markup:
        """The fact's value with its provenance footnote; a conflict shows the sources' range."""
        if isinstance(briefing, str):
            briefing = next((b for b in context["briefings"] if b.id == briefing), None)
        briefing = briefing or context.get("briefing")
        if briefing is None or not briefing.has_fact(fact_id):
            raise FactNotFound(f"unknown fact '{fact_id}'"
                               + ("" if briefing else " (the site has several briefings: name this "
                                  "page's in its front matter, 'briefing: <id>', or call fact('id', '<briefing id>'))"))
        fact = briefing.fact(fact_id)
        text = str(_escape_value(self.value(fact)))
        conflict = briefing.conflict_of(fact_id)
        if conflict and fact.kind in ("money", "count", "percentage"):
            values = sorted((briefing.fact(f) for f in conflict.facts), key=lambda f: f.value)
            low, high = self.number_only(values[0]), self.number_only(values[-1], upper=True)
            if low != high:
                spread = formatting.join_range(low, high, self.translations.gettext)
                text += " " + self.translations.gettext("(sources give %(range)s)") % {"range": _escape_value(spread)}
        # The span lets readers' tools (and our tests) pair a figure with its twin in another language.
        return Markup(f'<span class="fact" data-fact="{_escape_value(fact_id)}">{text}</span>'
                      + context["citations"].note(briefing, fact_id))

    @pass_context
    def cite(self, context, citations) -> Markup:
        """Inline source references for a record's citations: ``[Title](sources#…), §3``."""
        briefing = context["briefing"]
        parts = [self._citation_text(briefing, citation) for citation in citations]
        return Markup(self.translations.gettext(LIST_SEPARATOR).join(parts))

    def link(self, kind_or_key: str) -> str:
        """Relative Markdown link from the page being rendered to another page of this language."""
        current = self._current
        key = kind_or_key
        if key not in self.plan and current.briefing is not None:
            key = f"{current.briefing.id}/{kind_or_key}"
        if key not in self.plan:
            raise FactNotFound(f"unknown page '{kind_or_key}'")
        target = self.plan[key].places[self.language].doc_path
        here = posixpath.dirname(current.places[self.language].doc_path)
        return posixpath.relpath(target, here or ".")

    def data_link(self, kind: str) -> str:
        """Relative link from the page being rendered to its briefing's data file (``json``, ``csv``)."""
        target = data_paths(self._current.briefing)[kind]
        here = posixpath.dirname(self._current.places[self.language].doc_path)
        return posixpath.relpath(target, here or ".")

    def data_files(self, briefings: list[Briefing], languages: list[str]) -> dict[str, str]:
        """The facts as data, for this language: ``data/<briefing>.json`` and ``.csv``."""
        files = {}
        for briefing in briefings:
            paths = data_paths(briefing)
            files[paths["json"]] = facts_json(briefing, self.language, self.value)
            files[paths["csv"]] = facts_csv(briefing, languages)
        return files

    def footnotes(self, citations: Citations) -> str:
        """The footnote definitions for every fact cited on the page."""
        here = posixpath.dirname(self._current.places[self.language].doc_path)
        return "\n".join(f"[^{number}]: {self._note(briefing_id, fact_id, here)}"
                         for number, (briefing_id, fact_id) in enumerate(citations.order, start=1))

    def _note(self, briefing_id: str, fact_id: str, here: str) -> str:
        """A fact's provenance note; the same on every page of one folder, so made once."""
        key = (briefing_id, fact_id, here)
        if key not in self._notes:
            self._notes[key] = self._make_note(self.briefings[briefing_id], fact_id)
        return self._notes[key]

    def _make_note(self, briefing: Briefing, fact_id: str) -> str:
        gettext = self.translations.gettext
        separator = gettext(LIST_SEPARATOR)
        fact = briefing.fact(fact_id)
        conflict = briefing.conflict_of(fact_id)
        facts = [briefing.fact(f) for f in conflict.facts] if conflict else [fact]
        parts = []
        for member in facts:
            sources = separator.join(self._citation_text(briefing, c) for c in member.citations)
            parts.append(gettext("%(value)s according to %(sources)s") % {
                "value": _escape_value(self.value(member)), "sources": sources})
        note = gettext("%(label)s: %(values)s.") % {"label": _escape_value(self.text(fact.label)),
                                                    "values": separator.join(parts)}
        note += " " + gettext("As of %(date)s, status: %(status)s.") % {
            "date": self.date(fact.as_of), "status": gettext(STATUS_NAMES[fact.status.value])}
        if conflict:
            preferred = briefing.fact(conflict.preferred)
            note += " " + gettext("Sources disagree; preferred value: %(value)s (%(reason)s).") % {
                "value": _escape_value(self.value(preferred)),
                "reason": _escape_value(self.text(conflict.reason).rstrip("."))}
        for correction in briefing.corrections_of(fact_id):
            note += " " + gettext("Corrected: the source says “%(says)s”.") % {
                "says": _escape_value(correction.says)}
        return note

    def _citation_text(self, briefing: Briefing, citation) -> str:
        source = briefing.source(citation.source)
        link = self.link(f"{briefing.id}/sources") + "#" + source_anchor(source.id)
        return f"[{_escape_value(source.title)}]({link}), {_escape_value(citation.where)}"

    def render(self, page: PlannedPage, briefings: list[Briefing]) -> RenderedPage:
        """Render one planned page; raises BuildError naming the template or content file and line."""
        self._current = page
        citations = Citations()
        context = {"briefing": page.briefing, "briefings": briefings, "citations": citations,
                   "page": page, "plan": self.plan}
        gettext = self.translations.gettext
        if page.kind == "content":
            content = page.content[self.language]
            name, title, description = str(content.path), content.meta["title"], content.meta["description"]
            source = name
            # The briefing whose facts `fact("id")` reads: the front matter's, or the only one.
            named = content.meta.get("briefing")
            if named is not None and str(named) not in self.briefings:
                raise _template_error(source, 1, f"unknown briefing '{named}' in the front matter "
                                      f"(known: {', '.join(sorted(self.briefings))})", page, self.language)
            context["briefing"] = (self.briefings[str(named)] if named is not None
                                   else briefings[0] if len(briefings) == 1 else None)
        else:
            name = f"pages/{page.kind}.md.j2"
            source = str(self.templates / name)
            title = gettext(BRIEFING_PAGES.get(page.kind, N_("Briefings")))
            description = ""
        try:
            body = self.env.get_template(name).render(context)
        except TemplateSyntaxError as error:
            raise _template_error(source, error.lineno, error.message, page, self.language)
        except (FactNotFound, TemplateError) as error:
            raise _template_error(source, _template_line(error), str(error), page, self.language)
        if page.kind != "content":
            heading = re.search(r"^# (.+)$", body, re.M)
            title = heading.group(1).strip() if heading else title
            description = _description(page, self.language, gettext)
        notes = self.footnotes(citations)
        markdown = body.strip() + "\n" + (f"\n{notes}\n" if notes else "")
        return RenderedPage(page, self.language, title, description, markdown, source)


LIST_SEPARATOR = N_("; ")
"""Between citations and values in a list (French puts a space before the semicolon)."""

LEVELS = {
    "low": N_("low"),
    "moderate": N_("moderate"),
    "elevated": N_("elevated"),
    "high": N_("high"),
    "unknown": N_("unknown"),
}
"""Watchlist levels, as readers see them."""

STATUS_NAMES = {
    "reported": N_("reported"),
    "estimate": N_("estimate"),
    "projection": N_("projection"),
    "derived": N_("derived"),
    "corrected": N_("corrected"),
}

_DESCRIPTIONS = {
    "profile": N_("Profile of %(subject)s: founding, leadership, funding, products, contracts."),
    "timeline": N_("Dated events of %(subject)s, with amounts and sources."),
    "watchlist": N_("Five indicators to watch on %(subject)s, with readings and checkpoints."),
    "sources": N_("Sources of the %(subject)s briefing, their conflicts and corrections."),
    "index": N_("Intelligence briefings built from sourced facts."),
}


def _description(page: PlannedPage, language: str, gettext) -> str:
    briefing = page.briefing
    if page.kind == "home":
        return briefing.briefing.description.get(language)
    message = gettext(_DESCRIPTIONS[page.kind])
    return message % {"subject": briefing.briefing.subject} if briefing else message


def source_anchor(source_id: str) -> str:
    """The anchor of a source on the sources page."""
    return "source-" + re.sub(r"[^a-z0-9-]", "-", source_id)


def _template_line(error: Exception) -> int:
    """The template line where a runtime error happened, from Jinja's rewritten traceback."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if frame.filename.endswith((".j2", ".md"))]
    return lines[-1] if lines else 1


def _template_error(name: str, line: int | None, message: str, page: PlannedPage, language: str) -> BuildError:
    problems = Problems()
    problems.error(name, line or 1, f"page '{page.key}' ({language})", message)
    return BuildError(problems, "render")


def render_site(briefings: list[Briefing], content: list[ContentPage], languages: list[str],
                translations: dict[str, Translations], templates: Path, base_url: str,
                cache: Path | None = None) -> tuple[list[PlannedPage], dict[str, list[RenderedPage]], dict[str, dict[str, str]]]:
    """Render every page and data file in every language. Collects every page's error before raising."""
    plan = plan_pages(briefings, content, languages, translations)
    sources = {str(page.path): _body_with_line_offset(page) for page in content}
    rendered: dict[str, list[RenderedPage]] = {}
    data: dict[str, dict[str, str]] = {}
    problems = Problems()
    for language in languages:
        renderer = PageRenderer(language, translations[language], templates, plan, base_url, sources, cache)
        pages = []
        for page in plan:
            if language not in page.places:
                continue
            try:
                pages.append(renderer.render(page, briefings))
            except BuildError as error:
                problems.extend(error.problems)
        rendered[language] = pages
        data[language] = renderer.data_files(briefings, languages)
    if problems:
        raise BuildError(problems, "render")
    return plan, rendered, data


def _body_with_line_offset(page: ContentPage) -> str:
    """The body, preceded by blank lines so Jinja's line numbers are the file's line numbers."""
    return "\n" * (page.body_line - 1) + page.body
