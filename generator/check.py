"""Phase 2, check: everything the build needs to be true before anything is rendered or written.

``briefing check`` and ``briefing build`` run this same function on the same gathered inputs,
so that a check that passes means a build that renders. It collects every problem (each with
file, line and field) and raises once:

* what could not be read (``gather``);
* each briefing's cross-record rules (``consistency``) and its languages against ``mkdocs.yml``;
* editors' pages: front matter, a version in every language, the briefing they name, their
  template syntax, and the facts and pages they refer to by name;
* the catalogs: every message translated, none fuzzy;
* addresses: every page's is a plain name, none is a name the site uses for itself (``assets``,
  ``data``, a language code...), and no two pages share one;
* translations: a warning for each text older than its counterpart's change (``translations``).
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from .briefing import Briefing
from .cache import Cache
from .catalogs import check_catalogs
from .consistency import check_consistency
from .content import REQUIRED_FIELDS, ContentPage
from .gather import Inputs, briefing_folder
from .plan import BRIEFING_PAGES, RESERVED_NAMES, PlannedPage, plan
from .problems import BuildError, Problem, Problems, did_you_mean
from .translations import check_translations, collect, group_of


def check(inputs: Inputs, strict: bool = False, cache: Cache | None = None) -> Problems:
    """Every problem of the inputs; raises BuildError if there are errors (or, with ``strict``,
    warnings). Returns the warnings otherwise. With ``cache``, what a briefing's own checks
    found (its translations' warnings among them) is reused while its files, its texts'
    confirmations, the reference date and the site's languages are those it was found with."""
    problems = Problems(list(inputs.problems.items))
    for briefing in inputs.briefings:
        problems.items += _checked(briefing, inputs, cache)
    check_content(inputs.content, inputs.languages, inputs.briefings, inputs.project.content, problems)
    check_catalogs(inputs.catalogs, problems)
    check_addresses(inputs, problems)
    check_translations(collect([], inputs.content, inputs.languages), inputs.confirmations, problems)
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems, "check", strict=strict)
    return problems


def _checked(briefing: Briefing, inputs: Inputs, cache: Cache | None) -> list[Problem]:
    """A briefing's own problems: its cross-record rules, its languages, its texts' translations.
    The key holds the folder and the working folder too (problems name files relative to it),
    and the confirmations of its texts (``seeds/translations.yaml``, its group's records)."""
    confirmed = json.dumps(inputs.confirmations.records.get(group_of(briefing)), sort_keys=True)
    key = cache.key("check", str(briefing_folder(briefing)), str(Path.cwd()), inputs.digest(briefing),
                    inputs.today.isoformat(), confirmed, *inputs.languages) if cache else None
    if key and (stored := cache.recall("check", key, pickle.loads)) is not None:
        return stored
    problems = Problems()
    check_consistency(briefing, problems, inputs.today)
    missing = [lang for lang in inputs.languages if lang not in briefing.briefing.languages]
    if missing:
        problems.error(briefing.briefing.file, briefing.briefing.line_of("languages"), "briefing.languages",
                       f"the site is published in {', '.join(inputs.languages)} (mkdocs.yml extra.languages); "
                       f"add {', '.join(missing)}")
    check_translations(collect([briefing], [], inputs.languages), inputs.confirmations, problems)
    checked = problems.items
    if key:
        cache.put("check", key, pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL))
    return checked


def check_content(pages: list[ContentPage], languages: list[str], briefings: list[Briefing],
                  folder, problems: Problems) -> None:
    """Editors' pages: what their front matter says and what their Jinja refers to."""
    for page in pages:
        for required in REQUIRED_FIELDS:
            if not isinstance(page.meta.get(required), str) or not page.meta[required].strip():
                problems.error(page.path, 1, required, f"front matter needs a '{required}' (text)")
    keys = sorted({page.key for page in pages})
    for key in keys:
        have = {page.language for page in pages if page.key == key}
        for language in languages:
            if language not in have:
                problems.error(folder / f"{key}.{languages[0] if languages[0] in have else sorted(have)[0]}.md",
                               1, "(file)", f"no {language} version: add content/{key}.{language}.md")
    known = {briefing.id: briefing for briefing in briefings}
    page_keys = {f"{b.id}/{kind}" for b in briefings for kind in BRIEFING_PAGES} \
        | {f"content/{key}" for key in keys} | ({"index"} if len(briefings) > 1 else set())
    parser = SandboxedEnvironment(extensions=["jinja2.ext.i18n"])
    for page in pages:
        named = page.meta.get("briefing")
        if named is not None and str(named) not in known:
            problems.error(page.path, 1, "briefing", f"unknown briefing '{named}' in the front matter "
                           f"(known: {', '.join(sorted(known))})")
            continue
        own = known[str(named)] if named is not None else briefings[0] if len(briefings) == 1 else None
        # A page kind alone (``link("profile")``) names a page of the page's own briefing.
        page_names = page_keys | (set(BRIEFING_PAGES) if own else set())
        try:
            tree = parser.parse(page.template_source(), filename=str(page.path))
        except TemplateSyntaxError as error:
            problems.error(page.path, error.lineno or 1, "(template)", f"template syntax error: {error.message}")
            continue
        for call in tree.find_all(nodes.Call):
            name = call.node.name if isinstance(call.node, nodes.Name) else None
            arguments = [arg.value if isinstance(arg, nodes.Const) else None for arg in call.args]
            if name == "fact" and arguments and isinstance(arguments[0], str):
                _check_fact(page, call.lineno, arguments, own, known, problems)
            elif name in ("link", "page_url") and arguments and isinstance(arguments[0], str) \
                    and arguments[0] not in page_names:
                problems.error(page.path, call.lineno, f"{name}()",
                               f"unknown page '{arguments[0]}'{did_you_mean(arguments[0], page_names)}")


