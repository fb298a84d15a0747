"""Phase 4, render: every planned page of every language, as Markdown (with HTML where the
generator knows the structure), from ``templates/pages/`` or from the editor's page.

Every page's error is collected before the phase raises, each naming the template or content
file and its line.
"""

from __future__ import annotations

import html
import json
import re
import signal
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateRuntimeError, TemplateSyntaxError

from .briefing import Briefing
from .cache import Cache, digest, tree_digest
from .formatting import N_
from .gather import Inputs
from .plan import BRIEFING_PAGES, INDEX_TITLE, Place, Plan, PlannedPage
from .problems import BuildError, Problems
from .progress import Step
from .templating import FactNotFound, PageTemplates
from .values import Formatter

MAX_PAGE_CHARS = 20_000_000
"""The most a page may render (the largest page so far is about 100,000 characters)."""
MAX_RENDER_SECONDS = 20
"""The longest a page may take to render (the slowest so far takes a few hundredths of a second)."""

PROVENANCE_NOTES = "pages/partials/provenance-notes.html.j2"
"""The provenance note of every fact a page quotes, rendered after the page's body."""

_DESCRIPTIONS = {
    "profile": N_("Profile of %(subject)s: founding, leadership, funding, products, contracts."),
    "timeline": N_("Dated events of %(subject)s, with amounts and sources."),
    "watchlist": N_("Five indicators to watch on %(subject)s, with readings and checkpoints."),
    "changes": N_("What changed in the %(subject)s briefing: new facts, revisions and corrections, latest first."),
    "sources": N_("Sources of the %(subject)s briefing, their conflicts and corrections."),
    "index": N_("Intelligence briefings built from sourced facts."),
}


@dataclass
class RenderedPage:
    """One page of one language."""

    planned: PlannedPage
    language: str
    title: str
    description: str
    markdown: str
    """Body with provenance notes (no front matter)."""
    source: str
    """The template or content file it was rendered from (for error messages)."""

    @property
    def place(self) -> Place:
        return self.planned.places[self.language]


@dataclass
class Rendered:
    """The render phase's output: the pages of each language, and each language's templates
    (the PDF reuses them)."""

    pages: dict[str, list[RenderedPage]]
    templates: dict[str, PageTemplates]


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


def render(inputs: Inputs, plan: Plan, cache: Cache | None = None, jinja_cache: Path | None = None,
           step: Step | None = None) -> Rendered:
    """Every page in every language; raises BuildError with every page's problem.

    The unit of work is a briefing's pages in one language (and, apart, the site's shared pages:
    the index, editors' pages); a unit whose inputs did not change comes from ``cache``.
    ``step`` is told of each page rendered or reused (the build's progress)."""
    cache = cache or Cache(Path(), enabled=False)
    sources = {str(page.path): page.template_source() for page in inputs.content}
    inputs_of = unit_inputs(inputs, plan)
    rendered: dict[str, list[RenderedPage]] = {}
    environments: dict[str, PageTemplates] = {}
    problems = Problems()
    for language in inputs.languages:
        formatter = Formatter(language, inputs.translations[language])
        templates = PageTemplates(formatter, inputs.project.templates, plan, sources, inputs.today, jinja_cache)
        environments[language] = templates
        pages: dict[str, RenderedPage] = {}
        units: dict[str, list[PlannedPage]] = {}
        for page in plan.in_language(language):
            units.setdefault(page.briefing.id if page.briefing else "", []).append(page)
        catalog = inputs.catalogs[language].path.read_bytes()
        for unit, planned in units.items():
            key = cache.key("pages", language, inputs_of[unit], inputs_of["*"], catalog)
            cached = cache.get("pages", key)
            if cached is not None:
                pages.update({page.planned.key: page for page in _decode(cached, plan, language)})
            else:
                fresh = []
                for page in planned:
                    try:
                        fresh.append(render_page(templates, page, inputs.briefings))
                    except BuildError as error:
                        problems.extend(error.problems)
                if len(fresh) == len(planned):
                    cache.put("pages", key, _encode(fresh))
                pages.update({page.planned.key: page for page in fresh})
            if step:
                step.advance(len(planned))
        rendered[language] = [pages[page.key] for page in plan.in_language(language) if page.key in pages]
    if problems:
        raise BuildError(problems, "render")
    return Rendered(rendered, environments)


