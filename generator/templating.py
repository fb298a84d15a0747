"""The Jinja environment the pages of one language are rendered in: filters and helpers.

Templates and editors' pages run in Jinja's sandbox, and every value that comes from the data
is escaped, for HTML and for Markdown (``formatting.escape``), so that a fact containing HTML or a
Markdown link renders as text. Values are formatted by ``values``;
this module adds what is proper to pages: a figure's provenance marker, citations, and links
between pages. Helpers that link somewhere read the page being rendered from Jinja's context
(``context["page"]``), so that every address is relative to that page.

Editors' pages are held to more than the sandbox's attribute rules: they include and import
editors' pages only (never a file outside ``content/``), and no single ``*`` or ``**`` may build
a text, list or number beyond ``MAX_REPEAT`` items or ``MAX_POWER_BITS`` bits (``"a" * 10**10``);
``range`` keeps the sandbox's cap of 100,000. A page's output is capped (``render.MAX_PAGE_CHARS``)
and so is its rendering time (``render.MAX_RENDER_SECONDS``).
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

from jinja2 import (BaseLoader, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined,
                    TemplateNotFound, pass_context)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import charts
from .formatting import escape
from .passthrough import passthrough
from .briefing import Briefing
from .facts import fact_anchor
from .feeds import FEED_PATH, UPDATE_KINDS, update_anchor
from .plan import Plan, PlannedPage, data_paths, pdf_path, relative_url
from .values import LEVEL_SCALE, LEVELS, LIST_SEPARATOR, STATUS_NAMES, Formatter


class FactNotFound(Exception):
    """A page asked for a fact or a page that does not exist."""


MAX_REPEAT = 1_000_000
"""The most characters or items one ``*`` may make."""
MAX_POWER_BITS = 4096
"""The largest number (in bits) one ``**`` may make."""


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, where no list, dict or set of the data can be changed (a page must not
    change what later pages, or the preview's later builds, read), with ``*`` and ``**`` checked
    before they run (see ``MAX_REPEAT``)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) \
                        and len(sequence) * times > MAX_REPEAT:
                    raise SecurityError(f"'*' would make {len(sequence) * times:,} characters or items "
                                        f"(at most {MAX_REPEAT:,})")
        elif isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                and right * left.bit_length() > MAX_POWER_BITS:
            raise SecurityError(f"'**' would make a number of about {right * left.bit_length():,} bits "
                                f"(at most {MAX_POWER_BITS:,})")
        return super().call_binop(context, operator, left, right)


def _as_text(value):
    """Every ``{{ value }}``: a string from the data is text, in Markdown as in HTML (``escape``)."""
    return escape(value) if isinstance(value, str) else value


def _escaping_variables(gettext):
    """Jinja's gettext escapes a message's variables for HTML only: escape them as ``_as_text`` does."""
    @pass_context
    def translated(context, *args, **variables):
        return gettext(context, *args, **{name: _as_text(value) for name, value in variables.items()})
    return translated


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


class _PathLoader(BaseLoader):
    """Loads editors' pages by path, so Jinja errors and tracebacks carry the real file name."""

    def __init__(self, sources: dict[str, str]):
        self.sources = sources

    def get_source(self, environment, template):
        if template not in self.sources:
            raise TemplateNotFound(template)
        return self.sources[template], template, lambda: True


def source_anchor(source_id: str) -> str:
    """The anchor of a source on the sources page."""
    return "source-" + re.sub(r"[^a-z0-9-]", "-", source_id)