def _check_fact(page: ContentPage, line: int, arguments: list, own: Briefing | None,
                known: dict[str, Briefing], problems: Problems) -> None:
    """A ``fact("id")`` or ``fact("id", "briefing")`` call names a fact that exists."""
    fact_id, briefing = arguments[0], own
    if len(arguments) > 1 and isinstance(arguments[1], str):
        if arguments[1] not in known:
            problems.error(page.path, line, "fact()", f"unknown briefing '{arguments[1]}'"
                           f"{did_you_mean(arguments[1], set(known))}")
            return
        briefing = known[arguments[1]]
    elif len(arguments) > 1:
        return  # named by a variable: only rendering knows which
    if briefing is None:
        problems.error(page.path, line, "fact()", f"fact('{fact_id}'): the site has several briefings: "
                       "name this page's in its front matter ('briefing: <id>'), or call "
                       f"fact('{fact_id}', '<briefing id>')")
    elif not briefing.has_fact(fact_id):
        problems.error(page.path, line, "fact()", f"unknown fact '{fact_id}' in briefing '{briefing.id}'"
                       f"{did_you_mean(fact_id, {fact.id for fact in briefing.facts})}")



PAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""A page's address within its language: one plain name (``method``, ``methode``)."""


def check_addresses(inputs: Inputs, problems: Problems) -> None:
    """Addresses a page cannot have: not a plain name (``..``, ``/``, an absolute path), a name the
    site uses for itself, or another page's."""
    reserved = RESERVED_NAMES | set(inputs.languages)
    for page in inputs.content:
        slug = page.meta.get("slug")
        name, line, field = (str(slug), page.line_of("slug"), "slug") if slug is not None else (page.key, 1, "(file)")
        if not PAGE_NAME.match(name):
            problems.error(page.path, line, field, f"'{name}' cannot be a page's address: use lowercase letters, "
                           "digits, '-' and '_' (no '/', '..', '.' or spaces)")
        elif name in reserved:
            problems.error(page.path, line, field, f"'{name}' is a name the site uses for itself "
                           f"({', '.join(sorted(reserved))}): choose another")
    if len(inputs.briefings) > 1:  # each briefing is then a folder of the site
        for briefing in inputs.briefings:
            if briefing.id in reserved:
                problems.error(briefing.briefing.file, briefing.briefing.line_of("id"), "briefing.id",
                               f"'{briefing.id}' is a name the site uses for itself, and each briefing of a "
                               "site with several is a folder: choose another id")
    if problems.errors:
        return  # the addresses come from the plan, which needs the rest to be sound
    taken: dict[tuple[str, str], PlannedPage] = {}
    for page in plan(inputs.briefings, inputs.content, inputs.languages, inputs.translations).pages:
        for language, place in page.places.items():
            first = taken.setdefault((language, place.url), page)
            if first is not page:
                path, line, field = _source(page, language)
                problems.error(path, line, field, f"'/{place.url}' is also the address of "
                               f"{':'.join(map(str, _source(first, language)[:2]))}: choose another")


def _source(page: PlannedPage, language: str) -> tuple[str, int, str]:
    """Where a page's address is decided: an editor's page's slug (or name), a briefing's id."""
    if page.content:
        content = page.content[language]
        return (str(content.path), content.line_of("slug"), "slug") if "slug" in content.meta \
            else (str(content.path), 1, "(file)")
    if page.briefing:
        return page.briefing.briefing.file, page.briefing.briefing.line_of("id"), "briefing.id"
    return "mkdocs.yml", 1, "(site)"  # the index of a site with several briefings
