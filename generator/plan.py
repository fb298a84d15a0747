"""Phase 3, plan: every page's file and address in every language, and each language's navigation.

The plan is decided once, before anything is rendered, so that pages can link to each other
and to their translations, and so that the navigation, the configuration and the sitemap all
read the same addresses. One briefing is published at the site root; several get a folder each
(``/<id>/``) and a site index listing them. The first language is at the root, the others
under ``/<lang>/``.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel.support import Translations

from .briefing import Briefing
from .content import ContentPage
from .formatting import N_, pgettext_noop, typography

BRIEFING_PAGES = {
    "home": N_("Overview"),
    "profile": N_("Company profile"),
    "timeline": N_("Timeline"),
    "watchlist": N_("Watchlist"),
    "changes": N_("What changed"),
    "sources": N_("Sources"),
}
"""The pages every briefing has, with their navigation titles; templates are ``pages/<kind>.md.j2``."""

INDEX_TITLE = N_("Briefings")
"""The site index's title, when the site has several briefings."""

SLUGS = {
    "profile": pgettext_noop("slug", "profile"),
    "timeline": pgettext_noop("slug", "timeline"),
    "watchlist": pgettext_noop("slug", "watchlist"),
    "changes": pgettext_noop("slug", "changes"),
    "sources": pgettext_noop("slug", "sources"),
}
"""Address of each page kind, translated through the catalog's ``slug`` context (``profil``)."""



def site_title(briefings: list[Briefing], language: str, gettext) -> str:
    """The site's name in a language: its briefing's title, or "Briefings" when there are several,
    with the language's typography (``Scale AI : …`` with a no-break space in French)."""
    return typography(briefings[0].briefing.title.get(language) if len(briefings) == 1 else gettext(INDEX_TITLE),
                      language)


DATA_FOLDER = "data"
PDF_FOLDER = "pdf"
RESERVED_NAMES = frozenset({
    DATA_FOLDER, PDF_FOLDER, "assets", "search", "pagefind", "javascripts", "stylesheets", "partials",
    "index", "404", "404.html", "index.html", "feed.xml", "sitemap.xml", "sitemap.xml.gz", "robots.txt"})
"""Names at a language's root that the site itself uses (Material's assets, the theme's folders,
the data files, the PDFs, the search index, the feed): no page or briefing folder may take one,
nor a language code."""


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


@dataclass
class Plan:
    """Every page of the site, its addresses, and the navigation of each language."""

    languages: list[str]
    pages: list[PlannedPage]
    navigation: dict[str, list[Any]]
    """MkDocs' ``nav`` for each language: titles and docs paths."""
    build_date: date
    """The date the site is dated by (sitemap, MkDocs' build date): the latest briefing's as-of
    date or update, never the clock, so that the same inputs give the same bytes."""

    def __post_init__(self) -> None:
        self.by_key = {page.key: page for page in self.pages}

    def prefix(self, language: str) -> str:
        """``""`` for the first language (the site root), ``en/`` for the others."""
        return language_prefix(language, self.languages)

    def in_language(self, language: str) -> list[PlannedPage]:
        return [page for page in self.pages if language in page.places]


def language_prefix(language: str, languages: list[str]) -> str:
    """The first language is served at the site root, the others under ``/<lang>/``."""
    return "" if language == languages[0] else f"{language}/"


@functools.lru_cache(maxsize=1 << 16)  # a page's few targets, asked for by each of its figures
def relative_url(target: str, here: str) -> str:
    """The address of ``target`` as seen from the page at ``here`` (both relative to the site root)."""
    path = posixpath.relpath(target.rstrip("/") or ".", here.rstrip("/") or ".")
    return "./" if path == "." else path + "/"


def data_paths(briefing: Briefing) -> dict[str, str]:
    """Where a briefing's data files go inside a language's docs folder."""
    return {"json": f"{DATA_FOLDER}/{briefing.id}.json", "csv": f"{DATA_FOLDER}/{briefing.id}.csv"}


def pdf_path(briefing: Briefing, language: str) -> str:
    """Where a briefing's PDF goes inside a language's folder: ``pdf/scale-ai-fr.pdf``."""
    return f"{PDF_FOLDER}/{briefing.id}-{language}.pdf"


def plan(briefings: list[Briefing], content: list[ContentPage], languages: list[str],
         translations: dict[str, Translations]) -> Plan:
    """Decide every page's file and address in every language, and the navigation."""
    single = len(briefings) == 1

    def place(language: str, folder: str, slug: str | None) -> Place:
        doc = posixpath.join(folder, f"{slug}.md" if slug else "index.md")
        url = posixpath.join(folder, f"{slug}/" if slug else "")
        url = url if url in ("", "/") or url.endswith("/") else url + "/"
        return Place(doc, language_prefix(language, languages) + (url if url != "/" else ""))

    pages: list[PlannedPage] = []
    if not single:
        pages.append(PlannedPage("index", "index", None, {lang: place(lang, "", None) for lang in languages}))
    for briefing in briefings:
        folder = "" if single else briefing.id
        for kind in BRIEFING_PAGES:
            places = {lang: place(lang, folder, None if kind == "home" else
                                  translations[lang].pgettext("slug", SLUGS[kind]))
                      for lang in languages}
            pages.append(PlannedPage(f"{briefing.id}/{kind}", kind, briefing, places))
    by_key: dict[str, dict[str, ContentPage]] = {}
    for page in content:
        by_key.setdefault(page.key, {})[page.language] = page
    for key, versions in sorted(by_key.items(), key=lambda item: (_order(item[1]), item[0])):
        places = {lang: place(lang, "", str(versions[lang].meta.get("slug") or key)) for lang in versions}
        pages.append(PlannedPage(f"content/{key}", "content", None, places, versions))
    navigation = {language: _navigation(pages, language, briefings, translations[language].gettext)
                  for language in languages}
    return Plan(languages, pages, navigation, max(day for briefing in briefings for day in
                                                  [briefing.briefing.as_of.latest_day,
                                                   *(update.date.latest_day for update in briefing.updates)]))


def _order(versions: dict[str, ContentPage]) -> int:
    orders = [v.meta.get("order") for v in versions.values() if isinstance(v.meta.get("order"), int)]
    return min(orders) if orders else 1000


def _navigation(pages: list[PlannedPage], language: str, briefings: list[Briefing], gettext) -> list[Any]:
    """The briefing's pages (a section per briefing when there are several), then editors' pages."""
    head: list[Any] = []
    sections: dict[str, list[Any]] = {}
    tail: list[Any] = []
    for page in pages:
        if language not in page.places:
            continue
        doc = page.places[language].doc_path
        if page.kind == "index":
            head.append({gettext(INDEX_TITLE): doc})
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
