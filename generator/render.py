"""Render every page of the site to Markdown, one language at a time.

The page plan (which page exists, at which address in each language) is computed once for all
languages, so that pages can link to each other and to their translations. Each page is then
rendered by a Jinja2 template from ``templates/pages/`` (or, for editors' pages, from the
Markdown in ``content/``) with the language's gettext catalog and Babel filters.

Templates and editors' pages run in Jinja's sandbox; every value that comes from the data is
escaped so that a fact containing HTML renders as text.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.support import Translations
from jinja2 import (BaseLoader, ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader,
                    StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError, pass_context)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from . import charts, formatting
from .export import data_paths, facts_csv, facts_json, organization_jsonld
from .facts import QUOTED_FACT, Briefing, Localized, PartialDate, fact_anchor, parse_locators
from .formatting import N_, pgettext_noop
from .problems import BuildError, Problems

BRIEFING_PAGES = {
    "home": N_("Overview"),
    "profile": N_("Company profile"),
    "timeline": N_("Timeline"),
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
        # The language switcher's links are relative, so that it stays on the site wherever the
        # site is served (a local copy, a preview); hreflang links stay absolute.
        switcher = {lang: relative_url(place.url, self.place.url) for lang, place in self.planned.places.items()}
        front: dict[str, Any] = {"title": self.title, "description": self.description,
                                 "alternates": alternates, "switcher": switcher}
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
    """The facts cited on one page, numbered by first use: each gets one provenance note."""

    def __init__(self) -> None:
        self.order: list[tuple[Briefing, str]] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def number(self, briefing: Briefing, fact_id: str) -> int:
        """The note number of a fact on this page (the same each time it is quoted)."""
        key = (briefing.id, fact_id)
        if key not in self._numbers:
            self.order.append((briefing, fact_id))
            self._numbers[key] = len(self.order)
        return self._numbers[key]


def _escape_value(value: Any) -> Markup:
    """Data is escaped for HTML before it is put into Markdown, so that it renders as text."""
    return Markup.escape(value)


class TypesetTranslations:
    """A language's catalog whose messages come out with that language's typography."""

    def __init__(self, translations: Translations, language: str):
        self.translations, self.language = translations, language

    def gettext(self, message: str) -> str:
        return formatting.typography(self.translations.gettext(message), self.language)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return formatting.typography(self.translations.ngettext(singular, plural, count), self.language)

    def pgettext(self, context: str, message: str) -> str:
        return formatting.typography(self.translations.pgettext(context, message), self.language)

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        return formatting.typography(self.translations.npgettext(context, singular, plural, count),
                                     self.language)


def relative_url(target: str, here: str) -> str:
    """The address of ``target`` as seen from the page at ``here`` (both relative to the site root)."""
    path = posixpath.relpath(target.rstrip("/") or ".", here.rstrip("/") or ".")
    return "./" if path == "." else path + "/"


class PageRenderer:
    """Renders the pages of one language: catalog, filters and fact helpers bound to it.

    Helpers that link somewhere read the page being rendered from Jinja's context
    (``context["page"]``), so that every address is relative to that page.
    """

    def __init__(self, language: str, translations: Translations, templates: Path,
                 plan: list[PlannedPage], base_url: str, content_sources: dict[str, str],
                 today: date, cache: Path | None = None):
        self.language = language
        self.translations = TypesetTranslations(translations, language)
        self.plan = {page.key: page for page in plan}
        self.briefings = {page.briefing.id: page.briefing for page in plan if page.briefing}
        self.base_url = base_url
        self.templates = templates
        self.today = today
        env = SandboxedEnvironment(
            loader=ChoiceLoader([_PathLoader(content_sources), FileSystemLoader(str(templates))]),
            extensions=["jinja2.ext.i18n"], undefined=StrictUndefined, autoescape=True,
            keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
            bytecode_cache=FileSystemBytecodeCache(str(cache)) if cache else None)
        env.install_gettext_translations(self.translations, newstyle=True)
        env.filters.update(
            t=self.text, plain=self.plain, money=self.money, number=self.number, percent=self.percent,
            date=self.date, value=self.value, colon=self.colon, sentence=self.sentence,
            places=self.places, name=self.name, when=self.when, language_name=self.language_name)
        env.globals.update(fact=self.fact, cite=self.cite, link=self.link, data_link=self.data_link,
                           fact_url=self.fact_url, source_url=self.source_url,
                           sources_url=self.sources_url, page_url=self.page_url, spread=self.spread,
                           pdf_url=self.pdf_url,
                           funding_chart=charts.funding_chart, timeline_years=charts.timeline_years,
                           source_label=self.source_label, overdue=self.overdue,
                           language=language, today=today, fact_anchor=fact_anchor,
                           source_anchor=source_anchor, LEVELS=LEVELS, LEVEL_SCALE=LEVEL_SCALE,
                           STATUS_NAMES=STATUS_NAMES)
        self.env = env

    # Filters: locale formatting with this renderer's locale.
    @pass_context
    def text(self, context, value: Localized | str | None) -> Markup:
        """A text in this language, typeset; each ``{fact.id}`` it quotes becomes the figure with
        its provenance marker."""
        return self._typeset(value, lambda fact_id: self.fact(context, fact_id))

    @pass_context
    def plain(self, context, value: Localized | str | None, briefing: Briefing | None = None) -> Markup:
        """Like ``t``, but a quoted fact is its value linked to its permanent entry, without a
        marker (for texts inside a provenance note)."""
        briefing = briefing or context.get("briefing")

        def quoted(fact_id: str) -> Markup:
            fact = briefing.fact(fact_id)
            return Markup('<a href="%s">%s</a>') % (self.fact_url(context, fact_id, briefing), self.value(fact))
        return self._typeset(value, quoted)

    def _typeset(self, value: Localized | str | None, quote) -> Markup:
        if value is None:
            return Markup("")
        raw = formatting.typography(self.name(value), self.language)
        parts, last = [], 0
        for match in QUOTED_FACT.finditer(raw):
            parts += [_escape_value(raw[last:match.start()]), quote(match[1])]
            last = match.end()
        return Markup("").join(parts + [_escape_value(raw[last:])])

    def name(self, value: Localized | str) -> str:
        """A name or text that may be given once for all languages or in each."""
        return value.get(self.language) if isinstance(value, Localized) else str(value)

    def money(self, amount, currency: str, signed: bool = False) -> str:
        return formatting.format_money(amount, currency, self.language, signed)

    def number(self, value, signed: bool = False) -> str:
        return formatting.format_number(value, self.language, signed)

    def percent(self, value, signed: bool = False) -> str:
        return formatting.format_percentage(value, self.language, signed)

    def date(self, value: PartialDate | None, qualifier: str | None = None) -> str:
        if not value:
            return ""
        text = formatting.format_partial_date(value, self.language, self.translations.gettext)
        return formatting.qualify_date(text, qualifier, self.translations.gettext)

    def when(self, value: PartialDate) -> str:
        """A date with its preposition: ``le 15 septembre 2025``, ``en novembre 2025``."""
        return formatting.format_date_phrase(value, self.language, self.translations.gettext)

    def language_name(self, code: str) -> str:
        """A language's name in this language: ``fr`` is ``français`` / ``French``."""
        return Locale.parse(code).get_display_name(self.language)

    def colon(self, label: str) -> Markup:
        """``Label:`` in English, ``Label :`` in French: the label followed by a colon."""
        return Markup(self.translations.gettext("%(label)s:")) % {"label": label}

    def number_only(self, fact, upper: bool = False) -> str:
        """A numeric fact's value (or its upper bound) without qualifier, for ranges."""
        return self.amount(fact, fact.upper if upper and fact.upper is not None else fact.value)

    def amount(self, fact, number) -> str:
        """``number`` formatted as ``fact``'s values are (its currency, its sign)."""
        if fact.kind == "money":
            return self.money(number, fact.currency, fact.change)
        return self.percent(number, fact.change) if fact.kind == "percentage" else self.number(number, fact.change)

    def sentence(self, text: str) -> str:
        """Text with its first letter capitalised (``été 2017`` starting a heading)."""
        return text[:1].upper() + text[1:]

    def places(self, where: Localized | str) -> str:
        """Where in a source, in this language: ``section « En coulisses », § 1``."""
        if isinstance(where, Localized):
            return formatting.typography(where.get(self.language), self.language)
        gettext = self.translations.gettext
        return formatting.typography(gettext(LIST_SEPARATOR).join(
            formatting.format_locator(locator, gettext) for locator in parse_locators(where)), self.language)

    def value(self, fact) -> str:
        """A fact's value formatted for this language, without provenance."""
        gettext = self.translations.gettext
        if fact.kind in ("money", "count", "percentage"):
            if fact.upper is not None:
                return formatting.join_range(self.number_only(fact), self.number_only(fact, upper=True),
                                             gettext, fact.qualifier)
            return formatting.qualify(self.number_only(fact), fact.qualifier, gettext)
        if fact.kind == "date":
            return self.date(fact.value, fact.qualifier)
        return formatting.typography(self.name(fact.value), self.language)

    # Globals: facts with provenance, links between pages.
    def _briefing(self, context, briefing: Briefing | str | None, fact_id: str) -> Briefing:
        if isinstance(briefing, str):
            briefing = next((b for b in context["briefings"] if b.id == briefing), None)
        briefing = briefing or context.get("briefing")
        if briefing is None or not briefing.has_fact(fact_id):
            raise FactNotFound(f"unknown fact '{fact_id}'"
                               + ("" if briefing else " (the site has several briefings: name this "
                                  "page's in its front matter, 'briefing: <id>', or call fact('id', '<briefing id>'))"))
        return briefing

    @pass_context
    def fact(self, context, fact_id: str, briefing: Briefing | str | None = None,
             sentence: bool = False, spread: bool = True) -> Markup:
        """The fact's value and a marker that opens its provenance; the preferred value of a
        conflict shows the sources' range (unless ``spread`` is false). ``sentence``: the value
        starts a sentence."""
        briefing = self._briefing(context, briefing, fact_id)
        fact = briefing.fact(fact_id)
        text = _escape_value(self.sentence(self.value(fact)) if sentence else self.value(fact))
        if spread and self.spread(context, fact_id, briefing):
            text += " " + Markup(self.translations.gettext("(sources give %(range)s)")) % {
                "range": self.spread(context, fact_id, briefing)}
        number = context["citations"].number(briefing, fact_id)
        label = self.translations.gettext("Note %(number)s: where “%(label)s” comes from") % {
            "number": number, "label": formatting.typography(self.name(fact.label), self.language)}
        # The span lets readers' tools (and our tests) pair a figure with its twin in another language.
        # The figure's last word and its marker never part at the end of a line.
        head, _, last = str(text).rpartition(" ")
        return Markup('<span class="fact" data-fact="%s">%s<span class="fact__end">%s<button type="button" '
                      'class="fact-marker" popovertarget="pv-%s" aria-label="%s">%s</button></span></span>') % (
            fact_id, Markup(head + " " if head else ""), Markup(last), number, label, number)

    @pass_context
    def spread(self, context, fact_id: str, briefing: Briefing | None = None) -> str:
        """For the preferred value of a conflict, the range the sources give (``de 14 à 14,8 Md $US``)."""
        briefing = briefing or context["briefing"]
        span = briefing.conflict_span(fact_id)
        if not span or span[0] == span[1] or briefing.conflict_of(fact_id).preferred != fact_id:
            return ""
        fact = briefing.fact(fact_id)
        return formatting.join_range(*(self.amount(fact, bound) for bound in span), self.translations.gettext)

    @pass_context
    def cite(self, context, citations, briefing: Briefing | None = None) -> Markup:
        """Source references for a record's citations: ``Park, juillet 2025, section « … », § 1``."""
        briefing = briefing or context["briefing"]
        parts = [self._citation(context, briefing, citation) for citation in citations]
        return Markup(self.translations.gettext(LIST_SEPARATOR)).join(parts)

    def _citation(self, context, briefing: Briefing, citation) -> Markup:
        source = briefing.source(citation.source)
        return Markup('<a href="%s">%s</a>, %s') % (
            self.source_url(context, source.id, briefing), self.source_label(source), self.places(citation.where))

    def source_label(self, source) -> Markup:
        """A source's short label: its author's surname and the month (``Park, juillet 2025``),
        or, without an author, a short form of its title and the month."""
        when = self.date(source.published)
        if source.author:
            name = _escape_value(source.author.split()[-1])
        else:
            name = Markup("<cite>%s</cite>") % formatting.typography(source.short_title or source.title,
                                                                     source.language)
        return Markup(self.translations.gettext("%(name)s, %(date)s")) % {"name": name, "date": when}

    @pass_context
    def link(self, context, kind_or_key: str) -> str:
        """Relative Markdown link from the page being rendered to another page of this language."""
        current = context["page"]
        return posixpath.relpath(self._page(current, kind_or_key).places[self.language].doc_path,
                                 posixpath.dirname(current.places[self.language].doc_path) or ".")

    def _page(self, current: PlannedPage, kind_or_key: str) -> PlannedPage:
        key = kind_or_key
        if key not in self.plan and current.briefing is not None:
            key = f"{current.briefing.id}/{kind_or_key}"
        if key not in self.plan:
            raise FactNotFound(f"unknown page '{kind_or_key}'")
        return self.plan[key]

    def _url(self, context, key: str, anchor: str) -> str:
        """The address of a page of this language, relative to the page being rendered, with an anchor."""
        here = context["page"].places[self.language].url
        target = self.plan[key].places[self.language].url
        return ("" if target == here else relative_url(target, here)) + "#" + anchor

    @pass_context
    def sources_url(self, context, anchor: str, briefing: Briefing | None = None) -> str:
        """An anchor of the briefing's sources page, relative to the page being rendered."""
        briefing = briefing or context["briefing"]
        return self._url(context, f"{briefing.id}/sources", anchor)

    @pass_context
    def fact_url(self, context, fact_id: str, briefing: Briefing | None = None) -> str:
        """A fact's permanent address: its entry on its briefing's sources page (``sources/#f-deal-amount``)."""
        return self.sources_url(context, fact_anchor(fact_id), briefing)

    @pass_context
    def source_url(self, context, source_id: str, briefing: Briefing | None = None) -> str:
        return self.sources_url(context, source_anchor(source_id), briefing)

    @pass_context
    def page_url(self, context, kind_or_key: str) -> str:
        """The address of another page of this language, relative to the page being rendered."""
        current = context["page"]
        return relative_url(self._page(current, kind_or_key).places[self.language].url,
                            current.places[self.language].url)

    def overdue(self, briefing: Briefing) -> list:
        """The briefing's indicators whose checkpoint is past on the build's reference date, oldest first."""
        late = [indicator for indicator in briefing.watchlist if indicator.overdue(self.today)]
        return sorted(late, key=lambda indicator: indicator.next_checkpoint.latest_day)

    @pass_context
    def pdf_url(self, context) -> str:
        """The address of the page's briefing's PDF in this language, relative to the page."""
        from .pdf import pdf_path
        page = context["page"]
        # A briefing page exists in every language, in the site's order: the first is at the root.
        target = language_prefix(self.language, list(page.places)) + pdf_path(page.briefing, self.language)
        return posixpath.relpath(target, page.places[self.language].url.rstrip("/") or ".")

    @pass_context
    def data_link(self, context, kind: str) -> str:
        """Relative link from the page being rendered to its briefing's data file (``json``, ``csv``)."""
        page = context["page"]
        target = data_paths(page.briefing)[kind]
        return posixpath.relpath(target, posixpath.dirname(page.places[self.language].doc_path) or ".")

    def data_files(self, briefings: list[Briefing], languages: list[str]) -> dict[str, str | bytes]:
        """The facts as data, for this language: ``data/<briefing>.json`` and ``.csv``."""
        files = {}
        for briefing in briefings:
            paths = data_paths(briefing)
            files[paths["json"]] = facts_json(briefing, self.language, self.value)
            files[paths["csv"]] = facts_csv(briefing, languages)
        return files

    def render(self, page: PlannedPage, briefings: list[Briefing]) -> RenderedPage:
        """Render one planned page; raises BuildError naming the template or content file and line."""
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
            notes = self.env.get_template(PROVENANCE_NOTES).render(context) if citations.order else ""
        except TemplateSyntaxError as error:
            raise _template_error(source, error.lineno, error.message, page, self.language)
        except (FactNotFound, TemplateError) as error:
            raise _template_error(source, _template_line(error), str(error), page, self.language)
        if page.kind != "content":
            heading = re.search(r"^# (.+)$", body, re.M)
            title = html.unescape(heading.group(1).strip()) if heading else title
            description = _description(page, self.language, gettext)
        markdown = body.strip() + "\n" + (f"\n{notes.strip()}\n" if notes else "")
        return RenderedPage(page, self.language, title, description, markdown, source)


