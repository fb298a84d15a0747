"""Phase 4, render: every planned page of every language, as Markdown (with HTML where the
generator knows the structure), from ``templates/pages/`` or from the editor's page.

Every page's error is collected before the phase raises, each naming the template or content
file and its line.
"""

from __future__ import annotations

import functools
import html
import json
import re
import signal
import threading
import traceback
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError, TemplateRuntimeError, TemplateSyntaxError

from .briefing import Briefing
from .cache import Cache, digest, tree_digest
from .formatting import N_, typography
from .gather import Inputs
from .plan import BRIEFING_PAGES, INDEX_TITLE, Place, Plan, PlannedPage
from .problems import BuildError, Problems
from .progress import Step
from .templating import Citations, FactNotFound, PageTemplates
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
class Unit:
    """A unit of work of one language: a briefing's pages, or the site's shared pages (``""``)."""

    name: str
    key: str
    """The digest of everything its pages are rendered from (their cache key)."""
    planned: list[PlannedPage]
    sources: list[str]
    """Each page's template or content file (for error messages), in ``planned``'s order."""
    load: Callable[[], list[RenderedPage]]
    """The pages. A unit the cache holds is read only when asked: an unchanged unit whose
    docs are in place (``assemble``) is never read. One rendered by this build is held
    compressed until asked."""


@dataclass
class Rendered:
    """The render phase's output: the units of each language."""

    units: dict[str, list[Unit]]

    @property
    def pages(self) -> dict[str, list[RenderedPage]]:
        """Every page of each language, unit by unit, each unit read (again) from the cache if it
        was not rendered in this build: for tests and tools, not for the build."""
        return {language: [page for unit in units for page in unit.load()] for language, units in self.units.items()}

    def count(self) -> dict[str, int]:
        return {language: sum(len(unit.planned) for unit in units) for language, units in self.units.items()}


def render(inputs: Inputs, plan: Plan, cache: Cache | None = None, jinja_cache: Path | None = None,
           step: Step | None = None) -> Rendered:
    """Every page in every language; raises BuildError with every page's problem.

    The unit of work is a briefing's pages in one language (and, apart, the site's shared pages:
    the index, editors' pages); a unit whose inputs did not change comes from ``cache``.
    ``step`` is told of each page rendered or reused (the build's progress)."""
    cache = cache or Cache(Path(), enabled=False)
    sources = {str(page.path): page.template_source() for page in inputs.content}
    inputs_of = unit_inputs(inputs, plan)
    rendered: dict[str, list[Unit]] = {}
    problems = Problems()
    for language in inputs.languages:
        templates = page_templates(inputs, plan, language, sources, jinja_cache)
        units: dict[str, list[PlannedPage]] = {}
        for page in plan.in_language(language):
            units.setdefault(page.briefing.id if page.briefing else "", []).append(page)
        catalog = inputs.catalogs[language].path.read_bytes()
        rendered[language] = []
        for name, planned in units.items():
            key = cache.key("pages", language, inputs_of[name], inputs_of["*"], catalog)
            render_unit = functools.partial(_render_unit, templates, planned, inputs.briefings, cache, key)
            if cache.has("pages", key):
                load = functools.partial(_cached_unit, cache, key, plan, language, render_unit)
            else:
                try:
                    held = zlib.compress(render_unit(), 1)
                except BuildError as error:
                    problems.extend(error.problems)
                    continue
                load = functools.partial(_held_unit, held, plan, language)
            rendered[language].append(Unit(name, key, planned, [page_source(templates, page) for page in planned], load))
            if step:
                step.advance(len(planned))
    if problems:
        raise BuildError(problems, "render")
    return Rendered(rendered)


def page_templates(inputs: Inputs, plan: Plan, language: str, sources: dict[str, str] | None = None,
                   jinja_cache: Path | None = None) -> PageTemplates:
    """The templates of ``language``, with its catalog; ``sources`` are the editors' pages by path."""
    return PageTemplates(Formatter(language, inputs.translations[language]), inputs.project.templates, plan,
                         sources or {}, inputs.today, jinja_cache)


def _render_unit(templates: PageTemplates, planned: list[PlannedPage], briefings: list[Briefing], cache: Cache,
                 key: str) -> bytes:
    """A unit's pages, rendered and stored, encoded; raises BuildError with every page's problem."""
    fresh, problems = [], Problems()
    for page in planned:
        try:
            fresh.append(render_page(templates, page, briefings))
        except BuildError as error:
            problems.extend(error.problems)
    if problems:
        raise BuildError(problems, "render")
    encoded = _encode(fresh)
    cache.put("pages", key, encoded)
    return encoded


def _cached_unit(cache: Cache, key: str, plan: Plan, language: str,
                 render_unit: Callable[[], bytes]) -> list[RenderedPage]:
    """A unit's pages from the cache; rendered again if its entry is gone or damaged since."""
    data = cache.get("pages", key)
    return _decode(data if data is not None else render_unit(), plan, language)


def _held_unit(held: bytes, plan: Plan, language: str) -> list[RenderedPage]:
    """A unit's pages rendered by this build, held compressed until assembled: at 200 briefings,
    the 260 MB of Markdown both languages make would otherwise stay whole to the build's end."""
    return _decode(zlib.decompress(held), plan, language)


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
    name = source = page_source(templates, page)
    if page.kind == "content":
        content = page.content[language]
        title, description = content.meta["title"], content.meta["description"]
        # The briefing whose facts `fact("id")` reads: the front matter's, or the only one.
        named = content.meta.get("briefing")
        context["briefing"] = (next(b for b in briefings if b.id == str(named)) if named is not None
                               else briefings[0] if len(briefings) == 1 else None)
    else:
        name = f"pages/{page.kind}.md.j2"
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


def page_source(templates: PageTemplates, page: PlannedPage) -> str:
    """The file a page is rendered from: the editor's page, or the template of its kind."""
    if page.kind == "content":
        return str(page.content[templates.language].path)
    return str(templates.folder / f"pages/{page.kind}.md.j2")


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
        return typography(briefing.briefing.description.get(language), language)
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