def unit_inputs(inputs: Inputs, plan: Plan) -> dict[str, str]:
    """The digest of what each unit's pages are rendered from: a briefing's folder of YAML
    (by id), the shared pages' (``""``: every briefing and the editors' pages), and what all
    units share (``"*"``: the page templates, every page's address, the reference date)."""
    digests = {briefing.id: inputs.digest(briefing) for briefing in inputs.briefings}
    digests[""] = digest(*digests.values(), tree_digest(inputs.project.content))
    addresses = json.dumps([[page.key, {lang: [place.doc_path, place.url] for lang, place in page.places.items()}]
                            for page in plan.pages])
    digests["*"] = digest(tree_digest(inputs.project.templates / "pages"), addresses, inputs.today.isoformat())
    return digests


def _encode(pages: list[RenderedPage]) -> bytes:
    return json.dumps([[page.planned.key, page.title, page.description, page.markdown, page.source]
                       for page in pages], ensure_ascii=False).encode("utf-8")


def _decode(data: bytes, plan: Plan, language: str) -> list[RenderedPage]:
    return [RenderedPage(plan.by_key[key], language, title, description, markdown, source)
            for key, title, description, markdown, source in json.loads(data)]


def render_page(templates: PageTemplates, page: PlannedPage, briefings: list[Briefing]) -> RenderedPage:
    """One planned page in the templates' language; raises BuildError naming file and line."""
    language, gettext = templates.language, templates.formatter.gettext
    citations = Citations()
    context = {"briefing": page.briefing, "briefings": briefings, "citations": citations, "page": page}
    if page.kind == "content":
        content = page.content[language]
        name = source = str(content.path)
        title, description = content.meta["title"], content.meta["description"]
        # The briefing whose facts `fact("id")` reads: the front matter's, or the only one.
        named = content.meta.get("briefing")
        context["briefing"] = (next(b for b in briefings if b.id == str(named)) if named is not None
                               else briefings[0] if len(briefings) == 1 else None)
    else:
        name = f"pages/{page.kind}.md.j2"
        source = str(templates.folder / name)
    env = templates.content_env if page.kind == "content" else templates.env
    try:
        with deadline(MAX_RENDER_SECONDS):
            body = _render(env.get_template(name), context)
            notes = _render(templates.env.get_template(PROVENANCE_NOTES), context) if citations.order else ""
    except TemplateSyntaxError as error:
        raise _error(source, error.lineno, error.message, page, language)
    except (FactNotFound, TemplateError) as error:
        raise _error(source, _template_line(error), str(error), page, language)
    except Exception as error:  # an editor's arithmetic or comparison gone wrong: 1 / 0, "a" < 1
        raise _error(source, _template_line(error), f"{type(error).__name__}: {error}", page, language)
    if page.kind != "content":
        heading = re.search(r"^# (.+)$", body, re.M)
        title = html.unescape(heading.group(1).strip()) if heading else gettext(
            BRIEFING_PAGES.get(page.kind, INDEX_TITLE))
        description = _description(page, language, gettext)
    markdown = body.strip() + "\n" + (f"\n{notes.strip()}\n" if notes else "")
    return RenderedPage(page, language, title, description, markdown, source)


class RenderLimit(TemplateRuntimeError):
    """A page went beyond ``MAX_PAGE_CHARS`` or ``MAX_RENDER_SECONDS``."""


def _render(template, context: dict) -> str:
    """``template.render(context)``, stopped once the output passes ``MAX_PAGE_CHARS``: the
    error is thrown into the template where it stands, so that it names the template's line."""
    parts, size = [], 0
    generator = template.generate(context)
    for part in generator:
        size += len(part)
        if size > MAX_PAGE_CHARS:
            generator.throw(RenderLimit(f"the page passes {MAX_PAGE_CHARS:,} characters: a loop that repeats too much?"))
        parts.append(part)
    return "".join(parts)


@contextmanager
def deadline(seconds: float):
    """Raise ``RenderLimit`` where the code is after ``seconds`` (in the main thread; elsewhere
    there is no timer to do it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise RenderLimit(f"the page took more than {seconds:g} s to render: a loop that does not end?")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _description(page: PlannedPage, language: str, gettext) -> str:
    briefing = page.briefing
    if page.kind == "home":
        return briefing.briefing.description.get(language)
    message = gettext(_DESCRIPTIONS[page.kind])
    return message % {"subject": briefing.briefing.subject} if briefing else message


def _template_line(error: Exception) -> int:
    """The template line where a runtime error happened, from Jinja's rewritten traceback."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if frame.filename.endswith((".j2", ".md"))]
    return lines[-1] if lines else 1


def _error(name: str, line: int | None, message: str, page: PlannedPage, language: str) -> BuildError:
    problems = Problems()
    problems.error(name, line or 1, f"page '{page.key}' ({language})", message)
    return BuildError(problems, "render")