PROVENANCE_NOTES = "pages/partials/provenance-notes.html.j2"
"""The provenance note of every fact a page quotes, rendered after the page's body."""

LIST_SEPARATOR = N_("; ")
"""Between citations and values in a list (French puts a space before the semicolon)."""

LEVELS = {
    "low": N_("low"),
    "moderate": N_("moderate"),
    "elevated": N_("elevated"),
    "high": N_("very high"),
    "unknown": N_("undetermined"),
}
"""Watchlist levels, as readers see them."""

LEVEL_SCALE = ("low", "moderate", "elevated", "high")
"""The watchlist's ordered scale, lowest first; ``unknown`` is off the scale."""

STATUS_NAMES = {
    "reported": N_("reported"),
    "estimate": N_("estimate"),
    "projection": N_("projection"),
    "derived": N_("derived"),
    "corrected": N_("corrected"),
    "opinion": N_("opinion"),
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
                today: date, cache: Path | None = None) -> tuple[list[PlannedPage], dict[str, list[RenderedPage]], dict[str, dict[str, str]]]:
    """Render every page and data file in every language. Collects every page's error before raising."""
    plan = plan_pages(briefings, content, languages, translations)
    sources = {str(page.path): _body_with_line_offset(page) for page in content}
    rendered: dict[str, list[RenderedPage]] = {}
    data: dict[str, dict[str, str]] = {}
    problems = Problems()
    for language in languages:
        renderer = PageRenderer(language, translations[language], templates, plan, base_url, sources,
                                today, cache)
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
    """The body, preceded by blank lines so Jinja's line numbers are the file's line numbers;
    editors type plain spaces, the language's spacing rules are applied here."""
    return "\n" * (page.body_line - 1) + formatting.markdown_spacing(page.body, page.language)