class PageTemplates:
    """The templates of one language, with that language's catalog, filters and helpers."""

    def __init__(self, formatter: Formatter, templates: Path, plan: Plan, content_sources: dict[str, str],
                 today: date, cache: Path | None = None):
        self.formatter, self.plan, self.today, self.folder = formatter, plan, today, templates
        self.language = language = formatter.language
        if cache:
            cache.mkdir(parents=True, exist_ok=True)
        env = Sandbox(
            loader=FileSystemLoader(str(templates)),
            extensions=["jinja2.ext.i18n"], undefined=StrictUndefined, autoescape=True,
            keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, finalize=_as_text,
            bytecode_cache=FileSystemBytecodeCache(str(cache)) if cache else None)
        env.install_gettext_translations(formatter.translations, newstyle=True)
        for name in ("gettext", "ngettext", "pgettext", "npgettext"):
            env.globals[name] = _escaping_variables(env.globals[name])
        env.globals["_"] = env.globals["gettext"]  # Jinja's ``_`` looks ``gettext`` up at each call
        f = formatter
        env.filters.update(
            t=self.text, plain=self.plain, money=f.money, number=f.number, percent=f.percent, date=f.date,
            value=f.value, colon=self.colon, sentence=f.sentence, places=f.places, name=f.name, when=f.when,
            level=f.level, language_name=f.language_name, html=passthrough)
        env.globals.update(
            fact=self.fact, cite=self.cite, link=self.link, data_link=self.data_link, fact_url=self.fact_url,
            sources_url=self.sources_url, page_url=self.page_url, spread=self.spread, pdf_url=self.pdf_url,
            funding_chart=charts.funding_chart, timeline_years=charts.timeline_years,
            source_label=f.source_label, overdue=lambda briefing: briefing.overdue(today),
            language=language, today=today, fact_anchor=fact_anchor, source_anchor=source_anchor,
            LEVELS=LEVELS, LEVEL_SCALE=LEVEL_SCALE, STATUS_NAMES=STATUS_NAMES, UPDATE_KINDS=UPDATE_KINDS,
            update_anchor=update_anchor, feed_url=self.feed_url)
        self.env = env
        self.content_env = env.overlay(loader=_PathLoader(content_sources))
        """Editors' pages: the same filters and helpers, but only editors' pages to include."""

    # Texts of the data.
    @pass_context
    def text(self, context, value) -> Markup:
        """A text in this language, typeset; each ``{fact.id}`` it quotes becomes the figure with
        its provenance marker."""
        return self.formatter.typeset(value, lambda fact_id: self.fact(context, fact_id))

    @pass_context
    def plain(self, context, value, briefing: Briefing | None = None) -> Markup:
        """Like ``t``, but a quoted fact is its value linked to its permanent entry, without a
        marker (for texts inside a provenance note)."""
        briefing = briefing or context.get("briefing")
        return self.formatter.typeset(value, lambda fact_id: Markup('<a href="%s">%s</a>') % (
            self.fact_url(context, fact_id, briefing), escape(self.formatter.value(briefing.fact(fact_id)))))

    def colon(self, label: str) -> Markup:
        """``Label:`` in English, ``Label :`` in French."""
        return Markup(self.formatter.gettext("%(label)s:")) % {"label": escape(label)}

    # Facts with provenance.
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
        f = self.formatter
        briefing = self._briefing(context, briefing, fact_id)
        fact = briefing.fact(fact_id)
        text = escape(f.sentence(f.value(fact)) if sentence else f.value(fact))
        if spread and f.spread(briefing, fact_id):
            text += " " + Markup(f.gettext("(sources give %(range)s)")) % {"range": escape(f.spread(briefing, fact_id))}
        number = context["citations"].number(briefing, fact_id)
        label = f.gettext("Note %(number)s: where “%(label)s” comes from") % {
            "number": number, "label": f.words(fact.label)}
        # The span lets readers' tools (and our tests) pair a figure with its twin in another language.
        # The figure's last word and its marker never part at the end of a line.
        head, _, last = str(text).rpartition(" ")
        return passthrough(Markup('<span class="fact" data-fact="%s">%s<span class="fact__end">%s<button type="button" '
                                  'class="fact-marker" popovertarget="pv-%s" aria-label="%s">%s</button></span></span>') % (
            fact_id, Markup(head + " " if head else ""), Markup(last), number, escape(label), number))

    @pass_context
    def spread(self, context, fact_id: str, briefing: Briefing | None = None) -> str:
        return self.formatter.spread(briefing or context["briefing"], fact_id)

    @pass_context
    def cite(self, context, citations, briefing: Briefing | None = None) -> Markup:
        """Source references for a record's citations: ``Park, juillet 2025, section « … », § 1``."""
        briefing = briefing or context["briefing"]
        f = self.formatter
        return Markup(f.gettext(LIST_SEPARATOR)).join(
            Markup('<a href="%s">%s</a>, %s') % (
                self.sources_url(context, source_anchor(citation.source), briefing),
                f.source_label(briefing.source(citation.source)), escape(f.places(citation.where)))
            for citation in citations)

    # Links, relative to the page being rendered.
    def _page(self, context, kind_or_key: str) -> PlannedPage:
        """A page by key (``content/method``), or by kind (``profile``) among the pages of the
        briefing being rendered (an editor's page's is the one its front matter names, or the only one)."""
        key, briefing = kind_or_key, context.get("briefing")
        if key not in self.plan.by_key and briefing is not None:
            key = f"{briefing.id}/{kind_or_key}"
        if key not in self.plan.by_key:
            raise FactNotFound(f"unknown page '{kind_or_key}'")
        return self.plan.by_key[key]

    def _from_here(self, context, target: str, markdown: bool = False) -> Markup:
        """``target`` (relative to the site root, or to the docs folder with ``markdown``) as seen
        from the page being rendered. Addresses the generator makes are ``Markup``: made of checked
        names and anchors, they are written as they are (a ``#`` stays a ``#``)."""
        here = context["page"].places[self.language]
        if markdown:
            return Markup(posixpath.relpath(target, posixpath.dirname(here.doc_path) or "."))
        return Markup(relative_url(target, here.url))

    @pass_context
    def link(self, context, kind_or_key: str) -> Markup:
        """Relative Markdown link to another page of this language (MkDocs checks it)."""
        target = self._page(context, kind_or_key).places[self.language].doc_path
        return self._from_here(context, target, markdown=True)

    @pass_context
    def page_url(self, context, kind_or_key: str) -> Markup:
        """The address of another page of this language."""
        return self._from_here(context, self._page(context, kind_or_key).places[self.language].url)

    @pass_context
    def sources_url(self, context, anchor: str, briefing: Briefing | None = None) -> Markup:
        """An anchor of the briefing's sources page."""
        briefing = briefing or context["briefing"]
        target = self.plan.by_key[f"{briefing.id}/sources"].places[self.language].url
        here = context["page"].places[self.language].url
        return Markup(("" if target == here else relative_url(target, here)) + "#" + anchor)

    @pass_context
    def fact_url(self, context, fact_id: str, briefing: Briefing | None = None) -> Markup:
        """A fact's permanent address: its entry on its briefing's sources page (``sources/#f-deal-amount``)."""
        return self.sources_url(context, fact_anchor(fact_id), briefing)

    def _file_url(self, context, target: str) -> Markup:
        """A file of this language's folder (``pdf/scale-ai-fr.pdf``) as seen from the page."""
        here = context["page"].places[self.language].url
        return Markup(posixpath.relpath(self.plan.prefix(self.language) + target, here.rstrip("/") or "."))

    @pass_context
    def pdf_url(self, context) -> Markup:
        """The address of the page's briefing's PDF in this language."""
        return self._file_url(context, pdf_path(context["page"].briefing, self.language))

    @pass_context
    def feed_url(self, context) -> Markup:
        """The address of this language's Atom feed."""
        return self._file_url(context, FEED_PATH)

    @pass_context
    def data_link(self, context, kind: str) -> Markup:
        """Relative link to the page's briefing's data file (``json``, ``csv``)."""
        return self._from_here(context, data_paths(context["page"].briefing)[kind], markdown=True)
